// Tier work in this process: re-evaluation jobs after an edit (one at a time, between requests, like CSV imports;
// a job left behind by a crash is resumed once its lease runs out) and the scheduled check that moves members down
// at period ends (app/persistence/tier-checks.ts; safe on every instance at once).
import type { SqlDb } from "../db.server";
import { runTierCheckJob } from "../persistence/tier-checks";
import { runTierJob } from "../persistence/tier-reevaluation";
import { WorkQueue } from "./work-queue";
import { log } from "../log.server";
import { leasedJobsToResume } from "../persistence/leased-job";

const queue = new WorkQueue(1);
const queued = new Set<number>();

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

export function enqueueTierJob(db: SqlDb, shop: string, jobId: number): void {
  if (queued.has(jobId)) return;
  queued.add(jobId);
  queue.add(async () => {
    try {
      await runTierJob(db, shop, jobId, { yieldBetweenBatches: yieldToRequests });
    } catch (error) {
      log.error("tier re-evaluation failed; the sweep will resume it", { job: "tier-reevaluation", jobId, shop, error });
    } finally {
      queued.delete(jobId);
    }
  });
}

export async function resumeTierJobs(db: SqlDb, now = new Date(), shop?: string): Promise<number> {
  const jobs = await leasedJobsToResume(db, "TierJob", now, shop);
  for (const job of jobs) enqueueTierJob(db, job.shop, job.id);
  return jobs.length;
}

/** Resolves once every queued re-evaluation has finished (tests, graceful shutdown). */
export function tierJobsIdle(): Promise<void> {
  return queue.idle();
}

/** The scheduled sweep: period ends, grace and hold expiries due now, then any re-evaluation left behind. */
export async function runScheduledTierWork(db: SqlDb, now = new Date()) {
  await resumeTierJobs(db, now);
  return runTierCheckJob(db, now);
}
