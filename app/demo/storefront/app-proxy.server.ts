// The demo storefront's stand-in for Shopify's app proxy. On a real shop, a request to /apps/loyalty/<path> reaches
// the app as /proxy/<path> with shop, logged_in_customer_id (from the shopper's storefront session), path_prefix,
// timestamp and a signature added by Shopify: hex HMAC-SHA256, with the app secret, of the sorted `key=value`
// pairs joined with nothing between them (a key given twice has its values joined with commas). This does the same,
// with the demo shopper chosen on /demo/storefront as the signed-in customer.
import crypto from "node:crypto";
import { DEMO_STOREFRONT_SHOPPERS } from "../demo-data";

/** Query parameters only Shopify sets: whatever the browser sends under these names is dropped. */
const SHOPIFY_PARAMS = new Set(["shop", "logged_in_customer_id", "path_prefix", "timestamp", "signature"]);

export const PROXY_PATH_PREFIX = "/apps/loyalty";
export const CUSTOMER_COOKIE = "demo_storefront_customer";

export function appProxySignature(params: URLSearchParams, secret: string): string {
  const values = new Map<string, string[]>();
  for (const [key, value] of params) if (key !== "signature") values.set(key, [...(values.get(key) ?? []), value]);
  const message = [...values.keys()]
    .sort()
    .map((key) => `${key}=${values.get(key)!.join(",")}`)
    .join("");
  return crypto.createHmac("sha256", secret).update(message, "utf8").digest("hex");
}

/** The URL Shopify would call on the app for a storefront request to /apps/loyalty/<subpath>?<query>. */
export function signedProxyUrl(options: {
  appUrl: string;
  subpath: string;
  query: URLSearchParams;
  shop: string;
  customerId: string | null;
  secret: string;
  now?: Date;
}): URL {
  const url = new URL(`/proxy/${options.subpath}`, options.appUrl);
  for (const [key, value] of options.query) if (!SHOPIFY_PARAMS.has(key)) url.searchParams.append(key, value);
  url.searchParams.set("shop", options.shop);
  url.searchParams.set("logged_in_customer_id", options.customerId ?? "");
  url.searchParams.set("path_prefix", PROXY_PATH_PREFIX);
  url.searchParams.set("timestamp", String(Math.floor((options.now ?? new Date()).getTime() / 1000)));
  url.searchParams.set("signature", appProxySignature(url.searchParams, options.secret));
  return url;
}

/** The demo shopper "signed in" on the demo storefront (a cookie, as a storefront session is), or null for a guest. */
export function storefrontCustomerId(request: Request): string | null {
  const cookie = request.headers.get("Cookie") ?? "";
  const match = new RegExp(`(?:^|;\\s*)${CUSTOMER_COOKIE}=(\\d+)`).exec(cookie);
  return match && DEMO_STOREFRONT_SHOPPERS.some((c) => String(c.id) === match[1]) ? match[1]! : null;
}

export function customerCookie(customerId: string | null): string {
  return customerId === null
    ? `${CUSTOMER_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`
    : `${CUSTOMER_COOKIE}=${customerId}; Path=/; HttpOnly; SameSite=Lax`;
}
