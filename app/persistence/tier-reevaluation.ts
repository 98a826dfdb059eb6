// After the tiers were edited, every member is re-evaluated from their history under the new rules
// (reevaluateTierState: up at once, down only at the next period end, entry rewards never twice), as a job with
// visible progress like the CSV import: members in id order, in batches; each batch is one transaction that holds
// the batch's member tier locks, writes what changed and moves the job's cursor, so a job picked up again after a
// crash continues where it stopped and repeats nothing (entry rewards are keyed by member and tier anyway).
//
// The preview before saving runs the same evaluation without writing anything.
import type { SqlDb } from "../db.server";
import { instant, lockNamedMany } from "../db/dialect";
import { memberTierLockName } from "../db/lock-names";
import { reevaluateTierState, type TierMove, type TierRules, type TierState, type TierStep } from "../rules/tiers";
import { memberTierHistory, parseTierState, saveTierSteps } from "./member-tiers";
import { shopTierRules } from "./tier-rules";
import { runLeasedJob } from "./leased-job";

const DEFAULT_BATCH = 1000;
const DEFAULT_LEASE_MS = 5 * 60 * 1000;
const MAX_ATTEMPTS = 5;

export async function createTierJob(trx: SqlDb, shop: string, staffUserId: string, now = new Date()): Promise<number> {
  const counted = await trx.selectFrom("Member").select((eb) => eb.fn.countAll<number>().as("members")).where("shop", "=", shop).executeTakeFirstOrThrow();
  const row = await trx
    .insertInto("TierJob")
    .values({ shop, staffUserId, status: "queued", totalMembers: Number(counted.members), createdAt: instant(now) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

type Evaluated = { memberId: number; prior: TierState | null; priorVersion: number | null; step: TierStep; move: TierMove };

/** One batch of members evaluated under `rules` (read only). */
async function evaluateMembers(db: SqlDb, shop: string, memberIds: number[], rules: TierRules, zone: string, now: Date): Promise<Evaluated[]> {
  const [histories, states] = await Promise.all([
    memberTierHistory(db, shop, memberIds),
    db.selectFrom("MemberTier").select(["memberId", "state", "version"]).where("shop", "=", shop).where("memberId", "in", memberIds).execute(),
  ]);
  const stateOf = new Map(states.map((row) => [row.memberId, row]));
  return memberIds.map((memberId) => {
    const stored = stateOf.get(memberId);
    const prior = stored === undefined ? null : parseTierState(stored.state);
    const result = reevaluateTierState(prior ?? parseTierState(null), rules, zone, histories.get(memberId) ?? [], now.getTime());
    return { memberId, prior, priorVersion: stored?.version ?? null, step: result, move: result.move };
  });
}

/** The shop's members in the program after `after`, by id: the analytics hold-out group has no tier (it earns nothing). */
async function memberIdsAfter(db: SqlDb, shop: string, after: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom("Member")
    .select("id")
    .where("shop", "=", shop)
    .where("id", ">", after)
    .where("holdOut", "=", false)
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

export type TierPreview = { members: number; up: number; downAtPeriodEnd: number; tierDeleted: number };

/** "N members move up, M move down at the next period end": what saving `rules` would do, nothing written. */
export async function previewTierRules(db: SqlDb, shop: string, rules: TierRules, zone: string, now = new Date(), batchSize = DEFAULT_BATCH): Promise<TierPreview> {
  const preview: TierPreview = { members: 0, up: 0, downAtPeriodEnd: 0, tierDeleted: 0 };
  for (let after = 0; ; ) {
    const ids = await memberIdsAfter(db, shop, after, batchSize);
    if (ids.length === 0) return preview;
    for (const { move } of await evaluateMembers(db, shop, ids, rules, zone, now)) {
      preview.members += 1;
      if (move === "up") preview.up += 1;
      else if (move === "down_at_period_end") preview.downAtPeriodEnd += 1;
      else if (move === "tier_deleted") preview.tierDeleted += 1;
    }
    after = ids.at(-1)!;
  }
}

type RunOptions = { batchSize?: number; leaseMs?: number; now?: () => Date; yieldBetweenBatches?: () => Promise<void> };

/** Runs (or resumes) one re-evaluation job to its end: "done", "failed", or "busy" when another run holds it. */
export async function runTierJob(db: SqlDb, shop: string, jobId: number, options: RunOptions = {}) {
  const now = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  return runLeasedJob(db, { table: "TierJob", shop, jobId, leaseMs, maxAttempts: MAX_ATTEMPTS, now }, async (lease) => {
    const job = await db.selectFrom("TierJob").select("lastMemberId").where("id", "=", jobId).where("shop", "=", shop).executeTakeFirstOrThrow();
    // A later edit has its own job; this one still finishes (with the rules as they are now), which is harmless.
    const tiers = await shopTierRules(db, shop);
    for (let after = job.lastMemberId; ; ) {
      const ids = await memberIdsAfter(db, shop, after, batchSize);
      if (ids.length === 0) break;
      await db.transaction().execute(async (trx) => {
        const at = now();
        const counts = { up: 0, down: 0 };
        if (tiers) {
          await lockNamedMany(trx, ids.map((id) => memberTierLockName(shop, id)));
          const evaluated = await evaluateMembers(trx, shop, ids, tiers.rules, tiers.zone, at);
          const changed: Array<{ memberId: number; step: TierStep }> = [];
          for (const { memberId, prior, priorVersion, step, move } of evaluated) {
            if (move === "up" || move === "tier_deleted") counts.up += 1;
            if (move === "down_at_period_end") counts.down += 1;
            const unchanged = prior !== null && priorVersion === tiers.version && JSON.stringify(prior) === JSON.stringify(step.state);
            const nothing = prior === null && step.state.periodMonth === null && step.state.tierId === null;
            if (unchanged || nothing) continue;
            changed.push({ memberId, step });
          }
          await saveTierSteps(trx, shop, changed, tiers, at);
        }
        await trx
          .updateTable("TierJob")
          .set((eb) => ({
            processedMembers: eb("processedMembers", "+", ids.length),
            movedUp: eb("movedUp", "+", counts.up),
            movingDown: eb("movingDown", "+", counts.down),
            lastMemberId: ids.at(-1)!,
          }))
          .where("id", "=", jobId)
          .where("shop", "=", shop)
          .execute();
        await lease.renew(trx);
      });
      after = ids.at(-1)!;
      await options.yieldBetweenBatches?.();
    }
  });
}

export type TierJobSummary = {
  id: number;
  status: string;
  totalMembers: number;
  processedMembers: number;
  movedUp: number;
  movingDown: number;
  lastError: string | null;
};

export async function latestTierJob(db: SqlDb, shop: string): Promise<TierJobSummary | null> {
  const row = await db
    .selectFrom("TierJob")
    .select(["id", "status", "totalMembers", "processedMembers", "movedUp", "movingDown", "lastError"])
    .where("shop", "=", shop)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

