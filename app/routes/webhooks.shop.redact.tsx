import { webhookAction } from "../shopify/webhooks.server";
import db from "../db.server";
import { parseShopRedact } from "../shopify/privacy-payloads";
import { redactShop } from "../loyalty/privacy";

// 48 hours after uninstall: delete everything held for the shop.
export const action = webhookAction(async ({ shop, payload }) => {
  parseShopRedact(payload, shop);
  await redactShop(db, shop);
});
