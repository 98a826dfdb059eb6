import { keyRoute, headlessJson } from "../shopify/headless-api.server";
import { referralFor } from "../shopify/member-api.server";

// GET or POST /api/v1/members/{customerId}/referral (shop API key): the member's referral code and link, created on
// the first ask (so POST for clients that will not have a GET create anything), as /proxy/referral.
const route = keyRoute(["GET", "POST"], { customer: true }, async ({ shop, customerId }) => headlessJson(await referralFor(shop, customerId!)));
export const loader = route.loader;
export const action = route.action;
