// Requests signed exactly as Shopify signs them, built with Shopify's own test helpers and the test app's
// credentials (vitest.config.ts sets the app to the helpers' API_KEY / API_SECRET_KEY / APP_URL).
import crypto from "node:crypto";
import {
  API_KEY,
  API_SECRET_KEY,
  APP_URL,
  getHmac,
  getJwt,
  RequestType,
  setUpValidRequest,
  setUpValidSession,
} from "@shopify/shopify-api/test-helpers";
import { sessionStorage } from "../../app/shopify.server";
import { sqlDb } from "../../app/db.server";
import { recordShopInstalled } from "../../app/persistence/shops";
import { DEFAULT_SCOPES } from "../../app/shopify/app-environment.server";

export { API_KEY, API_SECRET_KEY, APP_URL };

let shopCounter = 0;
/** A shop domain no other test uses, so tests sharing one database never see each other's rows. */
export function uniqueShop(label = "shop"): string {
  shopCounter += 1;
  const suffix = `${Date.now().toString(36)}${process.pid.toString(36)}${shopCounter}`;
  return `${label}-${suffix}.myshopify.com`;
}

/**
 * What installing the app leaves behind: the offline session Shopify-managed installation stores and the Shop row
 * the app's afterAuth hook then writes (admin-auth.test.ts goes through that path itself, with token exchange).
 */
export async function installShop(shop: string) {
  const session = setUpValidSession({ shop, scope: DEFAULT_SCOPES.join(",") });
  await sessionStorage.storeSession(session);
  await recordShopInstalled(sqlDb, shop);
  return session;
}

/** A fresh shop domain that has installed the app: what every test delivering webhooks needs. */
export async function installedShop(label = "shop"): Promise<string> {
  const shop = uniqueShop(label);
  await installShop(shop);
  return shop;
}

/** Shopify's helpers take the store's name and append ".myshopify.com" themselves. */
function storeName(shop: string): string {
  return shop.replace(/\.myshopify\.com$/, "");
}

export type SignedWebhookOptions = {
  shop: string;
  topic: string; // e.g. "orders/paid"
  payload: unknown;
  webhookId?: string;
  apiVersion?: string;
  secret?: string; // sign with a different secret to forge a request
  rawBody?: string; // send these exact bytes instead of JSON.stringify(payload)
  query?: string; // a query string for the URL (Shopify sends none; the app must not care)
};

/** A POST to /webhooks/<topic> with the headers and HMAC Shopify sends. */
export function signedWebhookRequest(options: SignedWebhookOptions): Request {
  const body = options.rawBody ?? webhookJson(options.payload);
  return new Request(`${APP_URL}/webhooks/${options.topic}${options.query ? `?${options.query}` : ""}`, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Hmac-Sha256": getHmac(body, options.secret ?? API_SECRET_KEY),
      "X-Shopify-Topic": options.topic,
      "X-Shopify-Shop-Domain": options.shop,
      "X-Shopify-API-Version": options.apiVersion ?? "2026-10",
      "X-Shopify-Webhook-Id": options.webhookId ?? crypto.randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
      "X-Shopify-Event-Id": crypto.randomUUID(),
    },
  });
}

/** A Shopify Flow action run as Flow POSTs it to the action's runtime_url: the JSON body signed with the app's secret. */
export function signedFlowActionRequest(path: string, body: unknown, options: { secret?: string; rawBody?: string } = {}): Request {
  const raw = options.rawBody ?? JSON.stringify(body);
  return new Request(`${APP_URL}${path}`, {
    method: "POST",
    body: raw,
    headers: { "Content-Type": "application/json", "X-Shopify-Hmac-Sha256": getHmac(raw, options.secret ?? API_SECRET_KEY) },
  });
}

