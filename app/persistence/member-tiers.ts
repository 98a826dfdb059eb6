// Each member's tier state, kept incrementally: every order event that changes a member's progress writes the new
// state, its tier changes and any entry reward in the transaction that applied the event (app/persistence/
// order-ledger.ts). The rules themselves are pure (app/rules/tiers.ts); this module only stores what they return.
//
// Entry rewards are ledger entries with the key `tier:<member id>:<tier id>:entry`, unique per shop: whatever
// re-evaluation, retry or race happens, a member gets a tier's entry reward at most once.
import type { OnConflictBuilder } from "kysely";
import type { SqlDb } from "../db.server";
import type { SqlSchema } from "../db/sql-schema";
import { instant, lockNamed, readInstant, writersAreSerialised, type Instant, type StoredInstant } from "../db/dialect";
import { preparedQuery } from "../db/prepared-query";
import { memberTierLockName } from "../db/lock-names";
import {
  advanceTierState,
  applyTierActivity,
  combineSteps,
  emptyTierState,
  nextTierCheckAt,
  reevaluateTierState,
  tierById,
  type TierActivity,
  type TierRules,
  type TierState,
  type TierStep,
} from "../rules/tiers";
import { appendEntryPerMember } from "./ledger";
import { noteTierChanges } from "./notification-events";
import { shopTierRules } from "./tier-rules";

export function parseTierState(text: string | null | undefined): TierState {
  if (!text) return emptyTierState();
  return { ...emptyTierState(), ...(JSON.parse(text) as Partial<TierState>) };
}

export async function readMemberTierState(db: SqlDb, shop: string, memberId: number): Promise<TierState> {
  const row = await db.selectFrom("MemberTier").select("state").where("memberId", "=", memberId).where("shop", "=", shop).executeTakeFirst();
  return parseTierState(row?.state);
}

export type ShopTiers = { rules: TierRules; zone: string; version: number };
export type StoredTierState = { state: string; version: number };

/**
 * The member's tier state caught up to `now`, for a read-modify-write. On PostgreSQL two orders of one member may be
 * applied at once (each holds only its order's lock), so the state is read under the member's tier lock; SQLite's
 * one writer already serialises them, and `known` (read earlier in the same transaction) is used as it is. A state
 * computed under an older version of the rules (the re-evaluation job has not reached the member yet) is recomputed
 * from the member's history first, so an event never mixes two rule sets.
 */
export async function memberTierNow(trx: SqlDb, shop: string, memberId: number, tiers: ShopTiers, now: Date, known?: StoredTierState | null): Promise<TierStep> {
  let row: StoredTierState | null;
  if (known !== undefined && writersAreSerialised()) row = known;
  else {
    if (!writersAreSerialised()) await lockNamed(trx, memberTierLockName(shop, memberId));
    row = (await trx.selectFrom("MemberTier").select(["state", "version"]).where("memberId", "=", memberId).where("shop", "=", shop).executeTakeFirst()) ?? null;
  }
  const state = parseTierState(row?.state);
  if (row && row.version !== tiers.version) {
    const history = (await memberTierHistory(trx, shop, [memberId])).get(memberId) ?? [];
    return reevaluateTierState(state, tiers.rules, tiers.zone, history, now.getTime());
  }
  return advanceTierState(state, tiers.rules, tiers.zone, now.getTime());
}

export type TierWriteContext = ShopTiers & { staffUserId?: string | null; reason?: string | null };

function tierIdValue(id: string | null): number | null {
  return id === null ? null : Number(id);
}

/** Writes a member's new tier state with what the step did: tier change rows and entry rewards. */
export async function saveTierStep(trx: SqlDb, shop: string, memberId: number, step: TierStep, context: TierWriteContext, now: Date) {
  await saveTierSteps(trx, shop, [{ memberId, step }], context, now);
}

