// Support staff acting on a member's rewards from admin, each action audited (SupportAction, append-only) in the same
// transaction as what it changed, attributed to the staff member (session token `sub`):
//
//   resolve   a store-credit reservation whose answer from Shopify was lost: Shopify's list of the customer's store
//             credits says whether the credit exists (app/rules/store-credit-match.ts). Yes → the redemption is
//             issued; no → its points come back, once (the conditional transition out of `reserved`).
//   revoke    an issued, unused code: deactivated in Shopify first, then the points come back. A used code is refused.
//   grant     a reward given by hand, through the shopper's path (reserve → issue → settle) with no points spent:
//             goodwill or a correction is a gift, and taking points needs the shopper's own redemption.
//
// Plain SQL (app/db/sql.server.ts), because the ledger and redemption code it shares are.
import type { SqlDb } from "../db.server";
import { instant, lockNamed, readBoolean, readInstant, type StoredInstant } from "../db/dialect";
import { memberLockName } from "../db/lock-names";
import { creditSearchStart, matchStoreCredit } from "../rules/store-credit-match";
import {
  issueReserved,
  loadRedemption,
  markIssued,
  reserveRedemption,
  returnPointsLocked,
  type RedeemResult,
  type RedemptionRecord,
  type RewardIssuer,
} from "./redemption";
import { STALE_RESERVATION_MS } from "./redemption-sweeps";

export type SupportActionKind = "credit_confirmed" | "credit_undone" | "code_revoked" | "reward_granted";

export type SupportActionEntry = {
  id: number;
  staffUserId: string;
  action: SupportActionKind;
  redemptionId: number;
  points: number;
  detail: string;
  createdAt: Date;
};

/** Why an action was not done; nothing was written. `status` is the HTTP status the admin answers with. */
export type SupportRefusal =
  | "redemption_not_found"
  | "not_store_credit"
  | "not_reserved"
  | "too_recent"
  | "not_revocable"
  | "code_used"
  | "held_out"
  | "shopify_unreachable";

const REFUSAL_STATUS: Record<SupportRefusal, number> = {
  redemption_not_found: 404,
  not_store_credit: 409,
  not_reserved: 409,
  too_recent: 409,
  not_revocable: 409,
  code_used: 409,
  // The analytics hold-out group gets no rewards, by hand either (app/rules/hold-out.ts).
  held_out: 409,
  shopify_unreachable: 503,
};

export class SupportActionError extends Error {
  readonly status: number;
  constructor(readonly code: SupportRefusal) {
    super(code);
    this.name = "SupportActionError";
    this.status = REFUSAL_STATUS[code];
  }
}

type NewSupportAction = Omit<SupportActionEntry, "id" | "createdAt"> & { shop: string; memberId: number; idempotencyKey: string };

