import { webhookAction, webhookLoader } from "../shopify/webhooks.server";

// What customers/redact does: app/shopify/webhook-topics.server.ts.
export const action = webhookAction("customers/redact");
export const loader = webhookLoader;