/** A member's tier row is one per member: a new state replaces the old one. */
function replaceMemberTier(conflict: OnConflictBuilder<SqlSchema, "MemberTier">) {
  return conflict.column("memberId").doUpdateSet((eb) => ({
    tierId: eb.ref("excluded.tierId"),
    state: eb.ref("excluded.state"),
    nextCheckAt: eb.ref("excluded.nextCheckAt"),
    version: eb.ref("excluded.version"),
    updatedAt: eb.ref("excluded.updatedAt"),
  }));
}

// The orders/paid path writes one member's state per order: that upsert is compiled once (app/db/prepared-query.ts).
const upsertOneMemberTier = preparedQuery(
  (db, memberId: number, shop: string, tierId: number | null, state: string, nextCheckAt: Instant | null, version: number, updatedAt: Instant) =>
    db
      .insertInto("MemberTier")
      .values({ memberId, shop, tierId, state, nextCheckAt, version, updatedAt })
      .onConflict(replaceMemberTier),
);

/** The same for many members at once (the re-evaluation job's batches): one upsert, one insert of changes. */
export async function saveTierSteps(trx: SqlDb, shop: string, steps: Array<{ memberId: number; step: TierStep }>, context: TierWriteContext, now: Date) {
  if (steps.length === 0) return;
  const { rules, zone } = context;
  const updatedAt = instant(now);
  const rows = steps.map(({ memberId, step }) => {
    const next = nextTierCheckAt(step.state, rules, zone);
    return {
      memberId,
      shop,
      tierId: tierIdValue(step.state.tierId),
      state: JSON.stringify(step.state),
      nextCheckAt: next === null ? null : instant(new Date(next)),
      version: context.version,
      updatedAt,
    };
  });
  if (rows.length === 1) {
    const row = rows[0]!;
    await upsertOneMemberTier(trx, row.memberId, row.shop, row.tierId, row.state, row.nextCheckAt, row.version, row.updatedAt);
  } else for (let i = 0; i < rows.length; i += WRITE_BATCH) {
    await trx
      .insertInto("MemberTier")
      .values(rows.slice(i, i + WRITE_BATCH))
      .onConflict(replaceMemberTier)
      .execute();
  }
  const changes = steps.flatMap(({ memberId, step }) =>
    step.changes.map((change) => ({
      shop,
      memberId,
      fromTierId: tierIdValue(change.from),
      toTierId: tierIdValue(change.to),
      fromName: tierById(rules, change.from)?.names.en ?? null,
      toName: tierById(rules, change.to)?.names.en ?? null,
      cause: change.cause,
      staffUserId: change.cause === "manual" ? (context.staffUserId ?? null) : null,
      reason: change.cause === "manual" ? (context.reason ?? null) : null,
      holdUntil: change.cause === "manual" && step.state.holdUntil !== null ? instant(new Date(step.state.holdUntil)) : null,
      at: instant(new Date(change.at)),
    })),
  );
  for (let i = 0; i < changes.length; i += WRITE_BATCH) await trx.insertInto("TierChange").values(changes.slice(i, i + WRITE_BATCH)).execute();
  // A member whose tier changed: Shopify's copy of the tier (customer-mirror.ts) is stale. Only then, one statement.
  const moved = [...new Set(steps.filter(({ step }) => step.changes.length > 0).map(({ memberId }) => memberId))];
  for (let i = 0; i < moved.length; i += WRITE_BATCH) {
    await trx.updateTable("Member").set({ mirrorDueAt: updatedAt }).where("shop", "=", shop).where("id", "in", moved.slice(i, i + WRITE_BATCH)).execute();
  }
  // Entry rewards: at most one per tier and member (the key); written for the whole batch at once.
  const rewards = steps.flatMap(({ memberId, step }) =>
    step.rewards.map((reward) => ({
      memberId,
      entry: {
        kind: "action_bonus" as const,
        availableDelta: reward.points,
        pendingDelta: 0,
        reason: `Tier entry reward: ${tierById(rules, reward.tierId)?.names.en ?? reward.tierId}`,
        sourceType: "system" as const,
        sourceId: `tier:${reward.tierId}`,
        idempotencyKey: `tier:${memberId}:${reward.tierId}:entry`,
      },
    })),
  );
  await appendEntryPerMember(trx, shop, rewards, now);
  // Tier up / tier down emails, in this transaction (read nothing more unless a tier changed).
  await noteTierChanges(trx, shop, rules, steps.map(({ memberId, step }) => ({ memberId, changes: step.changes })), now);
}

