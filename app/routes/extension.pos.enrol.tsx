import { enrolAction } from "../shopify/pos-routes.server";

// /extension/pos/enrol (app/shopify/pos-routes.server.ts); OPTIONS, the CORS preflight, is answered by either export.
export const loader = enrolAction;
export const action = enrolAction;
