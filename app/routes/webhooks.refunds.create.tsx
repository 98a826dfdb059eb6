import { webhookAction } from "../shopify/webhooks.server";
import db from "../db.server";
import { parseRefund } from "../shopify/order-payloads";
import { applyRefund } from "../loyalty/order-ledger";

// Takes back the refunded units' points (held if the order's paid event has not arrived yet).
export const action = webhookAction(async ({ shop, payload }) => {
  await applyRefund(db, shop, parseRefund(payload));
});
