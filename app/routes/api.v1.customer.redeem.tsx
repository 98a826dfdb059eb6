import { headlessJson, tokenRoute } from "../shopify/headless-api.server";
import { redeemFor } from "../shopify/member-api.server";

// POST /api/v1/customer/redeem { rewardId, points?, applyTo? } (customer token, scope redeem): as /proxy/redeem,
// spending only the token's customer's points.
const route = tokenRoute(["POST"], "redeem", async ({ shop, customerId }, { body }) => headlessJson(await redeemFor(shop, customerId, body, "panel")));
export const loader = route.loader;
export const action = route.action;
