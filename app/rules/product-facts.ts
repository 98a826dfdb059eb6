// What is known about products at order time. orders/paid lines carry only a product id, yet earning exclusions and
// campaign scopes may name collections and product tags. So the app keeps, per shop, the collections and tags of the
// products those exclusions and scopes name — resolved through the Admin API when the merchant saves them (app/
// persistence/product-facts.ts) — in the settings row orders/paid already reads: no API call and no query in the
// webhook. Only products in a named collection or with a named tag are kept; a product nobody named has no entry and
// matches no collection or tag scope (correct: it is in none of those named).
//
// Staleness, stated: products/update (subscribed) brings a product's tags, applied at once without an API call; it
// carries no collections (and collections/update is not subscribed), so a product added to a named collection after
// the last resolution is known to be in it from the next one (the merchant saving exclusions or a campaign).
import type { ProductFacts, ProductFactsLookup } from "./campaigns";
import { normalTag } from "./campaigns";

/** As stored: { productId: { c: collectionIds, t: tags } }. */
export type StoredProductFacts = Record<string, { c: string[]; t: string[] }>;

/** Collections and tags that exclusions and campaign scopes name, each once (tags compared as Shopify compares them). */
export function namedScopes(items: Array<{ collectionIds: readonly string[]; productTags: readonly string[] }>): { collectionIds: string[]; tags: string[] } {
  const collectionIds = [...new Set(items.flatMap((item) => item.collectionIds))].sort();
  const tags = [...new Set(items.flatMap((item) => item.productTags.map(normalTag)))].filter(Boolean).sort();
  return { collectionIds, tags };
}

/** The facts from what the Admin API answered: each named collection's products, each named tag's products. */
export function buildProductFacts(collections: Map<string, string[]>, tagged: Map<string, string[]>): StoredProductFacts {
  const facts: StoredProductFacts = {};
  const entry = (productId: string) => (facts[productId] ??= { c: [], t: [] });
  for (const [collectionId, products] of [...collections].sort(([a], [b]) => a.localeCompare(b))) {
    for (const productId of products) if (!entry(productId).c.includes(collectionId)) entry(productId).c.push(collectionId);
  }
  for (const [tag, products] of [...tagged].sort(([a], [b]) => a.localeCompare(b))) {
    for (const productId of products) if (!entry(productId).t.includes(normalTag(tag))) entry(productId).t.push(normalTag(tag));
  }
  return facts;
}

let memo: { text: string; lookup: ProductFactsLookup } | null = null;

/**
 * The lookup earnForOrder takes, from the stored JSON. "{}" (nothing named, the default) costs nothing; otherwise the
 * parse is kept for the same text, so a shop's orders do not parse it again and again.
 */
export function productFactsLookup(text: string | null | undefined): ProductFactsLookup | undefined {
  if (!text || text === "{}") return undefined;
  if (memo?.text === text) return memo.lookup;
  const stored = JSON.parse(text) as StoredProductFacts;
  const lookup: ProductFactsLookup = (productId): ProductFacts | undefined => {
    const found = stored[productId];
    return found ? { collectionIds: found.c, tags: found.t } : undefined;
  };
  memo = { text, lookup };
  return lookup;
}
