import { headlessJson, tokenRoute } from "../shopify/headless-api.server";
import { referralFor } from "../shopify/member-api.server";

// GET or POST /api/v1/customer/referral (customer token, scope read): the token's customer's referral link, as
// /proxy/referral (created on the first ask).
const route = tokenRoute(["GET", "POST"], "read", async ({ shop, customerId }) => headlessJson(await referralFor(shop, customerId)));
export const loader = route.loader;
export const action = route.action;
