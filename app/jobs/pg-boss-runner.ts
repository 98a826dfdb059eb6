// Scheduled jobs on PostgreSQL, through pg-boss: the schedule is stored in the database and each run is
// handed to exactly one of the app's instances, however many there are.
import PgBoss from "pg-boss";
import type { Db } from "../db.server";
import { RELEASE_PENDING_QUEUE, runReleasePendingJob } from "./release-pending-job";

export type PgBossRunnerOptions = { connectionString: string; cron?: string; schedule?: boolean };

export async function startPgBossRunner(db: Db, options: PgBossRunnerOptions): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: options.connectionString, schema: "pgboss", max: 2 });
  boss.on("error", (error) => console.error("pg-boss", error));
  await boss.start();
  await boss.createQueue(RELEASE_PENDING_QUEUE);
  await boss.work(RELEASE_PENDING_QUEUE, async () => {
    await runReleasePendingJob(db);
  });
  if (options.schedule !== false) await boss.schedule(RELEASE_PENDING_QUEUE, options.cron ?? "*/5 * * * *");
  return boss;
}
