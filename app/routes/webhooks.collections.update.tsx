import { webhookAction, webhookLoader } from "../shopify/webhooks.server";

// What collections/update does: app/shopify/webhook-topics.server.ts.
export const action = webhookAction("collections/update");
export const loader = webhookLoader;
