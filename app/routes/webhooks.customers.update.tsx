import { webhookAction, webhookLoader } from "../shopify/webhooks.server";

// What customers/update does: app/shopify/webhook-topics.server.ts.
export const action = webhookAction("customers/update");
export const loader = webhookLoader;
