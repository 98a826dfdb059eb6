import { redeemAction } from "../shopify/pos-routes.server";

// /extension/pos/redeem (app/shopify/pos-routes.server.ts); OPTIONS, the CORS preflight, is answered by either export.
export const loader = redeemAction;
export const action = redeemAction;
