import { webhookAction, webhookLoader } from "../shopify/webhooks.server";

// What app/uninstalled does: app/shopify/webhook-topics.server.ts.
export const action = webhookAction("app/uninstalled");
export const loader = webhookLoader;
