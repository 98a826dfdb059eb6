// The shops that have installed the app: their lifecycle (install, uninstall) and the currency their points are
// kept in. Plain SQL (app/db/sql.server.ts): the currency is read on storefront requests.
import type { SqlDb } from "../db.server";
import { instant } from "../db/dialect";

export async function recordShopSeen(db: SqlDb, domain: string, currency: string, now = new Date()) {
  await db
    .insertInto("Shop")
    .values({ domain, currency, installedAt: instant(now), updatedAt: instant(now) })
    .onConflict((conflict) => conflict.column("domain").doUpdateSet({ currency, uninstalledAt: null, updatedAt: instant(now) }))
    .execute();
}

export async function recordShopUninstalled(db: SqlDb, domain: string, at = new Date()) {
  await db.updateTable("Shop").set({ uninstalledAt: instant(at), updatedAt: instant(at) }).where("domain", "=", domain).execute();
}

/** The shop's currency (ISO 4217): points are earned and rewards priced in it. USD until Shopify has told us. */
export async function shopCurrency(db: SqlDb, shop: string): Promise<string> {
  const row = await db.selectFrom("Shop").select("currency").where("domain", "=", shop).executeTakeFirst();
  return row?.currency ?? "USD";
}
