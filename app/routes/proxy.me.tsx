import { historyCursor, memberView } from "../shopify/member-api.server";
import { apiError, json, methodNotAllowed, proxyHandler } from "../shopify/storefront-api.server";

// GET /proxy/me?before=<entry id> (storefront: /apps/loyalty/me): the signed-in shopper's points, a page of
// history, rewards with whether each is affordable, and issued codes. Only ever the customer the signature names.
// The same view the UI extensions get (app/shopify/member-api.server.ts).
export const loader = proxyHandler(async (request, { shop, customerId }) => {
  if (!customerId) return apiError(401, "sign_in_required", "Sign in to see your points");
  return json(await memberView(shop, customerId, historyCursor(new URL(request.url))));
});

export const action = methodNotAllowed("GET");
