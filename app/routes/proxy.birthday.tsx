import { birthdayFor } from "../shopify/member-api.server";
import { apiError, json, methodNotAllowed, proxyHandler } from "../shopify/storefront-api.server";

// POST /proxy/birthday (storefront: /apps/loyalty/birthday) { month, day } → the birthday and the first year it
// earns. The customer is the one the proxy signature names. The same function as the headless API's
// (app/shopify/member-api.server.ts birthdayFor).
export const action = proxyHandler(async (request, { shop, customerId }) => {
  if (request.method !== "POST") return apiError(405, "method_not_allowed", "Use POST", { Allow: "POST" });
  if (!customerId) return apiError(401, "sign_in_required", "Sign in to save your birthday");
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return apiError(400, "invalid_request", "the body must be JSON");
  }
  return json(await birthdayFor(shop, customerId, body));
});

export const loader = methodNotAllowed("POST");
