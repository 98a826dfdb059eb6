// SQLite's one writer, shared by everything in the process that talks to the database.
//
// The app keeps one SQLite connection: Prisma's driver adapter opens it and the hot paths' SQL (app/db/sql.server.ts)
// runs on the same connection. better-sqlite3 is synchronous and its adapter only serialises transactions against
// each other: a statement issued while another caller's transaction is open would run *inside* that transaction
// and be lost if it rolls back. So every statement outside a transaction and every whole transaction — Prisma's
// and Kysely's alike — takes this one lock.
//
// Fairness: waiters are granted strictly in arrival order (first come, first served), except that work marked as
// background (app/db/background-priority.ts: applying stored webhook deliveries, sweeps) waits while any request's
// work is queued.
import type Database from "better-sqlite3";
import { isBackgroundWork } from "./background-priority";

export class WriterLock {
  private held = false;
  private readonly urgent: Array<() => void> = [];
  private readonly deferred: Array<() => void> = [];

  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = () => {
        this.held = true;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.release();
        });
      };
      if (!this.held) grant();
      else (isBackgroundWork() ? this.deferred : this.urgent).push(grant);
    });
  }

  private release() {
    this.held = false;
    const next = this.urgent.shift() ?? this.deferred.shift();
    next?.();
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/**
 * Settings for the embedded default, applied once when the connection opens:
 * - WAL: readers never wait for the writer, and a commit appends to the log instead of rewriting pages;
 * - synchronous=NORMAL: in WAL mode a commit no longer waits for an fsync (a power cut can lose the last
 *   transactions, never corrupt the database; a process crash loses nothing). On this machine the fsync per commit
 *   was the largest single item in the webhook path's CPU profile;
 * - busy_timeout: another process (the CLI, a backup, a second tool) holding the file makes us wait up to 5 s
 *   instead of failing at once;
 * - foreign_keys stays on, as Prisma expects.
 */
function tuneSqliteConnection(database: Database.Database) {
  if (database.memory) return;
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("busy_timeout = 5000");
  database.pragma("foreign_keys = ON");
}

/** The process's SQLite connection and its writer lock, filled in when Prisma's adapter connects. */
export class SharedSqlite {
  readonly lock = new WriterLock();
  private database: Database.Database | null = null;

  attach(database: Database.Database) {
    tuneSqliteConnection(database);
    this.database = database;
  }

  get connection(): Database.Database | null {
    return this.database;
  }
}
