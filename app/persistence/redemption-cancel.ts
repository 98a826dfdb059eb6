// A shopper taking back a code they redeemed and did not use: they removed it from the cart or the checkout. The code
// is deactivated in Shopify first and only then are the points returned, so a code can never be both refunded and
// usable. A checkout that used the code a moment before wins: Shopify counts it as used and the points stay spent.
//
//   issued, unused      → deactivated in Shopify, `revoked`, points back (redeem_return)
//   revoked/expired/failed (already undone)  → answered as done, nothing written (a repeated request)
//   used                → CancelRefusedError("code_used")
//   reserved            → CancelRefusedError("in_progress") (the redeem request is still settling it)
//   store credit        → CancelRefusedError("not_cancellable") (credit is not a code in a cart)
//   another customer's, or none → null (the caller answers 404: whose it is is not said)
import type { SqlDb } from "../db.server";
import { availableBalance } from "./ledger";
import { loadRedemption, returnPoints, type RedemptionRecord, type RewardIssuer } from "./redemption";

export type CancelRefusal = "code_used" | "in_progress" | "not_cancellable" | "shopify_unreachable";

export class CancelRefusedError extends Error {
  constructor(readonly code: CancelRefusal) {
    super(CANCEL_MESSAGES[code]);
    this.name = "CancelRefusedError";
  }
}

const CANCEL_MESSAGES: Record<CancelRefusal, string> = {
  code_used: "This code was already used on an order",
  in_progress: "This redemption is still being completed; try again in a minute",
  not_cancellable: "Only an unused discount code can be cancelled",
  shopify_unreachable: "Shopify could not be reached; the code is still yours, try again shortly",
};

export type CancelResult = { redemption: RedemptionRecord; pointsReturned: number; availablePoints: number };

const UNDONE = new Set(["revoked", "expired", "failed", "refunded"]);

export async function cancelRedemption(
  db: SqlDb,
  issuer: RewardIssuer,
  request: { shop: string; customerId: string; redemptionId: number },
  now = new Date(),
): Promise<CancelResult | null> {
  const redemption = await loadRedemption(db, request.shop, request.redemptionId);
  if (!redemption || redemption.customerId !== request.customerId) return null;
  const balance = () => availableBalance(db, redemption.shop, redemption.memberId);
  if (UNDONE.has(redemption.status)) return { redemption, pointsReturned: 0, availablePoints: await balance() };
  if (redemption.code === null) throw new CancelRefusedError("not_cancellable");
  if (redemption.status === "used") throw new CancelRefusedError("code_used");
  if (redemption.status === "reserved") throw new CancelRefusedError("in_progress");

  const state = await issuer.lookUp(redemption);
  if (state.kind === "unreachable") throw new CancelRefusedError("shopify_unreachable");
  if (state.kind === "present") {
    if (state.used) throw new CancelRefusedError("code_used");
    if (!(await issuer.revoke(redemption, state.shopifyId))) throw new CancelRefusedError("shopify_unreachable");
    const after = await issuer.lookUp(redemption);
    if (after.kind === "present" && after.used) throw new CancelRefusedError("code_used");
  }
  // Conditional on `issued`: if orders/paid marked it used meanwhile, or a second cancel got here first, nothing moves.
  const returned = await returnPoints(db, redemption, "issued", "revoked", "removed from the cart by the shopper", now);
  const current = returned ? redemption : ((await loadRedemption(db, redemption.shop, redemption.id)) ?? redemption);
  if (!returned && current.status === "used") throw new CancelRefusedError("code_used");
  return {
    redemption: { ...current, status: returned ? "revoked" : current.status },
    pointsReturned: returned ? redemption.points : 0,
    availablePoints: await balance(),
  };
}
