import { headlessJson, tokenRoute } from "../shopify/headless-api.server";
import { programView } from "../shopify/member-api.server";

// GET /api/v1/customer/program (customer token, scope read): the token's shop's program, as /proxy/program.
const route = tokenRoute(["GET"], "read", async ({ shop }) => headlessJson(await programView(shop)));
export const loader = route.loader;
export const action = route.action;
