import { webhookAction } from "../shopify/webhooks.server";
import db from "../db.server";
import { parseCustomer } from "../shopify/order-payloads";
import { applyCustomerUpdated } from "../loyalty/members";

// Keeps the member's name and email current.
export const action = webhookAction(async ({ shop, payload }) => {
  await applyCustomerUpdated(db, shop, parseCustomer(payload));
});