/** A storefront request through the app proxy, signed as Shopify signs it (signature + timestamp). */
export async function signedProxyRequest(
  shop: string,
  path: string,
  options: { customerId?: string; init?: RequestInit } = {},
): Promise<Request> {
  const url = new URL(`${APP_URL}${path}`);
  url.searchParams.set("path_prefix", "/apps/loyalty");
  url.searchParams.set("logged_in_customer_id", options.customerId ?? "");
  const request = new Request(url, options.init);
  return setUpValidRequest({ type: RequestType.Public, store: storeName(shop), apiSecretKey: API_SECRET_KEY }, request);
}

/**
 * A storefront request through the app proxy with exactly these query parameters, in this order (a name may repeat),
 * plus `shop` and `timestamp` unless given. Signed as Shopify's library verifies an app proxy signature: the
 * parameters sorted by name (String.localeCompare, as @shopify/shopify-api sorts them), a repeated name's values
 * joined with commas, `name=value` pairs concatenated, hex HMAC-SHA256 with the app secret. `signedProxyRequest`
 * uses Shopify's own helper, which cannot sign a repeated parameter.
 */
export function signedProxyRequestWithQuery(
  shop: string,
  path: string,
  params: Array<[string, string]>,
  options: { init?: RequestInit; secret?: string } = {},
): Request {
  const url = new URL(`${APP_URL}${path}`);
  for (const [name, value] of params) url.searchParams.append(name, value);
  if (!url.searchParams.has("shop")) url.searchParams.set("shop", shop);
  if (!url.searchParams.has("timestamp")) url.searchParams.set("timestamp", String(Math.trunc(Date.now() / 1000)));
  const values = new Map<string, string[]>();
  for (const [name, value] of url.searchParams) {
    if (name !== "signature") values.set(name, [...(values.get(name) ?? []), value]);
  }
  const message = [...values]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, list]) => `${name}=${list.join(",")}`)
    .join("");
  url.searchParams.append("signature", crypto.createHmac("sha256", options.secret ?? API_SECRET_KEY).update(message).digest("hex"));
  return new Request(url, options.init);
}

/** An embedded admin document request carrying a session token (id_token) as Shopify admin sends it. */
export async function adminDocumentRequest(shop: string, path: string, init?: RequestInit): Promise<Request> {
  return setUpValidRequest(
    { type: RequestType.Admin, store: storeName(shop), apiKey: API_KEY, apiSecretKey: API_SECRET_KEY },
    new Request(`${APP_URL}${path}`, init),
  );
}

/** An embedded admin fetch (Remix data request) with `Authorization: Bearer <session token>`. */
export async function adminFetchRequest(shop: string, path: string, init?: RequestInit): Promise<Request> {
  return setUpValidRequest(
    { type: RequestType.Bearer, store: storeName(shop), apiKey: API_KEY, apiSecretKey: API_SECRET_KEY },
    new Request(`${APP_URL}${path}`, init),
  );
}

/**
 * A payload as Shopify writes it: JSON, with BigInt values (ids beyond 2^53, which Shopify writes as bare integer
 * literals) written as their digits.
 */
export function webhookJson(payload: unknown): string {
  return JSON.stringify(payload, (_key, value: unknown) => (typeof value === "bigint" ? `\u0000big:${value}` : value)).replace(/"\\u0000big:(\d+)"/g, "$1");
}

/** A session token for `shop` signed with another secret: what a forger could produce. */
export async function forgedSessionToken(shop: string): Promise<string> {
  const { token } = await getJwt(storeName(shop), API_KEY, "not-the-app-secret");
  return token;
}

export type ExtensionTokenOptions = {
  shop: string;
  /** The signed-in customer's numeric id; absent for a guest (Shopify then leaves `sub` out). */
  customerId?: string;
  surface?: "checkout" | "customerAccount";
  secret?: string; // another secret: a forged token
  audience?: string; // another app's client id
  /** Seconds from now until `exp` (negative: already expired). Shopify's extension tokens live 5 minutes. */
  expiresIn?: number;
};

