import { sqlDb } from "../db.server";
import { creditAction } from "../persistence/action-credits";
import { SOCIAL_NETWORKS } from "../rules/earning-actions";
import { apiError, json, methodNotAllowed, proxyHandler } from "../shopify/storefront-api.server";

// POST /proxy/follow (storefront: /apps/loyalty/follow) { network } → the points credited for following the shop on
// that network, once per network. Honour-based (the admin says so): the panel opens the shop's page and posts
// this when the shopper comes back; no network tells us whether they followed.
export const action = proxyHandler(async (request, { shop, customerId }) => {
  if (request.method !== "POST") return apiError(405, "method_not_allowed", "Use POST", { Allow: "POST" });
  if (!customerId) return apiError(401, "sign_in_required", "Sign in to earn points");
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return apiError(400, "invalid_request", "the body must be JSON");
  }
  const network = (typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>).network : undefined);
  if (typeof network !== "string" || !(SOCIAL_NETWORKS as readonly string[]).includes(network)) {
    return apiError(400, "invalid_network", `network must be one of ${SOCIAL_NETWORKS.join(", ")}`);
  }
  const outcome = await creditAction(sqlDb, { shop, customerId, actionKey: `social_${network}` });
  switch (outcome.status) {
    case "credited":
      return json({ credited: { points: outcome.points }, availablePoints: outcome.availablePoints });
    case "held_out":
      // The same neutral answer memberView gives the hold-out on every surface (the panel shows nothing of the program).
      return apiError(403, "not_enrolled", "The rewards program is not available for this account");
    case "limit_reached":
      return apiError(409, "already_earned", "You have already earned points for this");
    default:
      return apiError(404, "unknown_action", "This way to earn is not offered");
  }
});

export const loader = methodNotAllowed("POST");
