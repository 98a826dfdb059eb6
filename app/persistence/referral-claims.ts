// A referred friend claiming their welcome code (POST /proxy/referral/claim), the same safe path as a redeemed reward:
//
//   reserve   (one transaction, under the friend's lock) the claim row is written with its code before Shopify is
//             asked, so a code Shopify may have created is never unaccounted for.
//   issue     Shopify is asked for the discount (WelcomeCodeIssuer, outside any transaction).
//   settle    issued → the claim is issued. Refused → failed (a new claim may be made). Unknown (timeout) → the code is
//             looked up: present → issued, absent → failed; Shopify unreachable → the claim stays `issuing` and the
//             friend is told to try again later (asking again returns the same code once it is known).
//
// One welcome code per friend (normalised email, or signed-in customer): asking again returns the same code.
import type { SqlDb } from "../db.server";
import { instant, lockNamed, readInstant } from "../db/dialect";
import { generateWelcomeCode, normaliseEmail, type ReferralSettings } from "../rules/referrals";
import type { IssuedState, IssueOutcome } from "./redemption";
import { advocateByCode, referralSettings } from "./referrals";

export type WelcomeCodeRequest = {
  claimId: number;
  code: string;
  /** percentage: 1–100; fixed_amount: minor units of `currency`. */
  type: "percentage" | "fixed_amount";
  value: number;
  currency: string;
  startsAt: Date;
  expiresAt: Date;
};

/** Shopify's side of a welcome code (app/shopify/welcome-codes.server.ts). */
export interface WelcomeCodeIssuer {
  issue(request: WelcomeCodeRequest): Promise<IssueOutcome>;
  lookUp(code: string): Promise<IssuedState>;
}

export type ClaimErrorCode = "referrals_off" | "unknown_referral_code" | "own_referral_code" | "not_new_customer" | "welcome_code_not_created" | "welcome_code_pending";

export class ReferralClaimError extends Error {
  constructor(
    readonly code: ClaimErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ReferralClaimError";
  }
}

export type ClaimInput = {
  shop: string;
  referralCode: string;
  /** The friend's email as typed (guests); the signed-in customer's id otherwise (or both). */
  email: string | null;
  customerId: string | null;
  currency: string;
};

export type WelcomeOffer = { type: ReferralSettings["friendRewardType"]; value: number; currency: string };
export type ClaimResult = { welcomeCode: string; expiresAt: Date; offer: WelcomeOffer };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The friend's lock: two claims of one friend at once must not both draw a code. */
const friendLock = (shop: string, key: string) => `referral-friend:${shop}:${key}`;

type Reserved =
  | { kind: "existing"; code: string; expiresAt: Date }
  /** An earlier claim whose answer from Shopify was never known: asked again now. */
  | { kind: "unsettled"; id: number; code: string; expiresAt: Date }
  | { kind: "reserved"; id: number; code: string; expiresAt: Date };

export async function claimWelcomeCode(db: SqlDb, issuer: WelcomeCodeIssuer, input: ClaimInput, now = new Date()): Promise<ClaimResult> {
  const { shop } = input;
  const settings = await referralSettings(db, shop);
  if (!settings.enabled) throw new ReferralClaimError("referrals_off", "This shop has no referral program right now");
  const advocate = await advocateByCode(db, shop, input.referralCode);
  if (!advocate) throw new ReferralClaimError("unknown_referral_code", "This referral link is not valid");
  const emailKey = normaliseEmail(input.email);
  const friendKey = input.customerId ? `customer:${input.customerId}` : `email:${emailKey}`;
  if ((input.customerId && input.customerId === advocate.customerId) || (emailKey && emailKey === normaliseEmail(advocate.email))) {
    throw new ReferralClaimError("own_referral_code", "This is your own referral link: share it with a friend");
  }
  const offer: WelcomeOffer = { type: settings.friendRewardType, value: settings.friendRewardValue, currency: input.currency };

  const reserved = await db.transaction().execute(async (trx): Promise<Reserved> => {
    await lockNamed(trx, friendLock(shop, friendKey));
    const earlier = await trx
      .selectFrom("ReferralClaim")
      .select(["id", "welcomeCode", "status", "expiresAt"])
      .where("shop", "=", shop)
      .where((eb) => eb.or([...(emailKey ? [eb("emailKey", "=", emailKey)] : []), ...(input.customerId ? [eb("customerId", "=", input.customerId)] : [])]))
      .where("status", "in", ["issued", "issuing"])
      .orderBy("id", "desc")
      .executeTakeFirst();
    if (earlier?.status === "issued") return { kind: "existing", code: earlier.welcomeCode, expiresAt: readInstant(earlier.expiresAt) };
    if (earlier) return { kind: "unsettled", id: earlier.id, code: earlier.welcomeCode, expiresAt: readInstant(earlier.expiresAt) };
    if (input.customerId) {
      const orders = await trx
        .selectFrom("OrderRecord")
        .select("orderId")
        .where("shop", "=", shop)
        .where("customerId", "=", input.customerId)
        .limit(1)
        .executeTakeFirst();
      if (orders) throw new ReferralClaimError("not_new_customer", "Welcome offers are for new customers");
    }
    const code = generateWelcomeCode();
    const expiresAt = new Date(now.getTime() + settings.linkLifetimeDays * DAY_MS);
    const row = await trx
      .insertInto("ReferralClaim")
      .values({
        shop,
        advocateMemberId: advocate.memberId,
        referralCode: advocate.code,
        welcomeCode: code,
        emailKey,
        customerId: input.customerId,
        status: "issuing",
        expiresAt: instant(expiresAt),
        createdAt: instant(now),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { kind: "reserved", id: row.id, code, expiresAt };
  });
  if (reserved.kind === "existing") return { welcomeCode: reserved.code, expiresAt: reserved.expiresAt, offer };

  // Never blindly created twice: an unsettled claim's code is looked up, and only settled by what Shopify says.
  const outcome: IssueOutcome =
    reserved.kind === "unsettled"
      ? { kind: "unknown", reason: "an earlier claim's answer was lost" }
      : await issuer.issue({
          claimId: reserved.id,
          code: reserved.code,
          type: settings.friendRewardType,
          value: settings.friendRewardValue,
          currency: input.currency,
          startsAt: now,
          expiresAt: reserved.expiresAt,
        });
  let settled: { status: "issued"; shopifyId: string | null } | { status: "failed"; reason: string } | null;
  if (outcome.kind === "issued") settled = { status: "issued", shopifyId: outcome.shopifyDiscountId ?? null };
  else if (outcome.kind === "refused") settled = { status: "failed", reason: outcome.reason };
  else {
    const state = await issuer.lookUp(reserved.code);
    settled =
      state.kind === "present" ? { status: "issued", shopifyId: state.shopifyId } : state.kind === "absent" ? { status: "failed", reason: outcome.reason } : null;
  }
  if (!settled) throw new ReferralClaimError("welcome_code_pending", "Your welcome code is still being created; try again in a minute");
  await db
    .updateTable("ReferralClaim")
    .set(settled.status === "issued" ? { status: "issued", shopifyDiscountId: settled.shopifyId } : { status: "failed", failure: settled.reason })
    .where("shop", "=", shop)
    .where("id", "=", reserved.id)
    .where("status", "=", "issuing")
    .execute();
  if (settled.status === "failed") throw new ReferralClaimError("welcome_code_not_created", "The welcome code could not be created; please try again");
  return { welcomeCode: reserved.code, expiresAt: reserved.expiresAt, offer };
}
