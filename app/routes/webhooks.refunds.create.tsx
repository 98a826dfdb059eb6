import { webhookAction, webhookLoader } from "../shopify/webhooks.server";

// What refunds/create does: app/shopify/webhook-topics.server.ts.
export const action = webhookAction("refunds/create");
export const loader = webhookLoader;
