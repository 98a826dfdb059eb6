// Marks database work as background work, so that on SQLite it yields the one writer to request work.
//
// SQLite has one writer and app/db/sqlite-writer.ts hands it out in turn, to Prisma and to the hot paths' SQL alike.
// Work a request is waiting for (storing a webhook delivery, reading a balance) goes ahead of work no one is waiting
// for (applying stored deliveries, sweeps) whenever both are queued. The mark follows the async call chain
// (AsyncLocalStorage), so everything the work does through Prisma or sqlDb carries it. On PostgreSQL it changes nothing.
import { AsyncLocalStorage } from "node:async_hooks";

const background = new AsyncLocalStorage<true>();

export function runAsBackgroundWork<T>(work: () => Promise<T>): Promise<T> {
  return background.run(true, work);
}

export function isBackgroundWork(): boolean {
  return background.getStore() === true;
}
