import { redeemFromRequest } from "../shopify/member-api.server";
import { apiError, json, methodNotAllowed, proxyHandler } from "../shopify/storefront-api.server";

// POST /proxy/redeem (storefront: /apps/loyalty/redeem) { rewardId, points?, applyTo? } → the code (or credit) and
// the new balance. The customer is the one the proxy signature names; the body cannot choose it. applyTo "cart" (the
// cart block) makes the code short-lived. Refusals (unknown reward, too few points, Shopify refusing or not
// answering) are domain errors, answered by proxyHandler. Same redemption as the UI extensions'
// (app/shopify/member-api.server.ts).
export const action = proxyHandler(async (request, { shop, customerId }) => {
  if (request.method !== "POST") return apiError(405, "method_not_allowed", "Use POST", { Allow: "POST" });
  if (!customerId) return apiError(401, "sign_in_required", "Sign in to redeem points");
  return json(await redeemFromRequest(request, shop, customerId, "panel"));
});

export const loader = methodNotAllowed("POST");
