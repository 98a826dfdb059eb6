import { webhookAction, webhookLoader } from "../shopify/webhooks.server";

// What orders/cancelled does: app/shopify/webhook-topics.server.ts.
export const action = webhookAction("orders/cancelled");
export const loader = webhookLoader;
