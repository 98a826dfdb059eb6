import { redeemAction } from "../shopify/extension-routes.server";

// POST /extension/account/redeem (app/shopify/extension-routes.server.ts); OPTIONS is the CORS preflight.
export const action = redeemAction("customerAccount");
export const loader = redeemAction("customerAccount");
