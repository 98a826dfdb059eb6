import { webhookAction } from "../shopify/webhooks.server";
import db from "../db.server";
import { parsePaidOrder } from "../shopify/order-payloads";
import { applyPaidOrder } from "../loyalty/order-ledger";

// Pending points for the order's lines; repeats of the same order change nothing.
export const action = webhookAction(async ({ shop, payload }) => {
  await applyPaidOrder(db, shop, parsePaidOrder(payload));
});
