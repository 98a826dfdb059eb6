// CSV imports run as jobs in this process (app/persistence/csv-import.ts has the job itself): one at a time, between
// requests. A job is started right after its upload; one left behind (a crash, a deploy, a second instance that
// died) is resumed by the sweep once its lease runs out. The sweep is safe on every instance: a job is claimed with
// a conditional update, so only one instance runs it at a time.
import type { SqlDb } from "../db.server";
import { runImportJob, type CustomerDirectory } from "../persistence/csv-import";
import { WorkQueue } from "./work-queue";
import { log } from "../log.server";
import { leasedJobsToResume } from "../persistence/leased-job";

export type DirectoryForShop = (shop: string) => Promise<CustomerDirectory>;

const queue = new WorkQueue(1);
const queued = new Set<number>();

/** Lets requests (and the webhook inbox) in between two batches of an import. */
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

export function enqueueImportJob(db: SqlDb, shop: string, jobId: number, directoryFor: DirectoryForShop): void {
  if (queued.has(jobId)) return;
  queued.add(jobId);
  queue.add(async () => {
    try {
      await runImportJob(db, shop, jobId, await directoryFor(shop), { yieldBetweenBatches: yieldToRequests });
    } catch (error) {
      log.error("import job failed; the sweep will resume it", { job: "import", jobId, shop, error });
    } finally {
      queued.delete(jobId);
    }
  });
}

/** Queues every job (of one shop, or all) that should be running and is not. Returns how many were queued. */
export async function resumeImportJobs(db: SqlDb, directoryFor: DirectoryForShop, now = new Date(), shop?: string): Promise<number> {
  const jobs = await leasedJobsToResume(db, "ImportJob", now, shop);
  for (const job of jobs) enqueueImportJob(db, job.shop, job.id, directoryFor);
  return jobs.length;
}

/** Resolves once every queued import has finished (tests, graceful shutdown). */
export function importJobsIdle(): Promise<void> {
  return queue.idle();
}
