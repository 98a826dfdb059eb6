import { meLoader } from "../shopify/pos-routes.server";

// /extension/pos/me (app/shopify/pos-routes.server.ts); OPTIONS, the CORS preflight, is answered by either export.
export const loader = meLoader;
export const action = meLoader;
