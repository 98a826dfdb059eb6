import { webhookAction } from "../shopify/webhooks.server";
import db from "../db.server";
import { parseCancellation } from "../shopify/order-payloads";
import { applyCancellation } from "../loyalty/order-ledger";

// Takes back whatever points the order still holds (held if the order's paid event has not arrived yet).
export const action = webhookAction(async ({ shop, payload }) => {
  await applyCancellation(db, shop, parseCancellation(payload));
});
