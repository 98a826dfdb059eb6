import { webhookAction } from "../shopify/webhooks.server";
import db from "../db.server";
import { parseCustomerRedact } from "../shopify/privacy-payloads";
import { redactCustomer } from "../loyalty/privacy";

// Erases the customer's personal data; the ledger keeps its anonymous amounts.
export const action = webhookAction(async ({ shop, payload }) => {
  await redactCustomer(db, shop, parseCustomerRedact(payload).customerId);
});
