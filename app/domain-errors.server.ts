// The one table of how a domain error is answered over HTTP: its status, a stable code (the storefront and the
// admin translate by it) and English words. Routes throw or catch domain errors; only this file knows their
// statuses. The storefront API (app/shopify/storefront-api.server.ts) answers these as `{error:{code,message}}`.
import { InsufficientPointsError, RedemptionPendingError, RedemptionRefusedError } from "./persistence/redemption";
import { OverdrawNotConfirmedError } from "./persistence/staff-adjustments";
import { RedemptionInputError } from "./rules/rewards";
import { PayloadError } from "./shopify/payload-error";
import { PointsLimitError } from "./rules/points-limits";
import { ShopUnavailableError } from "./shopify/reward-issuer.server";
import { CancelRefusedError } from "./persistence/redemption-cancel";
import { ReferralClaimError } from "./persistence/referral-claims";
import { TierRequiredError } from "./persistence/reward-tier-gate";
import { HeldOutError } from "./rules/hold-out";

export type ErrorAnswer = { status: number; code: string; message: string; headers?: Record<string, string> };

/** How `error` is answered, or null when it is not a domain error (a bug or an outage: 500, and logged). */
export function answerForError(error: unknown): ErrorAnswer | null {
  if (error instanceof RedemptionInputError) {
    return { status: error.code === "unknown_reward" ? 404 : 400, code: error.code, message: error.message };
  }
  if (error instanceof InsufficientPointsError) return { status: 409, code: "insufficient_points", message: error.message };
  // A reward for a higher tier: refused before anything was reserved.
  if (error instanceof TierRequiredError) return { status: 403, code: "tier_required", message: error.message };
  // The analytics hold-out group: points and rewards refused on every path, nothing written.
  if (error instanceof HeldOutError) return { status: 409, code: error.code, message: error.message };
  if (error instanceof OverdrawNotConfirmedError) return { status: 409, code: "overdraw_not_confirmed", message: error.message };
  // Shopify refused the reward and the points were given back: the shopper may try again.
  if (error instanceof RedemptionRefusedError) {
    return { status: 502, code: "reward_not_created", message: `${error.message}. Your points were returned.` };
  }
  // Points held until the sweep settles the redemption (minutes).
  if (error instanceof RedemptionPendingError) {
    return { status: 503, code: "redemption_pending", message: error.message, headers: { "Retry-After": "60" } };
  }
  if (error instanceof CancelRefusedError) return { status: error.code === "shopify_unreachable" ? 503 : 409, code: error.code, message: error.message };
  if (error instanceof ShopUnavailableError) return { status: 503, code: "shop_unavailable", message: error.message };
  if (error instanceof PayloadError) return { status: 400, code: "invalid_payload", message: error.message };
  if (error instanceof PointsLimitError) return { status: 400, code: "balance_too_large", message: error.message };
  if (error instanceof ReferralClaimError) return { status: REFERRAL_CLAIM_STATUS[error.code], code: error.code, message: error.message };
  return null;
}

const REFERRAL_CLAIM_STATUS: Record<ReferralClaimError["code"], number> = {
  referrals_off: 404,
  unknown_referral_code: 404,
  own_referral_code: 409,
  not_new_customer: 409,
  welcome_code_not_created: 502,
  welcome_code_pending: 503,
};

/** The status of a domain error (for answers that carry more than the code, like the admin's overdraw prompt). */
export function statusForError(error: unknown): number {
  return answerForError(error)?.status ?? 500;
}
