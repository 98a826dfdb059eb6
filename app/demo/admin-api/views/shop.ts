// The `shop` object: the fields of Shopify's Shop the stand-in holds (ShopRecord), in the API's shape.
import type { View } from "../context";
import type { ShopState } from "../state";
import { metafieldFields } from "./metafields";

export function shopView(state: ShopState): View {
  const shop = state.shop;
  return {
    __typename: "Shop",
    id: shop.id,
    name: shop.name,
    email: shop.email,
    contactEmail: shop.contactEmail,
    shopOwnerName: shop.shopOwnerName,
    myshopifyDomain: shop.myshopifyDomain,
    url: `https://${shop.primaryDomainHost}`,
    primaryDomain: {
      __typename: "Domain",
      id: shop.id.replace("/Shop/", "/Domain/"),
      host: shop.primaryDomainHost,
      url: `https://${shop.primaryDomainHost}`,
      sslEnabled: true,
    },
    currencyCode: shop.currencyCode,
    enabledPresentmentCurrencies: shop.enabledPresentmentCurrencies,
    currencyFormats: {
      __typename: "CurrencyFormats",
      moneyFormat: shop.moneyFormat,
      moneyWithCurrencyFormat: shop.moneyWithCurrencyFormat,
      moneyInEmailsFormat: shop.moneyFormat,
      moneyWithCurrencyInEmailsFormat: shop.moneyWithCurrencyFormat,
    },
    ianaTimezone: shop.ianaTimezone,
    timezoneAbbreviation: shop.timezoneAbbreviation,
    timezoneOffset: shop.timezoneOffset,
    timezoneOffsetMinutes: shop.timezoneOffsetMinutes,
    plan: {
      __typename: "ShopPlan",
      displayName: shop.planDisplayName,
      partnerDevelopment: shop.partnerDevelopment,
      shopifyPlus: shop.shopifyPlus,
    },
    taxesIncluded: shop.taxesIncluded,
    weightUnit: shop.weightUnit,
    description: shop.description,
    createdAt: shop.createdAt,
    updatedAt: shop.updatedAt,
    ...metafieldFields(state, shop.id),
  };
}
