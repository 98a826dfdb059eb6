import { customersLoader } from "../shopify/pos-routes.server";

// /extension/pos/customers (app/shopify/pos-routes.server.ts); OPTIONS, the CORS preflight, is answered by either export.
export const loader = customersLoader;
export const action = customersLoader;
