// Starts the app's background work once per server process.
//   PostgreSQL: pg-boss (several instances may run; each scheduled run goes to one of them).
//   SQLite (embedded, single instance): an in-process timer.
import db, { activeDatabase } from "../db.server";
import { runReleasePendingJob } from "./release-pending-job";
import { startPgBossRunner } from "./pg-boss-runner";

const SQLITE_SWEEP_MS = 5 * 60 * 1000;

declare global {
  var __loyaltyJobsStarted: boolean | undefined;
}

export function startBackgroundJobs() {
  if (globalThis.__loyaltyJobsStarted || process.env.NODE_ENV === "test" || process.env.LOYALTY_JOBS === "off") return;
  globalThis.__loyaltyJobsStarted = true;
  if (activeDatabase === "postgresql") {
    startPgBossRunner(db, { connectionString: process.env.DATABASE_URL! }).catch((error) =>
      console.error("could not start pg-boss", error),
    );
    return;
  }
  const sweep = () => runReleasePendingJob(db).catch((error) => console.error("release pending points", error));
  setInterval(sweep, SQLITE_SWEEP_MS).unref();
  setTimeout(sweep, 10_000).unref();
}