/** Writes the audit row inside `trx` (which holds the member's lock). False if the key was recorded before. */
async function recordAction(trx: SqlDb, action: NewSupportAction, now: Date): Promise<boolean> {
  const inserted = await trx
    .insertInto("SupportAction")
    .values({ ...action, detail: action.detail.slice(0, 500), createdAt: instant(now) })
    .onConflict((conflict) => conflict.columns(["shop", "idempotencyKey"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The shop's redemption of this member (by Shopify customer id), or a refusal. */
async function memberRedemption(db: SqlDb, shop: string, customerId: string, redemptionId: number) {
  const redemption = await loadRedemption(db, shop, redemptionId);
  if (!redemption || redemption.customerId !== customerId) throw new SupportActionError("redemption_not_found");
  return redemption;
}

function inMemberLock<T>(db: SqlDb, redemption: RedemptionRecord, work: (trx: SqlDb) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await lockNamed(trx, memberLockName(redemption.shop, redemption.customerId));
    return work(trx);
  });
}

export type SupportRequest = { shop: string; customerId: string; redemptionId: number; staffUserId: string };

/**
 * A store-credit reservation still `reserved` (its answer was lost, and the sweep cannot look store credit up):
 * asks Shopify for the customer's credits since the reservation and completes or undoes it.
 */
export async function resolveStoreCreditReservation(
  db: SqlDb,
  issuer: RewardIssuer,
  request: SupportRequest,
  now = new Date(),
): Promise<{ outcome: "confirmed" | "undone"; creditId: string | null }> {
  const redemption = await memberRedemption(db, request.shop, request.customerId, request.redemptionId);
  if (redemption.reward.type !== "store_credit") throw new SupportActionError("not_store_credit");
  if (redemption.status !== "reserved") throw new SupportActionError("not_reserved");
  // Younger than this, the shopper's own request may still be waiting for Shopify's answer.
  if (now.getTime() - redemption.createdAt.getTime() < STALE_RESERVATION_MS) throw new SupportActionError("too_recent");

  const reservation = { valueMinor: redemption.valueMinor ?? 0, currency: redemption.currency, createdAt: redemption.createdAt };
  const credits = await issuer.storeCreditsSince(redemption.customerId, redemption.currency, creditSearchStart(reservation));
  if (credits === null) throw new SupportActionError("shopify_unreachable");

  return inMemberLock(db, redemption, async (trx) => {
    // Read under the member's lock: two same-amount reservations resolved at once cannot both take one credit.
    const claimed = await claimedCreditIds(trx, redemption.shop, credits.map((entry) => entry.id));
    const credit = matchStoreCredit(reservation, credits, claimed);
    const action = {
      shop: redemption.shop,
      memberId: redemption.memberId,
      staffUserId: request.staffUserId,
      redemptionId: redemption.id,
      idempotencyKey: `support:resolve:${redemption.id}`,
    };
    if (credit) {
      if (!(await markIssued(trx, redemption, { shopifyCreditId: credit.id }, now))) throw new SupportActionError("not_reserved");
      await recordAction(trx, { ...action, action: "credit_confirmed", points: 0, detail: `Store credit found in Shopify: ${credit.id}` }, now);
      return { outcome: "confirmed" as const, creditId: credit.id };
    }
    const returned = await returnPointsLocked(trx, redemption, "reserved", "failed", "no store credit found in Shopify (checked by support)", now);
    if (!returned) throw new SupportActionError("not_reserved");
    await recordAction(trx, { ...action, action: "credit_undone", points: redemption.points, detail: "No matching store credit in Shopify" }, now);
    return { outcome: "undone" as const, creditId: null };
  });
}

/** Which of these credit transaction ids other redemptions of the shop already hold. */
async function claimedCreditIds(db: SqlDb, shop: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom("Redemption").select("shopifyCreditId").where("shop", "=", shop).where("shopifyCreditId", "in", ids).execute();
  return new Set(rows.map((row) => row.shopifyCreditId!));
}

/** An issued code, unused: deactivated in Shopify, then its points come back. */
export async function revokeRewardCode(
  db: SqlDb,
  issuer: RewardIssuer,
  request: SupportRequest,
  now = new Date(),
): Promise<{ pointsReturned: number }> {
  const redemption = await memberRedemption(db, request.shop, request.customerId, request.redemptionId);
  if (redemption.status === "used") throw new SupportActionError("code_used");
  if (redemption.status !== "issued" || redemption.code === null) throw new SupportActionError("not_revocable");

  const state = await issuer.lookUp(redemption);
  if (state.kind === "unreachable") throw new SupportActionError("shopify_unreachable");
  if (state.kind === "present") {
    if (state.used) throw new SupportActionError("code_used");
    if (!(await issuer.revoke(redemption, state.shopifyId))) throw new SupportActionError("shopify_unreachable");
    // A checkout that used the code just before it was deactivated: Shopify counts it now, so it is not ours to return.
    const after = await issuer.lookUp(redemption);
    if (after.kind === "present" && after.used) throw new SupportActionError("code_used");
  }

  return inMemberLock(db, redemption, async (trx) => {
    const returned = await returnPointsLocked(trx, redemption, "issued", "revoked", `code ${redemption.code} deactivated by support`, now);
    if (!returned) throw new SupportActionError("not_revocable");
    await recordAction(
      trx,
      {
        shop: redemption.shop,
        memberId: redemption.memberId,
        staffUserId: request.staffUserId,
        redemptionId: redemption.id,
        action: "code_revoked",
        points: redemption.points,
        detail: state.kind === "present" ? `Deactivated in Shopify: ${state.shopifyId}` : "The code was no longer in Shopify",
        idempotencyKey: `support:revoke:${redemption.id}`,
      },
      now,
    );
    return { pointsReturned: redemption.points };
  });
}

export type GrantRequest = { shop: string; customerId: string; rewardId: number; staffUserId: string; requestKey: string; currency: string };

/**
 * Gives the member a reward without spending points, through the shopper's reserve → issue → settle path. The form's
 * request key makes a repeated submission answer the first grant (duplicate: true) without issuing again. Throws what
 * redemption throws (RedemptionInputError for an unknown reward, RedemptionRefusedError / RedemptionPendingError when
 * Shopify refuses or does not answer) and UnknownMemberError.
 */
export async function grantReward(db: SqlDb, issuer: RewardIssuer, request: GrantRequest, now = new Date()): Promise<RedeemResult & { duplicate: boolean }> {
  const member = await db.selectFrom("Member").select("holdOut").where("shop", "=", request.shop).where("customerId", "=", request.customerId).executeTakeFirst();
  if (member && readBoolean(member.holdOut)) throw new SupportActionError("held_out");
  let earlierId: number | null = null;
  const reserved = await reserveRedemption(
    db,
    { shop: request.shop, customerId: request.customerId, rewardId: request.rewardId, currency: request.currency },
    now,
    {
      staffUserId: request.staffUserId,
      inTransaction: async (trx, memberId, redemption) => {
        const idempotencyKey = `support:grant:${memberId}:${request.requestKey}`;
        if (redemption === null) {
          const earlier = await trx
            .selectFrom("SupportAction")
            .select("redemptionId")
            .where("shop", "=", request.shop)
            .where("idempotencyKey", "=", idempotencyKey)
            .executeTakeFirst();
          if (!earlier) return;
          earlierId = earlier.redemptionId;
          return (await loadRedemption(trx, request.shop, earlier.redemptionId)) ?? undefined;
        }
        await recordAction(
          trx,
          {
            shop: request.shop,
            memberId,
            staffUserId: request.staffUserId,
            redemptionId: redemption.id,
            action: "reward_granted",
            points: 0,
            detail: `Issued by hand, no points spent: ${redemption.reward.title}`,
            idempotencyKey,
          },
          now,
        );
      },
    },
  );
  if (earlierId !== null) {
    const balance = await db
      .selectFrom("Member")
      .select("availablePoints")
      .where("shop", "=", request.shop)
      .where("id", "=", reserved.memberId)
      .executeTakeFirstOrThrow();
    return { redemption: reserved, availablePoints: balance.availablePoints, duplicate: true };
  }
  return { ...(await issueReserved(db, issuer, reserved, now)), duplicate: false };
}

type ActionRow = Omit<SupportActionEntry, "action" | "createdAt"> & { action: string; createdAt: StoredInstant };

/** A member's support actions, newest first. */
export async function listSupportActions(db: SqlDb, shop: string, memberId: number, limit = 20): Promise<SupportActionEntry[]> {
  const rows: ActionRow[] = await db
    .selectFrom("SupportAction")
    .select(["id", "staffUserId", "action", "redemptionId", "points", "detail", "createdAt"])
    .where("shop", "=", shop)
    .where("memberId", "=", memberId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, action: row.action as SupportActionKind, createdAt: readInstant(row.createdAt) }));
}

/** A reward staff can issue by hand: enabled, not archived, and with a fixed value (a variable one needs points). */
export type GrantableReward = { id: number; title: string; type: string };

export async function listGrantableRewards(db: SqlDb, shop: string): Promise<GrantableReward[]> {
  return db
    .selectFrom("Reward")
    .select(["id", "title", "type"])
    .where("shop", "=", shop)
    .where("enabled", "=", true)
    .where("archivedAt", "is", null)
    .where("type", "!=", "variable_amount")
    .orderBy("sortOrder", "asc")
    .orderBy("id", "asc")
    .execute();
}

/** What support may do with one issued reward now (the customer page's buttons; the actions check again). */
export function supportOptions(
  redemption: { status: string; code: string | null; reward: { type: string }; createdAt: Date },
  now = new Date(),
): { canRevoke: boolean; canResolve: boolean } {
  return {
    canRevoke: redemption.status === "issued" && redemption.code !== null,
    canResolve:
      redemption.status === "reserved" &&
      redemption.reward.type === "store_credit" &&
      now.getTime() - redemption.createdAt.getTime() >= STALE_RESERVATION_MS,
  };
}
