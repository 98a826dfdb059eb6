// Storefront requests as Shopify's app proxy forwards them: the shop's /apps/loyalty/<path> arrives at the app's
// /proxy/<path> with `shop`, `logged_in_customer_id`, `path_prefix` and `timestamp` added and a `signature` over
// all of them (computed as the demo storefront's stand-in for the app proxy does). Signed per request at send time:
// the app rejects timestamps more than 90 s off.
import { appProxySignature, PROXY_PATH_PREFIX } from "../../app/demo/storefront/app-proxy.server";
import type { LoadRequest } from "./load";

/** The path and query of a signed proxy request for `customerId` ("" for a shopper who is not signed in). */
export function signedProxyPath(options: {
  secret: string;
  shop: string;
  customerId: string;
  path: string;
  /** Further query parameters; the signature covers them too, as Shopify's covers the storefront's own. */
  query?: Record<string, string>;
  nowMs?: number;
}): string {
  const params = new URLSearchParams(options.query);
  params.set("shop", options.shop);
  params.set("logged_in_customer_id", options.customerId);
  params.set("path_prefix", PROXY_PATH_PREFIX);
  params.set("timestamp", String(Math.trunc((options.nowMs ?? Date.now()) / 1000)));
  params.set("signature", appProxySignature(params, options.secret));
  return `${options.path}?${params.toString()}`;
}

export function proxyGet(path: string): LoadRequest {
  return { method: "GET", path, headers: { Accept: "application/json" } };
}

export function proxyPostJson(path: string, body: unknown): LoadRequest {
  const bytes = Buffer.from(JSON.stringify(body), "utf8");
  return {
    method: "POST",
    path,
    headers: { Accept: "application/json", "Content-Type": "application/json", "Content-Length": String(bytes.length) },
    body: bytes,
  };
}

/** The same request with its signature's last hex digit changed: what the app and the baseline must refuse. */
export function tampered(path: string): string {
  return path.replace(/signature=([0-9a-f]*)([0-9a-f])/, (_, head: string, last: string) => `signature=${head}${last === "0" ? "1" : "0"}`);
}
