import { webhookAction, webhookLoader } from "../shopify/webhooks.server";

// What orders/paid does: app/shopify/webhook-topics.server.ts.
export const action = webhookAction("orders/paid");
export const loader = webhookLoader;
