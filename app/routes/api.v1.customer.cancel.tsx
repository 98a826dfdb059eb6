import { headlessJson, tokenRoute } from "../shopify/headless-api.server";
import { cancelFor } from "../shopify/member-api.server";

// POST /api/v1/customer/cancel { redemptionId } (customer token, scope redeem): as /proxy/cancel; another
// customer's redemption answers 404.
const route = tokenRoute(["POST"], "redeem", async ({ shop, customerId }, { body }) => headlessJson(await cancelFor(shop, customerId, body)));
export const loader = route.loader;
export const action = route.action;
