import { webhookAction } from "../shopify/webhooks.server";

// What customers/redact does: app/shopify/webhook-topics.server.ts.
export const action = webhookAction("customers/redact");
