// One way to run a long, resumable job row (CSV import, tier re-evaluation, …) under a lease.
//
// A job row has `status` (queued → running → done | failed), `leaseUntil`, `attempts` and `lastError`. A run claims
// the row by bumping `attempts` while it is queued or its lease has run out, so two processes never work on the same
// job at once; every batch renews the lease in the batch's own transaction and only while `attempts` is still the
// run's (a run whose lease was taken over stops at its next batch: "busy"). A thrown error keeps the row running so
// the next claim after the lease retries it, until the last attempt marks it failed.
import type { ExpressionBuilder, Transaction, Updateable } from "kysely";
import type { SqlDb } from "../db.server";
import { instant } from "../db/dialect";
import type { SqlSchema } from "../db/sql-schema";

/** The tables whose rows are leased jobs. */
export type LeasedJobTable = "ImportJob" | "TierJob";

export type LeasedJobOutcome = "done" | "failed" | "busy";

/** What a run's work sees: which attempt it is, and the lease to renew in each batch's transaction. */
export type JobLease = {
  attempt: number;
  /**
   * Renews the lease inside the batch's transaction `trx`, after the batch wrote its progress; throws (ending the run
   * as "busy", and rolling the batch back with the transaction) if another run has taken the job over.
   */
  renew(trx: Transaction<SqlSchema>): Promise<void>;
};

type RunOptions<T extends LeasedJobTable> = {
  table: T;
  shop: string;
  jobId: number;
  leaseMs: number;
  maxAttempts: number;
  now: () => Date;
  /** Extra columns written when the job ends, done or failed (e.g. letting go of an uploaded file). */
  onEnd?: Updateable<SqlSchema[T]>;
};

class LostLeaseError extends Error {}

export async function runLeasedJob<T extends LeasedJobTable>(
  db: SqlDb,
  options: RunOptions<T>,
  work: (lease: JobLease) => Promise<void>,
): Promise<LeasedJobOutcome> {
  const { shop, jobId, leaseMs, now } = options;
  // The table is one of a closed list of job tables sharing the lease columns used below; the compiler cannot
  // resolve columns through a union of table names, hence this one widening.
  const table = options.table as LeasedJobTable as "ImportJob";
  const onEnd = (options.onEnd ?? {}) as Updateable<SqlSchema["ImportJob"]>;
  const leaseEnd = (from: Date) => instant(new Date(from.getTime() + leaseMs));
  const claimedAt = now();
  const claimed = await db
    .updateTable(table)
    .set((eb) => ({ status: "running", leaseUntil: leaseEnd(claimedAt), attempts: eb("attempts", "+", 1) }))
    .where("id", "=", jobId)
    .where("shop", "=", shop)
    .where(waitingToRun(claimedAt))
    .returning("attempts")
    .executeTakeFirst();
  if (!claimed) return "busy";
  const attempt = claimed.attempts;
  // Only this run's attempt may move the row: a run whose lease was taken over changes nothing.
  const ownRun = (executor: SqlDb | Transaction<SqlSchema>, values: Updateable<SqlSchema["ImportJob"]>) =>
    executor
      .updateTable(table)
      .set(values)
      .where("id", "=", jobId)
      .where("shop", "=", shop)
      .where("status", "=", "running")
      .where("attempts", "=", attempt)
      .executeTakeFirst();

  const lease: JobLease = {
    attempt,
    async renew(trx) {
      const renewed = await ownRun(trx, { leaseUntil: leaseEnd(now()) });
      if (renewed.numUpdatedRows !== 1n) throw new LostLeaseError();
    },
  };

  try {
    await work(lease);
    await ownRun(db, { ...onEnd, status: "done", finishedAt: instant(now()), leaseUntil: null, lastError: null });
    return "done";
  } catch (error) {
    if (error instanceof LostLeaseError) return "busy";
    const failed = attempt >= options.maxAttempts;
    await ownRun(db, {
      lastError: String(error instanceof Error ? error.message : error).slice(0, 500),
      // Retried when the lease runs out; after the last attempt the job fails.
      ...(failed ? { ...onEnd, status: "failed", finishedAt: instant(now()), leaseUntil: null } : {}),
    });
    if (failed) return "failed";
    throw error;
  }
}

/** A job row nobody is working on that should run: new, or running with its lease run out. */
function waitingToRun(now: Date) {
  return (eb: ExpressionBuilder<SqlSchema, "ImportJob">) =>
    eb.or([
      eb("status", "=", "queued"),
      eb.and([eb("status", "=", "running"), eb.or([eb("leaseUntil", "is", null), eb("leaseUntil", "<", instant(now))])]),
    ]);
}

/** Jobs (of one shop, or of all) that should be running and are not, oldest first. */
export async function leasedJobsToResume(db: SqlDb, table: LeasedJobTable, now = new Date(), shop?: string, limit = 20) {
  let query = db
    .selectFrom(table as "ImportJob")
    .select(["id", "shop"])
    .where(waitingToRun(now));
  if (shop) query = query.where("shop", "=", shop);
  return query.orderBy("id", "asc").limit(limit).execute();
}
