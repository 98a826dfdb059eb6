// The headless / mobile JSON API (/api/v1/*, docs/headless-api.md, docs/openapi.yaml): two ways in, one set of
// domain functions (app/shopify/member-api.server.ts, the same as the app proxy's and the UI extensions').
//   - server to server, with a shop API key (Authorization: Bearer lk_…), acting for the customer id in the path:
//     /api/v1/program, /api/v1/members/{customerId}[/redeem|/cancel|/birthday|/follow|/referral], and minting
//     customer tokens (/api/v1/customer-tokens). Never answered with CORS headers: a key belongs on a server.
//   - customer-facing, with a customer token (app/shopify/customer-tokens.server.ts) that names the shop and the
//     customer: /api/v1/customer/*. No customer id is read from the request. CORS only for the origins the shop
//     lists in admin (app/persistence/api-origins.ts).
// Every answer is JSON, `Cache-Control: no-store`; every refusal `{ error: { code, message } }` and writes nothing.
import { sqlDb } from "../db.server";
import { answerForError } from "../domain-errors.server";
import { log } from "../log.server";
import { findApiKey } from "../persistence/api-keys";
import { originAllowed, originListedByAnyShop } from "../persistence/api-origins";
import { customerIdOf } from "../rules/action-api-request";
import { verifyCustomerToken, type TokenScope } from "./customer-tokens.server";
import { createRateLimiter, takeSlot, type RateLimit } from "./rate-limit.server";

/** Per key: ten requests a second on average, for a merchant's backend serving its app's users. */
export const HEADLESS_KEY_LIMIT: RateLimit = { points: 600, durationSeconds: 60, keyPrefix: "headless-key" };
/**
 * Per customer (the token's shop and customer, so minting more tokens does not raise it): two a second on average,
 * far more than an app's screens ask for and far less than a script wants. Redeeming also has its own, stricter
 * per-customer budget shared with every other surface (REDEEM_LIMIT).
 */
export const HEADLESS_TOKEN_LIMIT: RateLimit = { points: 120, durationSeconds: 60, keyPrefix: "headless-customer" };
const keyLimiter = createRateLimiter(HEADLESS_KEY_LIMIT);
const tokenLimiter = createRateLimiter(HEADLESS_TOKEN_LIMIT);
const MAX_BODY_BYTES = 16 * 1024;
const PREFLIGHT_MAX_AGE = "600";

type Method = "GET" | "POST";
export type KeyContext = { shop: string; keyId: number; keyHash: string; customerId: string | null };
export type TokenContext = { shop: string; customerId: string; scopes: readonly TokenScope[] };
type Input = { request: Request; url: URL; body: unknown };

export function headlessJson(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

export function headlessError(status: number, code: string, message: string, headers: Record<string, string> = {}) {
  return headlessJson({ error: { code, message } }, status, headers);
}

function bearer(request: Request): string {
  const authorization = request.headers.get("Authorization") ?? "";
  return authorization.startsWith("Bearer ") ? authorization.slice("Bearer ".length).trim() : "";
}

async function readBody(request: Request, method: Method): Promise<unknown> {
  if (method !== "POST") return undefined;
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw headlessError(400, "invalid_request", `the body must be at most ${MAX_BODY_BYTES} bytes`);
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw headlessError(400, "invalid_request", "the body must be JSON");
  }
}

async function limited(limiter: typeof keyLimiter, key: string, message: string) {
  const slot = await takeSlot(limiter, key);
  if (!slot.allowed) throw headlessError(429, "rate_limited", message, { "Retry-After": String(slot.retryAfterSeconds) });
}

/**
 * A Response as the headless API answers it: no-store and `extra` headers set on it in place (a thrown storefront
 * Response keeps its status and body). In place, not copied: wrapping the body in a new Response would stream it
 * through again, which costs more CPU than the rest of the request's own work.
 */
function rehead(response: Response, extra: Record<string, string>): Response {
  try {
    response.headers.set("Cache-Control", "no-store");
    for (const [name, value] of Object.entries(extra)) response.headers.set(name, value);
    return response;
  } catch {
    // Immutable headers (a Response from fetch()): only then copy.
    const copy = new Response(response.body, response);
    copy.headers.set("Cache-Control", "no-store");
    for (const [name, value] of Object.entries(extra)) copy.headers.set(name, value);
    return copy;
  }
}

async function answerThrown(thrown: unknown, request: Request, shop: string | null): Promise<Response> {
  if (thrown instanceof Response) return thrown;
  const answer = answerForError(thrown);
  if (answer) return headlessError(answer.status, answer.code, answer.message, answer.headers);
  log.error("headless API request failed", { shop: shop ?? undefined, path: new URL(request.url).pathname, error: thrown });
  return headlessError(500, "internal_error", "Something went wrong on our side; try again");
}

