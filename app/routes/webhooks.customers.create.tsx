import { webhookAction, webhookLoader } from "../shopify/webhooks.server";

// What customers/create does: app/shopify/webhook-topics.server.ts.
export const action = webhookAction("customers/create");
export const loader = webhookLoader;
