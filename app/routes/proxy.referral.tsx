import { referralFor } from "../shopify/member-api.server";
import { apiError, json, methodNotAllowed, proxyHandler } from "../shopify/storefront-api.server";

// GET /proxy/referral (storefront: /apps/loyalty/referral): the signed-in member's referral code and link, and what
// the friend and the advocate get. Its own endpoint rather than a part of /proxy/me, so the panel's every view pays
// nothing for referrals: the panel asks for this only when the shopper opens the referral section. The code is
// created on the first ask (member-api.server.ts referralFor, shared with the headless API).
export const loader = proxyHandler(async (_request, { shop, customerId }) => {
  if (!customerId) return apiError(401, "sign_in_required", "Sign in to get your referral link");
  return json(await referralFor(shop, customerId));
});

export const action = methodNotAllowed("GET");
