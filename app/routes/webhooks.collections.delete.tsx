import { webhookAction, webhookLoader } from "../shopify/webhooks.server";

// What collections/delete does: app/shopify/webhook-topics.server.ts.
export const action = webhookAction("collections/delete");
export const loader = webhookLoader;
