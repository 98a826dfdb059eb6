// Reads the store's name, currency and IANA time zone from the Admin GraphQL API.
import type { ShopInfoQuery } from "../types/admin.generated";
import { requireData, runAdminGraphql, type AdminGraphql } from "./admin-graphql.server";

export const SHOP_INFO_QUERY = `#graphql
  query ShopInfo {
    shop {
      name
      myshopifyDomain
      currencyCode
      ianaTimezone
    }
  }
`;

export type ShopInfo = ShopInfoQuery["shop"];

/** Throws AdminGraphqlError when Shopify gives no answer; the home page shows its figures without the shop's details. */
export async function fetchShopInfo(graphql: AdminGraphql): Promise<ShopInfo> {
  return requireData(await runAdminGraphql(graphql, SHOP_INFO_QUERY)).shop;
}
