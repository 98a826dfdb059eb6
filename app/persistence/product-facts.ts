// Earning exclusions by collection and tag, and the product facts (collections and tags of the products they and the
// campaign scopes name) kept in the settings row for orders/paid. app/rules/product-facts.ts states the design.
import type { SqlDb } from "../db.server";
import { instant } from "../db/dialect";
import type { AdminGraphql } from "../shopify/admin-graphql.server";
import { collectionProductIds, taggedProductIds } from "../shopify/product-facts.server";
import { buildProductFacts, namedScopes, type StoredProductFacts } from "../rules/product-facts";
import { normalTag, readCampaignCache } from "../rules/campaigns";
import { log } from "../log.server";

export type Exclusions = { excludedCollectionIds: string[]; excludedProductTags: string[] };

export function exclusionsFromRow(row: { excludedCollectionIds?: string | null; excludedProductTags?: string | null } | null | undefined): Exclusions {
  return {
    excludedCollectionIds: JSON.parse(row?.excludedCollectionIds ?? "[]") as string[],
    excludedProductTags: JSON.parse(row?.excludedProductTags ?? "[]") as string[],
  };
}

export async function getExclusions(db: SqlDb, shop: string): Promise<Exclusions> {
  const row = await db.selectFrom("ProgramSettings").select(["excludedCollectionIds", "excludedProductTags"]).where("shop", "=", shop).executeTakeFirst();
  return exclusionsFromRow(row);
}

export async function saveExclusions(db: SqlDb, shop: string, exclusions: Exclusions, now = new Date()) {
  const data = {
    excludedCollectionIds: JSON.stringify(exclusions.excludedCollectionIds),
    excludedProductTags: JSON.stringify(exclusions.excludedProductTags.map((tag) => tag.trim())),
    updatedAt: instant(now),
  };
  await db.insertInto("ProgramSettings").values({ shop, ...data }).onConflict((c) => c.column("shop").doUpdateSet(data)).execute();
}

/**
 * Resolves the collections and tags that exclusions and campaigns name through the Admin API and stores the facts.
 * A failure leaves the facts as they were (logged): earning goes on with the last known ones.
 */
export async function refreshProductFacts(db: SqlDb, graphql: AdminGraphql, shop: string, now = new Date()): Promise<{ products: number; complete: boolean } | null> {
  const row = await db.selectFrom("ProgramSettings").select(["excludedCollectionIds", "excludedProductTags", "campaigns"]).where("shop", "=", shop).executeTakeFirst();
  const exclusions = exclusionsFromRow(row);
  const campaigns = readCampaignCache(row?.campaigns);
  const named = namedScopes([
    { collectionIds: exclusions.excludedCollectionIds, productTags: exclusions.excludedProductTags },
    ...campaigns.map((c) => c.scope),
  ]);
  try {
    let complete = true;
    const collections = new Map<string, string[]>();
    for (const id of named.collectionIds) {
      const found = await collectionProductIds(graphql, id);
      collections.set(id, found.ids);
      complete &&= found.complete;
    }
    const tagged = new Map<string, string[]>();
    for (const tag of named.tags) {
      const found = await taggedProductIds(graphql, tag);
      tagged.set(normalTag(tag), found.ids);
      complete &&= found.complete;
    }
    const facts = buildProductFacts(collections, tagged);
    if (!complete) log.warn("product facts: a collection or tag has more products than are read; the rest earn as unscoped", { shop });
    const data = { productFacts: JSON.stringify(facts), updatedAt: instant(now) };
    await db.insertInto("ProgramSettings").values({ shop, ...data }).onConflict((c) => c.column("shop").doUpdateSet(data)).execute();
    return { products: Object.keys(facts).length, complete };
  } catch (error) {
    log.error("product facts: Shopify could not be asked; the last known facts stay", { shop, error });
    return null;
  }
}

/**
 * products/update: the product's tags as Shopify now has them, applied to the facts for the tags exclusions and
 * campaigns name (its collections are not in the payload; they are read again on the next save). Writes only when the
 * product's named tags changed; shops that name no tags are not written to at all.
 */
export async function applyProductTags(db: SqlDb, shop: string, productId: string, tags: readonly string[], now = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("ProgramSettings").select(["excludedProductTags", "campaigns", "productFacts"]).where("shop", "=", shop).executeTakeFirst();
    if (!row) return false;
    const named = new Set(namedScopes([
      { collectionIds: [], productTags: exclusionsFromRow(row).excludedProductTags },
      ...readCampaignCache(row.campaigns).map((c) => c.scope),
    ]).tags);
    if (named.size === 0) return false;
    const facts = JSON.parse(row.productFacts || "{}") as StoredProductFacts;
    const current = [...new Set(tags.map(normalTag))].filter((tag) => named.has(tag)).sort();
    const before = facts[productId];
    if (JSON.stringify(before?.t ?? []) === JSON.stringify(current)) return false;
    if (current.length === 0 && (before?.c.length ?? 0) === 0) delete facts[productId];
    else facts[productId] = { c: before?.c ?? [], t: current };
    await trx.updateTable("ProgramSettings").set({ productFacts: JSON.stringify(facts), updatedAt: instant(now) }).where("shop", "=", shop).execute();
    return true;
  });
}

/** Whether exclusions or a campaign scope name the collection: only then does a change to it matter to earning. */
export async function collectionIsNamed(db: SqlDb, shop: string, collectionId: string): Promise<boolean> {
  const row = await db.selectFrom("ProgramSettings").select(["excludedCollectionIds", "campaigns"]).where("shop", "=", shop).executeTakeFirst();
  if (!row) return false;
  const named = namedScopes([
    { collectionIds: exclusionsFromRow(row).excludedCollectionIds, productTags: [] },
    ...readCampaignCache(row.campaigns).map((c) => c.scope),
  ]);
  return named.collectionIds.includes(collectionId);
}

export class ProductFactsRefreshError extends Error {
  constructor(shop: string) {
    super(`product facts of ${shop} could not be read from Shopify; the delivery is retried`);
    this.name = "ProductFactsRefreshError";
  }
}

/**
 * collections/update or collections/delete: when exclusions or a campaign name the collection, its products (and the
 * other named collections' and tags') are read again, so a product added to it later earns by it without a save.
 * No transaction is held while Shopify is asked: the read, the API calls and the one write are separate, as on a save.
 * A collection nobody names costs one read and no API call. Shopify failing throws, so the inbox tries again later.
 */
export async function refreshFactsForCollection(
  db: SqlDb,
  shop: string,
  collectionId: string,
  graphqlForShop: (shop: string) => Promise<AdminGraphql | null>,
): Promise<"not_named" | "no_session" | "refreshed"> {
  if (!(await collectionIsNamed(db, shop, collectionId))) return "not_named";
  const graphql = await graphqlForShop(shop);
  if (!graphql) return "no_session"; // uninstalled: nothing to read with, and nothing to earn until it is back
  if ((await refreshProductFacts(db, graphql, shop)) === null) throw new ProductFactsRefreshError(shop);
  return "refreshed";
}
