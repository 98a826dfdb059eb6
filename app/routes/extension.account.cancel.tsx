import { cancelAction } from "../shopify/extension-routes.server";

// POST /extension/account/cancel (app/shopify/extension-routes.server.ts); OPTIONS is the CORS preflight.
export const action = cancelAction("customerAccount");
export const loader = cancelAction("customerAccount");
