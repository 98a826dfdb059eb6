// The shops that have installed the app, and their lifecycle (install, uninstall).
import type { Db } from "../db.server";

export async function recordShopSeen(db: Db, domain: string, currency: string) {
  await db.shop.upsert({
    where: { domain },
    create: { domain, currency },
    update: { currency, uninstalledAt: null },
  });
}

export async function recordShopUninstalled(db: Db, domain: string, at = new Date()) {
  await db.shop.updateMany({ where: { domain }, data: { uninstalledAt: at } });
}