function methodNotAllowed(methods: readonly Method[]) {
  return headlessError(405, "method_not_allowed", `Use ${methods.join(" or ")}`, { Allow: methods.join(", ") });
}

/**
 * A server-to-server route: the shop's API key, then (with `customer: true`) the customer id from the path's
 * `customerId`, then the per-key rate limit, then `handle`.
 */
export function keyRoute(
  methods: readonly Method[],
  options: { customer: boolean },
  handle: (context: KeyContext, input: Input) => Promise<Response>,
) {
  const serve = async ({ request, params }: { request: Request; params?: Record<string, string | undefined> }): Promise<Response> => {
    let shop: string | null = null;
    try {
      if (!(methods as readonly string[]).includes(request.method)) return methodNotAllowed(methods);
      const presented = bearer(request);
      const key = presented ? await findApiKey(sqlDb, presented) : null;
      if (!key) return headlessError(401, "invalid_api_key", "Send a valid API key as Authorization: Bearer <key>", { "WWW-Authenticate": "Bearer" });
      shop = key.shop;
      let customerId: string | null = null;
      if (options.customer) {
        customerId = customerIdOf(params?.customerId ?? "");
        if (customerId === null) return headlessError(400, "invalid_customer_id", "customerId must be a Shopify customer id (digits, or gid://shopify/Customer/…)");
      }
      await limited(keyLimiter, String(key.id), "Too many requests for this key");
      const body = await readBody(request, request.method as Method);
      return await handle({ shop, keyId: key.id, keyHash: key.hash, customerId }, { request, url: new URL(request.url), body });
    } catch (thrown) {
      return rehead(await answerThrown(thrown, request, shop), {});
    }
  };
  return { loader: serve, action: serve };
}

function corsHeaders(origin: string, methods: readonly Method[]): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Methods": [...methods, "OPTIONS"].join(", "),
    "Access-Control-Allow-Headers": "Authorization, Content-Type",
    "Access-Control-Expose-Headers": "Retry-After",
    "Access-Control-Max-Age": PREFLIGHT_MAX_AGE,
    Vary: "Origin",
  };
}

/**
 * A customer-facing route: the customer token (and its `scope`), the origin (when a browser sends one, it must be
 * one the token's shop lists: otherwise 403 and no CORS headers), the per-customer rate limit, then `handle`.
 */
export function tokenRoute(methods: readonly Method[], scope: TokenScope, handle: (context: TokenContext, input: Input) => Promise<Response>) {
  const serve = async ({ request }: { request: Request }): Promise<Response> => {
    const origin = request.headers.get("Origin");
    // Vary: Origin on every answer, so a cache never hands one origin's CORS headers to another.
    let extra: Record<string, string> = { Vary: "Origin" };
    let shop: string | null = null;
    try {
      if (request.method === "OPTIONS") {
        // The preflight carries no token: allowed when some shop lists the origin (see originListedByAnyShop).
        const allowed = origin !== null && (await originListedByAnyShop(sqlDb, origin));
        return new Response(null, { status: 204, headers: allowed ? corsHeaders(origin, methods) : { Vary: "Origin" } });
      }
      if (!(methods as readonly string[]).includes(request.method)) return rehead(methodNotAllowed(methods), extra);
      const verified = await verifyCustomerToken(sqlDb, bearer(request));
      if ("code" in verified) {
        // Unknown shop: the answer is readable only by an origin some shop lists (the token names none we trust).
        if (origin !== null && (await originListedByAnyShop(sqlDb, origin))) extra = corsHeaders(origin, methods);
        return headlessError(401, verified.code, verified.message, { ...extra, "WWW-Authenticate": "Bearer" });
      }
      shop = verified.shop;
      if (origin !== null) {
        if (!(await originAllowed(sqlDb, shop, origin))) return headlessError(403, "origin_not_allowed", "This shop does not let this website call its API", extra);
        extra = corsHeaders(origin, methods);
      }
      if (!verified.scopes.includes(scope)) return headlessError(403, "insufficient_scope", `The token does not have the ${scope} scope`, extra);
      await limited(tokenLimiter, `${shop}\n${verified.customerId}`, "Too many requests for this customer");
      const body = await readBody(request, request.method as Method);
      return rehead(await handle({ shop, customerId: verified.customerId, scopes: verified.scopes }, { request, url: new URL(request.url), body }), extra);
    } catch (thrown) {
      return rehead(await answerThrown(thrown, request, shop), extra);
    }
  };
  return { loader: serve, action: serve };
}
