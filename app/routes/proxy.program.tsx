import { programView } from "../shopify/member-api.server";
import { json, methodNotAllowed, proxyHandler } from "../shopify/storefront-api.server";

// GET /proxy/program (storefront: /apps/loyalty/program): the shop's program, the same for every visitor, so cached
// publicly for a minute. The same view as the headless API's GET /api/v1/program (member-api.server.ts programView).
export const loader = proxyHandler(async (_request, { shop }) => json(await programView(shop), { cache: "public" }));

export const action = methodNotAllowed("GET");
