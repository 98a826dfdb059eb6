import { webhookAction, webhookLoader } from "../shopify/webhooks.server";

// What customers/data_request does: app/shopify/webhook-topics.server.ts.
export const action = webhookAction("customers/data_request");
export const loader = webhookLoader;
