import { redeemAction } from "../shopify/extension-routes.server";

// POST /extension/checkout/redeem (app/shopify/extension-routes.server.ts); OPTIONS is the CORS preflight.
export const action = redeemAction("checkout");
export const loader = redeemAction("checkout");
