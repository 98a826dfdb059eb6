// Spending points on a reward, so that points are never lost and never spent twice.
//
//   reserve   (one transaction, under the member's lock) the balance is checked, the redemption row is written
//             with its code, and a `redeem` entry takes the points. Two racing redemptions cannot both pass the
//             check: the second waits for the lock and sees the first one's entry.
//   issue     Shopify is asked for the discount code / store credit (RewardIssuer, outside any transaction).
//   settle    issued → the redemption is marked issued. Refused → the points come back (`redeem_return`).
//             Unknown (timeout) → the code is looked up and removed if it exists, then the points come back;
//             if Shopify can't even be asked, the reservation stays and reconciliation settles it later.
//
// States: reserved → issued → used | expired;  reserved → failed.  Every transition out of `reserved` or
// `issued` is a conditional update, so two workers (request, reconciliation, expiry) never settle one twice.
//
// On the storefront's redeem path and every orders/paid: plain SQL (app/db/sql.server.ts).
import type { SqlDb } from "../db.server";
import { instant, lockNamed, readInstant, type Instant, type StoredInstant } from "../db/dialect";
import { preparedQuery } from "../db/prepared-query";
import { appendEntries, availableBalance } from "./ledger";
import { memberLockName } from "../db/lock-names";
import { generateRewardCode } from "../rules/redemption-codes";
import { rewardForRedemption } from "./storefront-catalog";
import { quoteRedemption, RedemptionInputError, type RewardDefinition } from "../rules/rewards";
import { assertTierAllowsReward } from "./reward-tier-gate";
import { enqueueFlowTriggers } from "./notification-outbox";

export type RedemptionStatus = "reserved" | "issued" | "used" | "failed" | "expired" | "revoked" | "refunded";

/** How a redemption ends with its points given back (returnPoints). */
export type ReturnOutcome = "failed" | "expired" | "revoked" | "refunded";

/** What the issuer needs to create the reward in Shopify. */
export type IssueRequest = {
  shop: string;
  redemptionId: number;
  customerId: string;
  reward: RewardDefinition;
  code: string | null;
  valueMinor: number | null;
  currency: string;
  startsAt: Date;
  expiresAt: Date | null;
};

export type IssueOutcome =
  | { kind: "issued"; shopifyDiscountId?: string; shopifyCreditId?: string }
  /** Shopify definitely did not create it (userErrors, or retries exhausted on errors that create nothing). */
  | { kind: "refused"; reason: string }
  /** It may or may not exist (no answer). */
  | { kind: "unknown"; reason: string };

/** What Shopify says about an issued reward; `unreachable` when it could not be asked. */
export type IssuedState =
  | { kind: "absent" }
  | { kind: "present"; shopifyId: string; active: boolean; used: boolean }
  | { kind: "unreachable"; reason: string };

/** A credit on a customer's store credit account, as Shopify lists it (amount in minor units of its currency). */
export type StoreCreditEntry = { id: string; amountMinor: number; currency: string; createdAt: Date };

/** Shopify's side of redemption (implemented in app/shopify/reward-issuer.server.ts). */
export interface RewardIssuer {
  /**
   * The credits on the customer's store credit account in `currency` created at or after `since`, newest first; null
   * when Shopify could not be asked (or could not say). A store-credit reward has no code to look it up by: support
   * resolves it with this.
   */
  storeCreditsSince(customerId: string, currency: string, since: Date): Promise<StoreCreditEntry[] | null>;
  issue(request: IssueRequest): Promise<IssueOutcome>;
  /** Looks the redemption's reward up in Shopify (by code, or by credit transaction for store credit). */
  lookUp(redemption: RedemptionRecord): Promise<IssuedState>;
  /** Makes an issued code unusable (deactivated); false if Shopify could not be asked or refused. */
  revoke(redemption: RedemptionRecord, shopifyId: string): Promise<boolean>;
}

