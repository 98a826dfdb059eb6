import { followFor } from "../shopify/member-api.server";
import { apiError, json, methodNotAllowed, proxyHandler } from "../shopify/storefront-api.server";

// POST /proxy/follow (storefront: /apps/loyalty/follow) { network } → the points credited for following the shop on
// that network, once per network. Honour-based (the admin says so): the panel opens the shop's page and posts
// this when the shopper comes back. The same function as the headless API's (member-api.server.ts followFor).
export const action = proxyHandler(async (request, { shop, customerId }) => {
  if (request.method !== "POST") return apiError(405, "method_not_allowed", "Use POST", { Allow: "POST" });
  if (!customerId) return apiError(401, "sign_in_required", "Sign in to earn points");
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return apiError(400, "invalid_request", "the body must be JSON");
  }
  return json(await followFor(shop, customerId, body));
});

export const loader = methodNotAllowed("POST");
