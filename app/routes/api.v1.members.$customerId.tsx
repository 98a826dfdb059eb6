import { keyRoute, headlessJson } from "../shopify/headless-api.server";
import { historyCursor, memberView } from "../shopify/member-api.server";

// GET /api/v1/members/{customerId}?before=<entry id> (shop API key): the customer's balance, pending points, tier
// and progress, a page of history, rewards and issued codes — the same view as /proxy/me (docs/headless-api.md).
const route = keyRoute(["GET"], { customer: true }, async ({ shop, customerId }, { url }) => headlessJson(await memberView(shop, customerId!, historyCursor(url))));
export const loader = route.loader;
export const action = route.action;
