// The leased-job runner shared by the CSV import and the tier re-evaluation: one run at a time, a run whose lease
// was taken over writes nothing more, errors are retried until the last attempt, on SQLite and PostgreSQL.
import { describe, expect, it } from "vitest";
import { sqlDb } from "../../../app/db.server";
import { instant } from "../../../app/db/dialect";
import { runLeasedJob, type JobLease } from "../../../app/persistence/leased-job";

const shop = "leased-job.myshopify.com";

async function queuedJob() {
  const row = await sqlDb
    .insertInto("TierJob")
    .values({ shop, staffUserId: "staff-1", status: "queued", totalMembers: 10, createdAt: instant(new Date()) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const readJob = (id: number) => sqlDb.selectFrom("TierJob").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

function clockAt(iso: string) {
  const clock = { now: new Date(iso) };
  return { clock, now: () => clock.now };
}

async function progress(id: number, lease: JobLease, members: number) {
  await sqlDb.transaction().execute(async (trx) => {
    await trx
      .updateTable("TierJob")
      .set((eb) => ({ processedMembers: eb("processedMembers", "+", members) }))
      .where("id", "=", id)
      .execute();
    await lease.renew(trx);
  });
}

describe("runLeasedJob", () => {
  it("runs a queued job to done and refuses a second claim while the lease holds", async () => {
    const id = await queuedJob();
    const { now } = clockAt("2026-12-01T10:00:00Z");
    const options = { table: "TierJob" as const, shop, jobId: id, leaseMs: 60_000, maxAttempts: 3, now };
    let inner: string | undefined;
    const outcome = await runLeasedJob(sqlDb, options, async (lease) => {
      await progress(id, lease, 4);
      inner = await runLeasedJob(sqlDb, options, async () => {
        throw new Error("a second run must never start");
      });
    });
    expect(inner).toBe("busy");
    expect(outcome).toBe("done");
    const job = await readJob(id);
    expect(job).toMatchObject({ status: "done", processedMembers: 4, attempts: 1, lastError: null, leaseUntil: null });
  });

  it("a run whose lease was taken over stops at its next batch and that batch is rolled back", async () => {
    const id = await queuedJob();
    const { clock, now } = clockAt("2026-12-01T10:00:00Z");
    const options = { table: "TierJob" as const, shop, jobId: id, leaseMs: 60_000, maxAttempts: 3, now };
    const outcome = await runLeasedJob(sqlDb, options, async (lease) => {
      await progress(id, lease, 2);
      // The run stalls past its lease; another process claims the job and finishes it.
      clock.now = new Date("2026-12-01T10:05:00Z");
      expect(await runLeasedJob(sqlDb, options, async (other) => progress(id, other, 8))).toBe("done");
      await progress(id, lease, 100);
    });
    expect(outcome).toBe("busy");
    const job = await readJob(id);
    expect(job).toMatchObject({ status: "done", processedMembers: 10, attempts: 2 });
  });

  it("keeps a failing job for retry after its lease, then fails it on the last attempt", async () => {
    const id = await queuedJob();
    const { clock, now } = clockAt("2026-12-01T10:00:00Z");
    const options = { table: "TierJob" as const, shop, jobId: id, leaseMs: 60_000, maxAttempts: 2, now };
    const fail = async () => {
      throw new Error("Shopify did not answer");
    };
    await expect(runLeasedJob(sqlDb, options, fail)).rejects.toThrow("Shopify did not answer");
    expect(await readJob(id)).toMatchObject({ status: "running", attempts: 1, lastError: "Shopify did not answer" });
    // Within the lease nobody retries it.
    expect(await runLeasedJob(sqlDb, options, fail)).toBe("busy");
    clock.now = new Date("2026-12-01T10:02:00Z");
    expect(await runLeasedJob(sqlDb, options, fail)).toBe("failed");
    const job = await readJob(id);
    expect(job).toMatchObject({ status: "failed", attempts: 2, leaseUntil: null });
    expect(job.finishedAt).not.toBeNull();
  });
});
