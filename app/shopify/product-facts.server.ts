// Which products are in the collections, or carry the tags, that earning exclusions and campaign scopes name: read
// from the Admin API when the merchant saves them, so orders/paid never asks (app/rules/product-facts.ts says why).
import type { ProductFactsCollectionQuery, ProductFactsTaggedQuery } from "../types/admin.generated";
import { requireData, runAdminGraphql, type AdminGraphql } from "./admin-graphql.server";
import { offlineAdmin } from "./offline-admin.server";

export const PRODUCT_FACTS_COLLECTION_QUERY = `#graphql
  query ProductFactsCollection($id: ID!, $after: String) {
    collection(id: $id) {
      id
      products(first: 250, after: $after) {
        nodes {
          id
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

export const PRODUCT_FACTS_TAGGED_QUERY = `#graphql
  query ProductFactsTagged($query: String!, $after: String) {
    products(first: 250, after: $after, query: $query) {
      nodes {
        id
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

/** At most 20 pages (5,000 products) per collection or tag: beyond, the rest is left out and logged by the caller. */
export const MAX_PAGES = 20;

const numeric = (gid: string) => gid.slice(gid.lastIndexOf("/") + 1);

/** A collection's product ids (numeric); an unknown collection has none. Throws AdminGraphqlError if Shopify fails. */
export async function collectionProductIds(graphql: AdminGraphql, collectionId: string): Promise<{ ids: string[]; complete: boolean }> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const data: ProductFactsCollectionQuery = requireData(await runAdminGraphql(graphql, PRODUCT_FACTS_COLLECTION_QUERY, { id: `gid://shopify/Collection/${collectionId}`, after }));
    const products = data.collection?.products;
    if (!products) return { ids, complete: true };
    ids.push(...products.nodes.map((node) => numeric(node.id)));
    if (!products.pageInfo.hasNextPage) return { ids, complete: true };
    after = products.pageInfo.endCursor ?? null;
  }
  return { ids, complete: false };
}

/** The ids of the products with a tag (Shopify's search: tag:'…', exact, case-insensitive). */
export async function taggedProductIds(graphql: AdminGraphql, tag: string): Promise<{ ids: string[]; complete: boolean }> {
  const ids: string[] = [];
  let after: string | null = null;
  const query = `tag:'${tag.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  for (let page = 0; page < MAX_PAGES; page++) {
    const data: ProductFactsTaggedQuery = requireData(await runAdminGraphql(graphql, PRODUCT_FACTS_TAGGED_QUERY, { query, after }));
    ids.push(...data.products.nodes.map((node) => numeric(node.id)));
    if (!data.products.pageInfo.hasNextPage) return { ids, complete: true };
    after = data.products.pageInfo.endCursor ?? null;
  }
  return { ids, complete: false };
}

/** The shop's Admin API through its offline session, for work off a request (webhooks); null when it has none. */
export async function productFactsGraphqlForShop(shop: string): Promise<AdminGraphql | null> {
  return (await offlineAdmin(shop))?.graphql ?? null;
}
