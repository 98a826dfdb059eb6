// Delivering a webhook to the app the way Shopify does: a signed POST handed to the topic's real route action.
// The route answers as soon as the delivery is in the inbox; `deliver` then waits for the app's own background
// queue to apply it, so a test sees the delivery's effect (or its failure, left in the inbox) when it returns.
import { action as ordersPaid } from "../../app/routes/webhooks.orders.paid";
import { action as ordersCancelled } from "../../app/routes/webhooks.orders.cancelled";
import { action as refundsCreate } from "../../app/routes/webhooks.refunds.create";
import { action as customersCreate } from "../../app/routes/webhooks.customers.create";
import { action as customersUpdate } from "../../app/routes/webhooks.customers.update";
import { action as customersRedact } from "../../app/routes/webhooks.customers.redact";
import { action as customersDataRequest } from "../../app/routes/webhooks.customers.data_request";
import { action as shopRedact } from "../../app/routes/webhooks.shop.redact";
import { action as appUninstalled } from "../../app/routes/webhooks.app.uninstalled";
import { action as productsUpdate } from "../../app/routes/webhooks.products.update";
import { action as collectionsUpdate } from "../../app/routes/webhooks.collections.update";
import { action as collectionsDelete } from "../../app/routes/webhooks.collections.delete";
import { backgroundWebhooksIdle } from "../../app/shopify/webhook-inbox.server";
import { signedWebhookRequest } from "./shopify-requests";

/** Each topic's real route action. */
export const routes = {
  "orders/paid": ordersPaid,
  "orders/cancelled": ordersCancelled,
  "refunds/create": refundsCreate,
  "customers/create": customersCreate,
  "customers/update": customersUpdate,
  "customers/redact": customersRedact,
  "customers/data_request": customersDataRequest,
  "shop/redact": shopRedact,
  "app/uninstalled": appUninstalled,
  "products/update": productsUpdate,
  "collections/update": collectionsUpdate,
  "collections/delete": collectionsDelete,
} as const;

export type Topic = keyof typeof routes;

export async function deliver(shop: string, topic: Topic, payload: unknown, webhookId?: string): Promise<Response> {
  const request = signedWebhookRequest({ shop, topic, payload, webhookId });
  const response = await routes[topic]({ request });
  await backgroundWebhooksIdle();
  return response;
}

/** Delivers and fails loudly unless Shopify would see success (any non-2xx makes Shopify retry). */
export async function deliverOk(shop: string, topic: Topic, payload: unknown, webhookId?: string): Promise<void> {
  const response = await deliver(shop, topic, payload, webhookId);
  if (response.status !== 200) throw new Error(`${topic} answered ${response.status}: ${await response.text()}`);
}
