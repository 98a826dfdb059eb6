// Products and collections, as far as the app reads them: a product's tags and a collection's products (campaign
// scopes and earning exclusions by collection or tag, app/shopify/product-facts.server.ts). `products(query:)` takes
// Shopify's search syntax for `tag:`; other search fields are reported as unsupported, as for customers.
import type { View } from "../context";
import { connection, type ConnectionArgs } from "../connection";
import { legacyId } from "../ids";
import { textMatches, type Term } from "../search";
import { byNumericId, type CollectionRecord, type ProductRecord, type ShopState } from "../state";
import { resourceFields } from "./resource-fields";

export function productView(product: ProductRecord): View {
  return { __typename: "Product", id: product.id, legacyResourceId: legacyId(product.id), title: product.title, tags: product.tags };
}

function collectionView(shop: ShopState, collection: CollectionRecord): View {
  return {
    __typename: "Collection",
    id: collection.id,
    legacyResourceId: legacyId(collection.id),
    title: collection.title,
    products: (args: ConnectionArgs) =>
      connection(
        "Product",
        [...shop.products.values()].filter((p) => p.collectionIds.includes(collection.id)).sort(byNumericId),
        args,
        (p) => p.id,
        productView,
      ),
  };
}

function matchProduct(product: ProductRecord, term: Term): boolean | undefined {
  switch (term.field) {
    case "tag":
      // Shopify matches a tag exactly (case-insensitively), not as a prefix.
      return product.tags.some((tag) => tag.toLowerCase() === term.value.toLowerCase());
    case "title":
      return textMatches(product.title, term.value);
    default:
      return undefined;
  }
}

export function productFields(shop: ShopState) {
  const products = resourceFields("Product", "products", shop.products, matchProduct, productView);
  const collections = resourceFields("Collection", "collections", shop.collections, () => undefined, (c) => collectionView(shop, c));
  return { product: products.byId, products: products.list, collection: collections.byId };
}