/**
 * A UI extension's session token as Shopify mints it (`shopify.sessionToken.get()` in a checkout or customer account
 * extension): HS256 with the app's secret, aud = the app's client id, dest = the shop's myshopify domain, sub = the
 * customer's gid when signed in, nbf/iat/exp around now, a jti and a sid.
 */
export async function extensionSessionToken(options: ExtensionTokenOptions): Promise<string> {
  const { SignJWT } = await import("jose");
  const now = Math.floor(Date.now() / 1000);
  const expiresIn = options.expiresIn ?? 300;
  const claims: Record<string, unknown> = {
    iss: options.surface === "customerAccount" ? `https://${options.shop}` : `https://${options.shop}/checkouts`,
    dest: options.shop,
    aud: options.audience ?? API_KEY,
    exp: now + expiresIn,
    nbf: Math.min(now, now + expiresIn) - 5,
    iat: Math.min(now, now + expiresIn) - 5,
    jti: crypto.randomUUID(),
    sid: crypto.randomUUID(),
  };
  if (options.customerId) claims.sub = `gid://shopify/Customer/${options.customerId}`;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .sign(crypto.createSecretKey(Buffer.from(options.secret ?? API_SECRET_KEY)));
}

export type PosTokenOptions = Omit<ExtensionTokenOptions, "customerId" | "surface"> & {
  /** The Shopify user signed in to POS (the token's `sub`); default 42. */
  staffUserId?: string;
  /** Replaces `sub` as given (a customer's gid: a token that is not a POS user's). */
  sub?: string;
};

/**
 * A POS UI extension's session token (`shopify.session.getSessionToken()`): Shopify's ID token for the user signed in
 * to POS — HS256 with the app's secret, iss `https://{shop}/admin`, dest `https://{shop}`, aud the app's client id,
 * sub the user's id, nbf/iat/exp around now (1 minute), jti and sid.
 */
export async function posSessionToken(options: PosTokenOptions): Promise<string> {
  const { SignJWT } = await import("jose");
  const now = Math.floor(Date.now() / 1000);
  const expiresIn = options.expiresIn ?? 60;
  const claims: Record<string, unknown> = {
    iss: `https://${options.shop}/admin`,
    dest: `https://${options.shop}`,
    aud: options.audience ?? API_KEY,
    sub: options.sub ?? options.staffUserId ?? "42",
    exp: now + expiresIn,
    nbf: Math.min(now, now + expiresIn) - 5,
    iat: Math.min(now, now + expiresIn) - 5,
    jti: crypto.randomUUID(),
    sid: crypto.randomUUID(),
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .sign(crypto.createSecretKey(Buffer.from(options.secret ?? API_SECRET_KEY)));
}

/** A request from the POS extension: the app's own CDN origin as POS loads extensions, the token as a bearer. */
export async function posRequest(path: string, options: PosTokenOptions & { init?: RequestInit; token?: string | null }): Promise<Request> {
  const token = options.token === undefined ? await posSessionToken(options) : options.token;
  const headers = new Headers(options.init?.headers);
  headers.set("Origin", "https://extensions.shopifycdn.com");
  if (token) headers.set("Authorization", `Bearer ${token}`);
  return new Request(`${APP_URL}${path}`, { ...options.init, headers });
}

/** A request from a UI extension to the app's backend: Shopify's origin, the token as a bearer. */
export async function extensionRequest(path: string, options: ExtensionTokenOptions & { init?: RequestInit; token?: string | null }): Promise<Request> {
  const token = options.token === undefined ? await extensionSessionToken(options) : options.token;
  const headers = new Headers(options.init?.headers);
  headers.set("Origin", options.surface === "customerAccount" ? `https://shopify.com` : "https://extensions.shopifycdn.com");
  if (token) headers.set("Authorization", `Bearer ${token}`);
  return new Request(`${APP_URL}${path}`, { ...options.init, headers });
}
