import { meLoader } from "../shopify/extension-routes.server";

// GET /extension/account/me: the account extension's view of the shopper (app/shopify/extension-routes.server.ts).
// OPTIONS (the CORS preflight) reaches the action, which answers it before anything else.
export const loader = meLoader("customerAccount");
export const action = meLoader("customerAccount");
