import { headlessJson, tokenRoute } from "../shopify/headless-api.server";
import { historyCursor, memberView } from "../shopify/member-api.server";

// GET /api/v1/customer/me?before=<entry id> (customer token, scope read): the token's customer's view — the same as
// /proxy/me and GET /api/v1/members/{customerId}. The customer is the token's; the request cannot name another.
const route = tokenRoute(["GET"], "read", async ({ shop, customerId }, { url }) => headlessJson(await memberView(shop, customerId, historyCursor(url))));
export const loader = route.loader;
export const action = route.action;
