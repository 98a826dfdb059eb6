// Reads the store's name and currency from the Admin GraphQL API.

export const SHOP_INFO_QUERY = `#graphql
  query ShopInfo {
    shop {
      name
      myshopifyDomain
      currencyCode
    }
  }
`;

export type ShopInfo = { name: string; myshopifyDomain: string; currencyCode: string };

type AdminGraphql = (query: string, options?: { variables?: Record<string, unknown> }) => Promise<Response>;

export async function fetchShopInfo(graphql: AdminGraphql): Promise<ShopInfo> {
  const response = await graphql(SHOP_INFO_QUERY);
  const body = (await response.json()) as { data?: { shop?: ShopInfo } };
  if (!body.data?.shop) throw new Error("ShopInfo returned no shop");
  return body.data.shop;
}
