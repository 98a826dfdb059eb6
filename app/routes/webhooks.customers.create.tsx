import { webhookAction } from "../shopify/webhooks.server";
import db from "../db.server";
import { parseCustomer } from "../shopify/order-payloads";
import { applyCustomerCreated } from "../loyalty/members";

// The customer becomes a member and gets the sign-up bonus, once.
export const action = webhookAction(async ({ shop, payload }) => {
  await applyCustomerCreated(db, shop, parseCustomer(payload));
});
