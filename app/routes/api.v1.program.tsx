import { keyRoute, headlessJson } from "../shopify/headless-api.server";
import { programView } from "../shopify/member-api.server";

// GET /api/v1/program (shop API key): the shop's program — the same view as /proxy/program (docs/headless-api.md).
const route = keyRoute(["GET"], { customer: false }, async ({ shop }) => headlessJson(await programView(shop)));
export const loader = route.loader;
export const action = route.action;
