// The shops that have installed the app, and their lifecycle (install, uninstall, erasure).
//
// A Shop row exists from the moment a shop installs the app (the afterAuth hook in app/shopify.server.ts) until
// shop/redact erases it; uninstalling only marks it. It is what says a shop is a tenant: webhooks that would
// create data for a shop without one are dropped (app/shopify/webhooks.server.ts).
import type { Db } from "../db.server";

/** Installation (or reinstallation): the shop becomes, or again is, a tenant. Its currency is learnt later. */
export async function recordShopInstalled(db: Db, domain: string) {
  await db.shop.upsert({ where: { domain }, create: { domain }, update: { uninstalledAt: null } });
}

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

/** Whether the shop installed the app and has not been erased since (uninstalled shops still count). */
export async function isKnownShop(db: Db, domain: string): Promise<boolean> {
  return (await db.shop.findUnique({ where: { domain }, select: { domain: true } })) !== null;
}
