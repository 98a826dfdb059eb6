import { webhookAction, webhookLoader } from "../shopify/webhooks.server";

// What shop/redact does: app/shopify/webhook-topics.server.ts.
export const action = webhookAction("shop/redact");
export const loader = webhookLoader;
