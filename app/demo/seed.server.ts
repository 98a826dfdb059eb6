// Puts the demo shop in the database as Shopify-managed installation would leave it: an offline session with
// the app's scopes (so authenticate.admin needs no token exchange) and the shop's row.
import db from "../db.server";
import { DEFAULT_SCOPES } from "../shopify/app-environment.server";
import { recordShopSeen } from "../loyalty/shops";
import { DEMO_SHOP, requireDemoMode } from "./demo-mode.server";
import { DEMO_SHOP_INFO } from "./demo-data";

export async function seedDemoDatabase() {
  requireDemoMode();
  const session = {
    shop: DEMO_SHOP,
    state: "demo",
    isOnline: false,
    scope: DEFAULT_SCOPES.join(","),
    accessToken: "demo-offline-access-token",
  };
  await db.session.upsert({
    where: { id: `offline_${DEMO_SHOP}` },
    create: { id: `offline_${DEMO_SHOP}`, ...session },
    update: session,
  });
  await recordShopSeen(db, DEMO_SHOP, DEMO_SHOP_INFO.currencyCode);
}
