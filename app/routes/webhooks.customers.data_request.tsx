import { webhookAction } from "../shopify/webhooks.server";
import db from "../db.server";
import { parseDataRequest } from "../shopify/privacy-payloads";
import { recordDataRequest } from "../loyalty/privacy";

// Records the request with an export of everything held about the customer, for the merchant to hand over.
export const action = webhookAction(async ({ shop, payload }) => {
  await recordDataRequest(db, shop, parseDataRequest(payload).customerId);
});
