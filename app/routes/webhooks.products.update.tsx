import { webhookAction, webhookLoader } from "../shopify/webhooks.server";

// What products/update does: app/shopify/webhook-topics.server.ts.
export const action = webhookAction("products/update");
export const loader = webhookLoader;
