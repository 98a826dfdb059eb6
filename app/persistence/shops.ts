// The shops that have installed the app: their lifecycle (install, uninstall, erasure) and the currency their points
// are kept in. Plain SQL (app/db/sql.server.ts): the currency is read on storefront requests, and whether a shop is
// a tenant on every webhook.
//
// A Shop row exists from the moment a shop installs the app (the afterAuth hook in app/shopify.server.ts) until
// shop/redact erases it; uninstalling only marks it. It is what says a shop is a tenant: webhooks that would
// create data for a shop without one are dropped (app/shopify/webhooks.server.ts).
import type { SqlDb } from "../db.server";
import { instant, readInstant } from "../db/dialect";
import { shopZone } from "../rules/local-calendar";

/**
 * Installation (or reinstallation): the shop becomes, or again is, a tenant. Its currency is learnt later. True only
 * for the call that made it a tenant — the row was new, or it was marked uninstalled — so work that belongs to an
 * install (the order history import) runs once per install however often the shop authenticates again. Each step is
 * one statement that only one of two concurrent callers can win (the insert on the unique domain, the update guarded
 * by `uninstalledAt is not null`).
 */
export async function recordShopInstalled(db: SqlDb, domain: string, now = new Date()): Promise<boolean> {
  const inserted = await db
    .insertInto("Shop")
    .values({ domain, installedAt: instant(now), updatedAt: instant(now) })
    .onConflict((conflict) => conflict.column("domain").doNothing())
    .returning("domain")
    .executeTakeFirst();
  if (inserted) return true;
  const reinstalled = await db
    .updateTable("Shop")
    .set({ uninstalledAt: null, updatedAt: instant(now) })
    .where("domain", "=", domain)
    .where("uninstalledAt", "is not", null)
    .executeTakeFirst();
  if (Number(reinstalled.numUpdatedRows) === 1) return true;
  await db.updateTable("Shop").set({ updatedAt: instant(now) }).where("domain", "=", domain).execute();
  return false;
}

/** What the shop query told us: the currency, and (when asked) the IANA time zone its business days are counted in. */
export async function recordShopSeen(db: SqlDb, domain: string, currency: string, now = new Date(), ianaTimezone?: string | null) {
  const zone = ianaTimezone ? { ianaTimezone } : {};
  await db
    .insertInto("Shop")
    .values({ domain, currency, ...zone, installedAt: instant(now), updatedAt: instant(now) })
    .onConflict((conflict) => conflict.column("domain").doUpdateSet({ currency, ...zone, uninstalledAt: null, updatedAt: instant(now) }))
    .execute();
}

/** The shop's IANA time zone (Shopify's `ianaTimezone`); UTC until the shop query has told us, or if unknown here. */
export async function shopTimeZone(db: SqlDb, shop: string): Promise<string> {
  const row = await db.selectFrom("Shop").select("ianaTimezone").where("domain", "=", shop).executeTakeFirst();
  return shopZone(row?.ianaTimezone);
}

export async function recordShopUninstalled(db: SqlDb, domain: string, at = new Date()) {
  await db.updateTable("Shop").set({ uninstalledAt: instant(at), updatedAt: instant(at) }).where("domain", "=", domain).execute();
}

/** The shop's currency (ISO 4217): points are earned and rewards priced in it. USD until Shopify has told us. */
export async function shopCurrency(db: SqlDb, shop: string): Promise<string> {
  const row = await db.selectFrom("Shop").select("currency").where("domain", "=", shop).executeTakeFirst();
  return row?.currency ?? "USD";
}

/** Whether the shop installed the app and has not been erased since (uninstalled shops still count). */
export async function isKnownShop(db: SqlDb, domain: string): Promise<boolean> {
  return (await db.selectFrom("Shop").select("domain").where("domain", "=", domain).executeTakeFirst()) !== undefined;
}

/** When the app was (first) installed on the shop: the program's start. Null for a shop never installed. */
export async function shopInstalledAt(db: SqlDb, domain: string): Promise<Date | null> {
  const row = await db.selectFrom("Shop").select("installedAt").where("domain", "=", domain).executeTakeFirst();
  return row ? readInstant(row.installedAt) : null;
}
