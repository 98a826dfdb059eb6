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
import type { Db } from "../db.server";
import { lockNamed } from "../db/locks";
import { appendEntries } from "./ledger";
import { memberLockName } from "./lock-names";
import { generateRewardCode } from "./redemption-codes";
import { getReward } from "./reward-catalog";
import { quoteRedemption, RedemptionInputError, type RewardDefinition } from "./rewards";

export type RedemptionStatus = "reserved" | "issued" | "used" | "failed" | "expired";

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

/** Shopify's side of redemption (implemented in app/shopify/reward-issuer.server.ts). */
export interface RewardIssuer {
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

type RedemptionRow = Awaited<ReturnType<Db["redemption"]["findFirstOrThrow"]>>;

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
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
  };
}

export async function loadRedemption(db: Db, shop: string, id: number): Promise<RedemptionRecord | null> {
  const row = await db.redemption.findFirst({ where: { shop, id } });
  if (!row) return null;
  const member = await db.member.findUniqueOrThrow({ where: { id: row.memberId }, select: { customerId: true } });
  return toRecord(row, member.customerId);
}

export type RedeemInput = { shop: string; customerId: string; rewardId: number; points?: number; currency: string };

/** Takes the points and writes the reservation, or throws InsufficientPointsError / RedemptionInputError. */
export async function reserveRedemption(db: Db, input: RedeemInput, now = new Date()): Promise<RedemptionRecord> {
  const reward = await getReward(db, input.shop, input.rewardId);
  if (!reward || !reward.enabled) throw new RedemptionInputError("unknown_reward", "this reward is not available");
  const quote = quoteRedemption(reward, input.points);
  const isCode = reward.type !== "store_credit";
  const { id: _id, shop: _shop, ...definition } = reward;

  return db.$transaction(async (tx) => {
    await lockNamed(tx, memberLockName(input.shop, input.customerId));
    const member = await tx.member.findUnique({ where: { shop_customerId: { shop: input.shop, customerId: input.customerId } } });
    const available = member?.availablePoints ?? 0;
    if (!member || available < quote.points) throw new InsufficientPointsError(available, quote.points);

    const row = await tx.redemption.create({
      data: {
        shop: input.shop,
        memberId: member.id,
        rewardId: reward.id,
        status: "reserved",
        points: quote.points,
        reward: JSON.stringify(definition),
        valueMinor: quote.valueMinor,
        currency: input.currency,
        code: isCode ? generateRewardCode(reward.codePrefix) : null,
        expiresAt: isCode ? new Date(now.getTime() + reward.validityDays * DAY_MS) : null,
        createdAt: now,
      },
    });
    await appendEntries(tx, input.shop, member.id, [
      {
        kind: "redeem",
        availableDelta: -quote.points,
        pendingDelta: 0,
        reason: `Redeemed: ${reward.title}`,
        sourceType: "redemption",
        sourceId: String(row.id),
        idempotencyKey: `redeem:${row.id}`,
      },
    ]);
    return toRecord(row, input.customerId);
  });
}

/** reserved → issued. False if someone else settled it first. */
export async function markIssued(
  db: Db,
  redemption: RedemptionRecord,
  ids: { shopifyDiscountId?: string; shopifyCreditId?: string },
): Promise<boolean> {
  const { count } = await db.redemption.updateMany({
    where: { id: redemption.id, shop: redemption.shop, status: "reserved" },
    data: { status: "issued", shopifyDiscountId: ids.shopifyDiscountId ?? null, shopifyCreditId: ids.shopifyCreditId ?? null },
  });
  return count === 1;
}

/** issued → used (an order paid with the code). */
export async function markUsed(db: Db, shop: string, code: string, orderId: string | null, now = new Date()): Promise<boolean> {
  const { count } = await db.redemption.updateMany({
    where: { shop, code, status: { in: ["issued", "reserved"] } },
    data: { status: "used", orderId, finishedAt: now },
  });
  return count === 1;
}

/** orders/paid: the order's codes that are redeemed rewards of this shop are used (others are not ours). */
export async function markCodesUsed(db: Db, shop: string, codes: string[], orderId: string, now = new Date()) {
  if (codes.length === 0) return 0;
  const { count } = await db.redemption.updateMany({
    // Shopify matches codes case-insensitively and reports them as typed; ours are generated upper-case.
    where: { shop, code: { in: codes.map((code) => code.toUpperCase()) }, status: { in: ["issued", "reserved"] } },
    data: { status: "used", orderId, finishedAt: now },
  });
  return count;
}

/**
 * Gives the points back and ends the redemption (`failed` if Shopify never had it, `expired` if its code expired
 * unused). Only from `expectedStatus`, so it happens once whoever gets here first.
 */
export async function returnPoints(
  db: Db,
  redemption: RedemptionRecord,
  expectedStatus: "reserved" | "issued",
  outcome: "failed" | "expired",
  reason: string,
  now = new Date(),
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    await lockNamed(tx, memberLockName(redemption.shop, redemption.customerId));
    const { count } = await tx.redemption.updateMany({
      where: { id: redemption.id, shop: redemption.shop, status: expectedStatus },
      data: { status: outcome, failureReason: reason.slice(0, 500), finishedAt: now },
    });
    if (count !== 1) return false;
    await appendEntries(tx, redemption.shop, redemption.memberId, [
      {
        kind: "redeem_return",
        availableDelta: redemption.points,
        pendingDelta: 0,
        reason: outcome === "expired" ? `Code ${redemption.code} expired unused` : `Reward not created: ${reason}`.slice(0, 500),
        sourceType: "redemption",
        sourceId: String(redemption.id),
        idempotencyKey: `redeem-return:${redemption.id}`,
      },
    ]);
    return true;
  });
}

/**
 * Settles a reservation whose issue call did not say "issued" or "refused": asks Shopify whether the reward exists.
 * Present and usable → issued (the shopper gets it); absent → points back; present but unusable → revoked, points
 * back. Returns the status it ends in, or "reserved" if Shopify could not be asked (try again later).
 */
export async function settleFromShopify(db: Db, issuer: RewardIssuer, redemption: RedemptionRecord, now = new Date()) {
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
export async function redeemReward(db: Db, issuer: RewardIssuer, input: RedeemInput, now = new Date()): Promise<RedeemResult> {
  const redemption = await reserveRedemption(db, input, now);
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
  await markIssued(db, redemption, outcome);
  const member = await db.member.findUniqueOrThrow({ where: { id: redemption.memberId }, select: { availablePoints: true } });
  return { redemption: { ...redemption, status: "issued", ...outcome }, availablePoints: member.availablePoints };
}
