import { webhookAction } from "../shopify/webhooks.server";
import db from "../db.server";
import { recordShopUninstalled } from "../loyalty/shops";

// The shop's access token is dead once the app is uninstalled; its loyalty data stays until shop/redact.
export const action = webhookAction(async ({ shop }) => {
  await db.session.deleteMany({ where: { shop } });
  await recordShopUninstalled(db, shop);
});
