import { cancelAction } from "../shopify/pos-routes.server";

// /extension/pos/cancel (app/shopify/pos-routes.server.ts); OPTIONS, the CORS preflight, is answered by either export.
export const loader = cancelAction;
export const action = cancelAction;
