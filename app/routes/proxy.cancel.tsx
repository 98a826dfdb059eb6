import { cancelFromRequest } from "../shopify/member-api.server";
import { apiError, json, methodNotAllowed, proxyHandler } from "../shopify/storefront-api.server";

// POST /proxy/cancel (storefront: /apps/loyalty/cancel) { redemptionId } → the unused code deactivated in Shopify and
// its points back. The cart block calls it when the shopper removes the code from the cart (or when it finds a code
// it applied gone from the cart). Only the signed-in shopper's own redemptions; another's answers 404.
export const action = proxyHandler(async (request, { shop, customerId }) => {
  if (request.method !== "POST") return apiError(405, "method_not_allowed", "Use POST", { Allow: "POST" });
  if (!customerId) return apiError(401, "sign_in_required", "Sign in to manage your rewards");
  return json(await cancelFromRequest(request, shop, customerId));
});

export const loader = methodNotAllowed("POST");