export type RedemptionRecord = {
  id: number;
  shop: string;
  memberId: number;
  customerId: string;
  rewardId: number;
  status: RedemptionStatus;
  points: number;
  reward: RewardDefinition;
  valueMinor: number | null;
  currency: string;
  code: string | null;
  shopifyDiscountId: string | null;
  shopifyCreditId: string | null;
  expiresAt: Date | null;
  createdAt: Date;
};

export class InsufficientPointsError extends Error {
  constructor(
    readonly available: number,
    readonly needed: number,
  ) {
    super(`not enough points: ${available} available, ${needed} needed`);
    this.name = "InsufficientPointsError";
  }
}

/** Shopify could not confirm the reward; the points are safe and will come back or the reward will appear. */
export class RedemptionPendingError extends Error {
  constructor(readonly redemptionId: number) {
    super("Shopify did not answer; your points are safe and the redemption will be settled shortly");
    this.name = "RedemptionPendingError";
  }
}

/** Shopify refused the reward; the points were given back. */
export class RedemptionRefusedError extends Error {
  constructor(readonly reason: string) {
    super(`the reward could not be created: ${reason}`);
    this.name = "RedemptionRefusedError";
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

const redemptionColumns = [
  "id",
  "shop",
  "memberId",
  "rewardId",
  "status",
  "points",
  "reward",
  "valueMinor",
  "currency",
  "code",
  "shopifyDiscountId",
  "shopifyCreditId",
  "expiresAt",
  "createdAt",
] as const;

type RedemptionRow = {
  id: number;
  shop: string;
  memberId: number;
  rewardId: number;
  status: string;
  points: number;
  reward: string;
  valueMinor: number | null;
  currency: string;
  code: string | null;
  shopifyDiscountId: string | null;
  shopifyCreditId: string | null;
  expiresAt: StoredInstant | null;
  createdAt: StoredInstant;
};

function toRecord(row: RedemptionRow, customerId: string): RedemptionRecord {
  return {
    id: row.id,
    shop: row.shop,
    memberId: row.memberId,
    customerId,
    rewardId: row.rewardId,
    status: row.status as RedemptionStatus,
    points: row.points,
    reward: JSON.parse(row.reward) as RewardDefinition,
    valueMinor: row.valueMinor,
    currency: row.currency,
    code: row.code,
    shopifyDiscountId: row.shopifyDiscountId,
    shopifyCreditId: row.shopifyCreditId,
    expiresAt: readInstant(row.expiresAt),
    createdAt: readInstant(row.createdAt),
  };
}

export async function loadRedemption(db: SqlDb, shop: string, id: number): Promise<RedemptionRecord | null> {
  const row = await db
    .selectFrom("Redemption")
    .innerJoin("Member", (join) => join.onRef("Member.id", "=", "Redemption.memberId").onRef("Member.shop", "=", "Redemption.shop"))
    .select(redemptionColumns.map((column) => `Redemption.${column}` as const))
    .select("Member.customerId")
    .where("Redemption.shop", "=", shop)
    .where("Redemption.id", "=", id)
    .executeTakeFirst();
  return row ? toRecord(row, row.customerId) : null;
}

/**
 * `validForMs`: the code lives at most this long (a code applied to a cart or checkout: one the shopper leaves unused
 * there expires soon and the expiry sweep returns its points), never longer than the reward's own validity.
 */
export type RedeemInput = { shop: string; customerId: string; rewardId: number; points?: number; currency: string; validForMs?: number };

/**
 * A reward given by a staff member (support): no points are spent. `inTransaction` runs inside the reservation's
 * transaction, under the member's lock, once the row exists (the audit row is written there); returning a record
 * instead (a repeated request) writes nothing and answers that record.
 */
export type Grant = {
  staffUserId: string;
  inTransaction: (trx: SqlDb, memberId: number, redemption: RedemptionRecord | null) => Promise<RedemptionRecord | void>;
};

/** No member of the shop has this customer id. */
export class UnknownMemberError extends Error {
  constructor() {
    super("no such member");
    this.name = "UnknownMemberError";
  }
}

/** Takes the points and writes the reservation, or throws InsufficientPointsError / RedemptionInputError. */
export async function reserveRedemption(db: SqlDb, input: RedeemInput, now = new Date(), grant?: Grant): Promise<RedemptionRecord> {
  const reward = await rewardForRedemption(db, input.shop, input.rewardId);
  if (!reward) throw new RedemptionInputError("unknown_reward", "this reward is not available");
  const quote = grant ? { ...quoteRedemption(reward, input.points), points: 0 } : quoteRedemption(reward, input.points);
  const isCode = reward.type !== "store_credit";
  const { id: _id, shop: _shop, ...definition } = reward;

  return db.transaction().execute(async (trx) => {
    await lockNamed(trx, memberLockName(input.shop, input.customerId));
    const member = await trx
      .selectFrom("Member")
      .select(["id", "availablePoints"])
      .where("shop", "=", input.shop)
      .where("customerId", "=", input.customerId)
      .executeTakeFirst();
    if (grant) {
      if (!member) throw new UnknownMemberError();
      const earlier = await grant.inTransaction(trx, member.id, null);
      if (earlier) return earlier;
    }
    // A tier-limited reward: checked here, under the locks, before anything is written (staff grants are exempt).
    if (reward.minTierId !== null && !grant) await assertTierAllowsReward(trx, input.shop, member?.id ?? null, reward.minTierId, now);
    const available = member?.availablePoints ?? 0;
    if (!member || available < quote.points) throw new InsufficientPointsError(available, quote.points);

    const row = await trx
      .insertInto("Redemption")
      .values({
        shop: input.shop,
        memberId: member.id,
        rewardId: reward.id,
        status: "reserved",
        points: quote.points,
        reward: JSON.stringify(definition),
        valueMinor: quote.valueMinor,
        currency: input.currency,
        code: isCode ? generateRewardCode(reward.codePrefix) : null,
        expiresAt: isCode ? instant(new Date(now.getTime() + Math.min(reward.validityDays * DAY_MS, input.validForMs ?? Infinity))) : null,
        grantedBy: grant?.staffUserId ?? null,
        createdAt: instant(now),
        updatedAt: instant(now),
      })
      .returning(redemptionColumns)
      .executeTakeFirstOrThrow();
    const record = toRecord(row, input.customerId);
    if (grant) {
      await grant.inTransaction(trx, member.id, record);
      return record;
    }
    await appendEntries(
      trx,
      input.shop,
      member.id,
      [
        {
          kind: "redeem",
          availableDelta: -quote.points,
          pendingDelta: 0,
          reason: `Redeemed: ${reward.title}`,
          sourceType: "redemption",
          sourceId: String(row.id),
          idempotencyKey: `redeem:${row.id}`,
        },
      ],
      now,
    );
    return record;
  });
}

/**
 * reserved → issued. False if someone else settled it first. The Flow trigger "reward redeemed" is written in the
 * same transaction: issued is when the reward exists (a reservation whose issue fails gets its points back), and the
 * status condition makes it once per redemption. A staff grant (no points spent) is not a redemption by the customer.
 */
export async function markIssued(
  db: SqlDb,
  redemption: RedemptionRecord,
  ids: { shopifyDiscountId?: string; shopifyCreditId?: string },
  now = new Date(),
): Promise<boolean> {
  if (!db.isTransaction) return db.transaction().execute((trx) => markIssued(trx, redemption, ids, now));
  const issued = await markIssuedRow(db, redemption, ids, now);
  if (issued && redemption.points > 0) {
    await enqueueFlowTriggers(db, redemption.shop, [
      { memberId: redemption.memberId, kind: "reward_redeemed", businessKey: `redemption:${redemption.id}:issued`, values: { reward: redemption.reward.title, points: redemption.points } },
    ], now);
  }
  return issued;
}

async function markIssuedRow(db: SqlDb, redemption: RedemptionRecord, ids: { shopifyDiscountId?: string; shopifyCreditId?: string }, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("Redemption")
    .set({ status: "issued", shopifyDiscountId: ids.shopifyDiscountId ?? null, shopifyCreditId: ids.shopifyCreditId ?? null, updatedAt: instant(now) })
    .where("id", "=", redemption.id)
    .where("shop", "=", redemption.shop)
    .where("status", "=", "reserved")
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** issued → used (an order paid with the code). */
export async function markUsed(db: SqlDb, shop: string, code: string, orderId: string | null, now = new Date()): Promise<boolean> {
  return (await markCodesUsed(db, shop, [code], orderId, now)) === 1;
}

/**
 * What the order sold, from its record (orders/paid writes it before marking codes used), for the redemption's copy
 * that Home's reward-order figures read; null without an order or a recorded amount.
 */
function recordedNetSales(db: SqlDb, shop: string, orderId: string | null) {
  return db
    .selectFrom("OrderRecord")
    .select("netSalesMinor")
    .where("shop", "=", shop)
    // No order (a code found used by the sweep): compared with '' it matches nothing, so the copy is null.
    .where("orderId", "=", orderId ?? "")
    .limit(1);
}

/** orders/paid: the order's codes that are redeemed rewards of this shop are used (others are not ours). */
export async function markCodesUsed(db: SqlDb, shop: string, codes: string[], orderId: string | null, now = new Date()) {
  if (codes.length === 0) return 0;
  // Nearly every order carries one code: that statement is compiled once (app/db/prepared-query.ts).
  if (codes.length === 1) {
    const result = await markOneCodeUsed(db, shop, codes[0]!.toUpperCase(), orderId, instant(now));
    return Number(result.numAffectedRows ?? 0n);
  }
  const result = await db
    .updateTable("Redemption")
    .set({ status: "used", orderId, orderNetSalesMinor: recordedNetSales(db, shop, orderId), finishedAt: instant(now), updatedAt: instant(now) })
    .where("shop", "=", shop)
    // Shopify matches codes case-insensitively and reports them as typed; ours are generated upper-case.
    .where("code", "in", codes.map((code) => code.toUpperCase()))
    .where("status", "in", ["issued", "reserved"])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

const markOneCodeUsed = preparedQuery((db, shop: string, code: string, orderId: string | null, at: Instant) =>
  db
    .updateTable("Redemption")
    .set({ status: "used", orderId, orderNetSalesMinor: recordedNetSales(db, shop, orderId), finishedAt: at, updatedAt: at })
    .where("shop", "=", shop)
    .where("code", "=", code)
    .where("status", "in", ["issued", "reserved"]),
);

/**
 * Gives the points back and ends the redemption (`failed` if Shopify never had it, `expired` if its code expired
 * unused, `revoked` by staff, `refunded` with its order). Only from `expectedStatus`, so it happens once whoever gets
 * here first.
 */
export async function returnPoints(db: SqlDb, ...args: ReturnPointsArgs): Promise<boolean> {
  const [redemption] = args;
  return db.transaction().execute(async (trx) => {
    await lockNamed(trx, memberLockName(redemption.shop, redemption.customerId));
    return returnPointsLocked(trx, ...args);
  });
}

/** Which redemption ends, from which status, how and why (and when: now unless given). */
type ReturnPointsArgs = [
  redemption: RedemptionRecord,
  expectedStatus: "reserved" | "issued" | "used",
  outcome: ReturnOutcome,
  reason: string,
  now?: Date,
];

const RETURN_REASONS: Record<ReturnOutcome, (redemption: RedemptionRecord, reason: string) => string> = {
  expired: (redemption) => `Code ${redemption.code} expired unused`,
  failed: (_redemption, reason) => `Reward not created: ${reason}`,
  revoked: (_redemption, reason) => `Reward revoked: ${reason}`,
  refunded: (_redemption, reason) => `Order refunded: ${reason}`,
};

/** returnPoints inside `trx`, which must hold the member's lock. */
export async function returnPointsLocked(trx: SqlDb, ...[redemption, expectedStatus, outcome, reason, now = new Date()]: ReturnPointsArgs): Promise<boolean> {
  const ended = await trx
    .updateTable("Redemption")
    .set({ status: outcome, failureReason: reason.slice(0, 500), finishedAt: instant(now), updatedAt: instant(now) })
    .where("id", "=", redemption.id)
    .where("shop", "=", redemption.shop)
    .where("status", "=", expectedStatus)
    .executeTakeFirst();
  if (ended.numUpdatedRows !== 1n) return false;
  await appendEntries(trx, redemption.shop, redemption.memberId, [
    {
      kind: "redeem_return",
      availableDelta: redemption.points,
      pendingDelta: 0,
      reason: RETURN_REASONS[outcome](redemption, reason).slice(0, 500),
      sourceType: "redemption",
      sourceId: String(redemption.id),
      idempotencyKey: `redeem-return:${redemption.id}`,
    },
  ], now);
  return true;
}

/**
 * Settles a reservation whose issue call did not say "issued" or "refused": asks Shopify whether the reward exists.
 * Present and usable → issued (the shopper gets it); absent → points back; present but unusable → revoked, points
 * back. Returns the status it ends in, or "reserved" if Shopify could not be asked (try again later).
 */
export async function settleFromShopify(db: SqlDb, issuer: RewardIssuer, redemption: RedemptionRecord, now = new Date()) {
  const state = await issuer.lookUp(redemption);
  if (state.kind === "unreachable") return "reserved" as const;
  if (state.kind === "present" && state.active) {
    const isCredit = redemption.reward.type === "store_credit";
    await markIssued(db, redemption, isCredit ? { shopifyCreditId: state.shopifyId } : { shopifyDiscountId: state.shopifyId });
    return "issued" as const;
  }
  if (state.kind === "present" && !(await issuer.revoke(redemption, state.shopifyId))) return "reserved" as const;
  await returnPoints(db, redemption, "reserved", "failed", "Shopify did not confirm the reward", now);
  return "failed" as const;
}

export type RedeemResult = { redemption: RedemptionRecord; availablePoints: number };

/** The whole redemption: reserve, issue, settle. See the top of this file. */
export async function redeemReward(db: SqlDb, issuer: RewardIssuer, input: RedeemInput, now = new Date()): Promise<RedeemResult> {
  return issueReserved(db, issuer, await reserveRedemption(db, input, now), now);
}

/** The issue and settle steps of a redemption already reserved (by a shopper, or granted by staff). */
export async function issueReserved(db: SqlDb, issuer: RewardIssuer, redemption: RedemptionRecord, now = new Date()): Promise<RedeemResult> {
  const outcome = await issuer
    .issue({
      shop: redemption.shop,
      redemptionId: redemption.id,
      customerId: redemption.customerId,
      reward: redemption.reward,
      code: redemption.code,
      valueMinor: redemption.valueMinor,
      currency: redemption.currency,
      startsAt: now,
      expiresAt: redemption.expiresAt,
    })
    .catch((error: unknown): IssueOutcome => ({ kind: "unknown", reason: String(error) }));

  if (outcome.kind === "refused") {
    await returnPoints(db, redemption, "reserved", "failed", outcome.reason, now);
    throw new RedemptionRefusedError(outcome.reason);
  }
  if (outcome.kind === "unknown") {
    // A lost answer is not a yes: the shopper sees an error, so a code they never saw must not stay usable.
    const state = await issuer.lookUp(redemption);
    if (state.kind === "unreachable" || (state.kind === "present" && !(await issuer.revoke(redemption, state.shopifyId)))) {
      throw new RedemptionPendingError(redemption.id);
    }
    await returnPoints(db, redemption, "reserved", "failed", outcome.reason, now);
    throw new RedemptionRefusedError(outcome.reason);
  }
  await markIssued(db, redemption, outcome, now);
  const availablePoints = await availableBalance(db, redemption.shop, redemption.memberId);
  return { redemption: { ...redemption, status: "issued", ...outcome }, availablePoints };
}