/** Rows per multi-row statement: under SQLite's and PostgreSQL's limits on bound parameters (7 per MemberTier row). */
const WRITE_BATCH = 200;

/** A refund or cancellation as tier history (paid orders are their OrderRecord). Written once per source key. */
export async function recordTierActivity(trx: SqlDb, shop: string, memberId: number, activity: TierActivity, sourceKey: string) {
  await trx
    .insertInto("TierActivity")
    .values({
      shop,
      memberId,
      at: instant(new Date(activity.at)),
      countsAt: instant(new Date(activity.countsAt)),
      points: activity.points,
      moneyMinor: activity.moneyMinor,
      orders: activity.orders,
      sourceKey,
    })
    .onConflict((conflict) => conflict.columns(["shop", "sourceKey"]).doNothing())
    .execute();
}

/** A member's whole tier history: their paid orders and the refunds and cancellations recorded since. */
export async function memberTierHistory(db: SqlDb, shop: string, memberIds: number[]): Promise<Map<number, TierActivity[]>> {
  const out = new Map<number, TierActivity[]>();
  if (memberIds.length === 0) return out;
  const push = (memberId: number, activity: TierActivity) => {
    let list = out.get(memberId);
    if (!list) out.set(memberId, (list = []));
    list.push(activity);
  };
  const orders = await db
    .selectFrom("OrderRecord")
    .select(["memberId", "paidAt", "totalPoints", "netSalesMinor"])
    .where("shop", "=", shop)
    .where("memberId", "in", memberIds)
    .execute();
  for (const row of orders) {
    const paidAt = readInstant(row.paidAt as StoredInstant).getTime();
    push(row.memberId!, { at: paidAt, countsAt: paidAt, points: row.totalPoints, moneyMinor: row.netSalesMinor ?? 0, orders: 1 });
  }
  const activities = await db
    .selectFrom("TierActivity")
    .select(["memberId", "at", "countsAt", "points", "moneyMinor", "orders"])
    .where("shop", "=", shop)
    .where("memberId", "in", memberIds)
    .orderBy("id")
    .execute();
  for (const row of activities) {
    push(row.memberId, {
      at: readInstant(row.at as StoredInstant).getTime(),
      countsAt: readInstant(row.countsAt as StoredInstant).getTime(),
      points: row.points,
      moneyMinor: row.moneyMinor,
      orders: row.orders,
    });
  }
  return out;
}

/**
 * A refund or cancellation of a member's order: recorded as history, and applied to the member's tier state when the
 * shop has tiers (progress goes down; the tier itself only at the next period end).
 */
export async function applyMemberTierActivity(trx: SqlDb, shop: string, memberId: number, activity: TierActivity, sourceKey: string, now: Date) {
  const tiers = await shopTierRules(trx, shop);
  // Read before the activity is recorded: a recomputation from history must not count it before it is applied.
  const caughtUp = tiers ? await memberTierNow(trx, shop, memberId, tiers, now) : null;
  await recordTierActivity(trx, shop, memberId, activity, sourceKey);
  if (!tiers || !caughtUp) return;
  const step = combineSteps(caughtUp, applyTierActivity(caughtUp.state, tiers.rules, tiers.zone, activity));
  await saveTierStep(trx, shop, memberId, step, tiers, now);
}
