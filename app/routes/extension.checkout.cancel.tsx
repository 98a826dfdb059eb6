import { cancelAction } from "../shopify/extension-routes.server";

// POST /extension/checkout/cancel (app/shopify/extension-routes.server.ts); OPTIONS is the CORS preflight.
export const action = cancelAction("checkout");
export const loader = cancelAction("checkout");
