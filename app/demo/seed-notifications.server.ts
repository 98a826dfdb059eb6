// Demo notifications: emails and Shopify Flow on (captured at /demo/outbox, never sent), so an orders/paid webhook for Ada shows
// "points earned" arriving. Only when the demo shop has no settings yet: a merchant's edits in the demo are kept.
import db from "../db.server";
import { DEMO_SHOP } from "./demo-mode.server";
import { DEMO_SHOP_INFO } from "./demo-data";
import { saveFlowEnabled } from "../persistence/notification-settings";

export async function seedDemoNotifications() {
  if (await db.notificationSettings.findUnique({ where: { shop: DEMO_SHOP } })) return;
  await db.notificationSettings.create({
    data: {
      shop: DEMO_SHOP,
      fromAddress: `${DEMO_SHOP_INFO.name} <rewards@demo-loyalty.example>`,
      brandName: DEMO_SHOP_INFO.name,
      testAddress: DEMO_SHOP_INFO.email,
      dailyLimit: 10,
    },
  });
  // Shopify Flow on too: the same webhook also sends "Loyalty points earned" to the stand-in (listed at /demo/outbox).
  await saveFlowEnabled(db, DEMO_SHOP, true);
}
