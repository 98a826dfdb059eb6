import { meLoader } from "../shopify/extension-routes.server";

// GET /extension/checkout/me: the checkout extension's view of the shopper (app/shopify/extension-routes.server.ts).
// OPTIONS (the CORS preflight) reaches the action, which answers it before anything else.
export const loader = meLoader("checkout");
export const action = meLoader("checkout");
