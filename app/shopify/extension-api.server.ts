// The backend of the UI extensions (checkout, thank-you / order status, customer account, POS): requests carry the
// session token Shopify gives the extension (`Authorization: Bearer <JWT>`, HS256 with the app secret), checked by
// `authenticate.public.checkout` / `.customerAccount` / `.pos`. The shop is the token's `dest`; the customer (or, in
// POS, the staff member) its `sub` (absent for a guest); nothing in the URL or body can name the shop. Every answer, errors and the
// preflight included, carries the CORS headers the library adds (extensions run in a sandbox on Shopify's origin).
import { authenticate, appApiKey } from "../shopify.server";
import { answerForError } from "../domain-errors.server";
import { log } from "../log.server";
import { apiError } from "./storefront-api.server";

export type ExtensionSurface = "checkout" | "customerAccount";
export type ExtensionContext = { shop: string; customerId: string | null; surface: ExtensionSurface };

const CUSTOMER_GID = /^gid:\/\/shopify\/Customer\/(\d+)$/;

/** The shop domain of a token's `dest` (checkout tokens carry the bare domain, admin ones `https://domain`). */
export function shopFromDest(dest: string): string | null {
  const domain = dest.replace(/^https:\/\//, "").replace(/\/$/, "");
  return /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i.test(domain) ? domain.toLowerCase() : null;
}

/** The customer's numeric id from the token's `sub` (a Customer gid), null for a guest. */
export function customerFromSub(sub: string | undefined): string | null | undefined {
  if (sub === undefined || sub === "") return null;
  return CUSTOMER_GID.exec(sub)?.[1];
}

type Handle = (request: Request, context: ExtensionContext) => Promise<Response>;

function unauthorized(message: string) {
  return apiError(401, "invalid_session_token", message);
}

/**
 * A UI extension endpoint on `surface`. The library answers the preflight (204) and a missing or invalid token
 * (401, empty body) itself by throwing; those are passed on with CORS headers. It does not check the audience for
 * extension tokens, so that is checked here: a token minted for another app (same secret or not) is refused.
 */
export function extensionHandler(surface: ExtensionSurface, handle: Handle) {
  return guarded(
    (request) => (surface === "checkout" ? authenticate.public.checkout(request) : authenticate.public.customerAccount(request)),
    (request, token, shop) => {
      const customerId = customerFromSub(token.sub);
      if (customerId === undefined) return unauthorized("The session token's subject is not a customer");
      return handle(request, { shop, customerId, surface });
    },
  );
}

/** A POS UI extension's request: the shop is the token's `dest`, the staff member (a Shopify user) its `sub`. */
export type PosRequestContext = { shop: string; staffUserId: string };
const USER_SUB = /^(?:gid:\/\/shopify\/User\/)?(\d{1,20})$/;

/**
 * A POS UI extension endpoint (`shopify.session.getSessionToken()`: Shopify's ID token for the user signed in to
 * POS, HS256 with the app secret). Same checks as the other extensions; the subject must be a user.
 */
export function posHandler(handle: (request: Request, context: PosRequestContext) => Promise<Response>) {
  return guarded(
    (request) => authenticate.public.pos(request),
    (request, token, shop) => {
      const staffUserId = USER_SUB.exec(token.sub ?? "")?.[1];
      if (!staffUserId) return unauthorized("The session token names no staff member");
      return handle(request, { shop, staffUserId });
    },
  );
}

type Authenticated = { cors: (response: Response) => Response; sessionToken: { aud: string | string[]; dest: string; sub?: string } };

function guarded(
  authenticateRequest: (request: Request) => Promise<Authenticated>,
  handle: (request: Request, token: Authenticated["sessionToken"], shop: string) => Response | Promise<Response>,
) {
  return async ({ request }: { request: Request; params?: unknown; context?: unknown }): Promise<Response> => {
    let cors: (response: Response) => Response = (response) => response;
    let shop: string | null = null;
    try {
      const authenticated = await authenticateRequest(request);
      cors = authenticated.cors;
      const token = authenticated.sessionToken;
      const audience = Array.isArray(token.aud) ? token.aud : [token.aud];
      if (!audience.includes(appApiKey)) return cors(unauthorized("The session token is not for this app"));
      shop = shopFromDest(token.dest);
      if (!shop) return cors(unauthorized("The session token names no shop"));
      return cors(await handle(request, token, shop));
    } catch (thrown) {
      if (thrown instanceof Response) return withCors(request, cors, thrown);
      const answer = answerForError(thrown);
      if (answer) return cors(apiError(answer.status, answer.code, answer.message, answer.headers));
      log.error("extension request failed", { shop: shop ?? undefined, path: new URL(request.url).pathname, error: thrown });
      return cors(apiError(500, "internal_error", "Something went wrong on our side; try again"));
    }
  };
}

// The library's own 401 (no or bad token) is thrown before it hands out `cors`: the extension must still be able to
// read it, so the same headers are added here. Its preflight answer already has them.
function withCors(request: Request, cors: (response: Response) => Response, response: Response): Response {
  // The library's 401 has an empty body: answered in the API's error shape like every other refusal.
  const copy = response.status === 401 ? unauthorized("Missing, invalid or expired session token") : new Response(response.body, response);
  if (request.headers.get("Origin") && !copy.headers.has("Access-Control-Allow-Origin")) {
    copy.headers.set("Access-Control-Allow-Origin", "*");
    copy.headers.set("Access-Control-Allow-Headers", "Authorization, Content-Type");
  }
  return cors(copy);
}
