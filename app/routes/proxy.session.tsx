import { json, methodNotAllowed, proxyHandler } from "../shopify/storefront-api.server";

// GET /proxy/session (storefront: /apps/loyalty/session): who the signed proxy request is for.
export const loader = proxyHandler(async (_request, { shop, customerId }) => json({ shop, customerId }));

export const action = methodNotAllowed("GET");
