import { headlessJson, tokenRoute } from "../shopify/headless-api.server";
import { birthdayFor } from "../shopify/member-api.server";

// POST /api/v1/customer/birthday { month, day } (customer token, scope earn): as /proxy/birthday.
const route = tokenRoute(["POST"], "earn", async ({ shop, customerId }, { body }) => headlessJson(await birthdayFor(shop, customerId, body)));
export const loader = route.loader;
export const action = route.action;
