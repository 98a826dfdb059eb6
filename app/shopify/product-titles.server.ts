// The titles of products the admin names by id (the Program page's excluded products), so the merchant sees what
// was picked rather than numbers. One `nodes` call per page load; the ids stay what is stored.
import type { ProductTitlesQuery } from "../types/admin.generated";
import { runAdminGraphql, type AdminGraphql } from "./admin-graphql.server";

export const PRODUCT_TITLES_QUERY = `#graphql
  query ProductTitles($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Product {
        id
        title
      }
    }
  }
`;

/** `nodes` takes at most 250 ids a call; past that the rest are shown by id. */
export const MAX_TITLED_PRODUCTS = 250;

/**
 * Numeric id → title for the products Shopify still has; a deleted product is left out (shown by its id). Any
 * failure answers an empty map: the page then shows ids, as it did before titles.
 */
export async function productTitles(graphql: AdminGraphql, productIds: readonly string[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  const ids = productIds.slice(0, MAX_TITLED_PRODUCTS).map((id) => `gid://shopify/Product/${id}`);
  if (ids.length === 0) return titles;
  const result = await runAdminGraphql(graphql, PRODUCT_TITLES_QUERY, { ids });
  if (result.kind !== "data") return titles;
  for (const node of (result.data as ProductTitlesQuery).nodes) {
    if (node && "title" in node && node.title !== undefined) titles.set(node.id.slice(node.id.lastIndexOf("/") + 1), node.title);
  }
  return titles;
}
