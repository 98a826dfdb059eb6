// The backend of the UI extensions (checkout, thank-you / order status, customer account): requests carry the
// session token Shopify gives the extension (`Authorization: Bearer <JWT>`, HS256 with the app secret), checked by
// `authenticate.public.checkout` / `authenticate.public.customerAccount`. The shop is the token's `dest`, the
// customer its `sub` (absent for a guest); nothing in the URL or body can name either. Every answer, errors and the
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
  return async ({ request }: { request: Request; params?: unknown; context?: unknown }): Promise<Response> => {
    let cors: (response: Response) => Response = (response) => response;
    let shop: string | null = null;
    try {
      const authenticated = surface === "checkout" ? await authenticate.public.checkout(request) : await authenticate.public.customerAccount(request);
      cors = authenticated.cors;
      const token = authenticated.sessionToken;
      const audience = Array.isArray(token.aud) ? token.aud : [token.aud];
      if (!audience.includes(appApiKey)) return cors(unauthorized("The session token is not for this app"));
      shop = shopFromDest(token.dest);
      if (!shop) return cors(unauthorized("The session token names no shop"));
      const customerId = customerFromSub(token.sub);
      if (customerId === undefined) return cors(unauthorized("The session token's subject is not a customer"));
      return cors(await handle(request, { shop, customerId, surface }));
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
