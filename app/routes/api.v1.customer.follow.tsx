import { headlessJson, tokenRoute } from "../shopify/headless-api.server";
import { followFor } from "../shopify/member-api.server";

// POST /api/v1/customer/follow { network } (customer token, scope earn): as /proxy/follow.
const route = tokenRoute(["POST"], "earn", async ({ shop, customerId }, { body }) => headlessJson(await followFor(shop, customerId, body)));
export const loader = route.loader;
export const action = route.action;
