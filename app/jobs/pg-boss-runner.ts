// Scheduled jobs on PostgreSQL, through pg-boss: the schedule is stored in the database and each run is
// handed to exactly one of the app's instances, however many there are.
import PgBoss from "pg-boss";
import type { SqlDb } from "../db.server";
import { RELEASE_PENDING_QUEUE, runReleasePendingJob } from "./release-pending-job";
import { log } from "../log.server";

export type PgBossRunnerOptions = {
  connectionString: string;
  cron?: string;
  schedule?: boolean;
  /** How often an idle worker looks for jobs (pg-boss default 2 s). */
  pollingIntervalSeconds?: number;
};

const DEADLOCK = "40P01";

/**
 * Instances that boot at the same moment run pg-boss's schema and queue set-up concurrently, and PostgreSQL may
 * pick one of them as a deadlock victim (seen in tests with two workers). The set-up is idempotent, so the victim
 * simply tries again.
 */
async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if ((error as { code?: string }).code !== DEADLOCK || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
}

export async function startPgBossRunner(db: SqlDb, options: PgBossRunnerOptions): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: options.connectionString, schema: "pgboss", max: 2 });
  boss.on("error", (error) => log.error("pg-boss failed", { job: "pg-boss", error }));
  await retryOnDeadlock(() => boss.start());
  await retryOnDeadlock(() => boss.createQueue(RELEASE_PENDING_QUEUE));
  await boss.work(RELEASE_PENDING_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => {
    await runReleasePendingJob(db);
  });
  if (options.schedule !== false) {
    await retryOnDeadlock(() => boss.schedule(RELEASE_PENDING_QUEUE, options.cron ?? "*/5 * * * *"));
  }
  return boss;
}
