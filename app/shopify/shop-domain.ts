// Which shop a webhook is for comes from its X-Shopify-Shop-Domain header, which the HMAC does not cover (it signs
// the body only). The value becomes the tenant key of everything stored, so it must be a shop domain, in one form.

/**
 * The shop's domain in lower case, or null unless it is `<store>.myshopify.com` or `<store>.<domain>` for one of
 * `customDomains` (SHOP_CUSTOM_DOMAIN, e.g. Shopify's own development domains). Shopify sends lower case; the same
 * shop in another case must not become another tenant.
 */
export function normalizeShopDomain(value: string, customDomains: readonly string[] = []): string | null {
  const shop = value.trim().toLowerCase();
  const match = /^[a-z0-9][a-z0-9-]*\.(.+)$/.exec(shop);
  if (!match) return null;
  const domain = match[1]!;
  const accepted = ["myshopify.com", ...customDomains.map((d) => d.trim().toLowerCase().replace(/^\.+/, ""))];
  return accepted.includes(domain) ? shop : null;
}
