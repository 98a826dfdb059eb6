// Mints session tokens as Shopify admin does for an embedded app: an HS256 JWT signed with the app's secret,
// aud = API key, dest = the shop, sub = the staff member, one minute of life. Demo mode mints them for the demo
// shop (only in demo mode); the admin benchmark mints them for its own shop. The real app only ever verifies tokens.
import { createSecretKey, randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { DEMO_SHOP, requireDemoMode } from "./demo-mode.server";

export const DEMO_STAFF_USER_ID = "9001";
const TOKEN_LIFETIME_SECONDS = 60;

export async function signSessionToken(options: { shop: string; apiKey: string; secret: string; userId: string }): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: `https://${options.shop}/admin`,
    dest: `https://${options.shop}`,
    aud: options.apiKey,
    sub: options.userId,
    exp: now + TOKEN_LIFETIME_SECONDS,
    nbf: now - 5,
    iat: now,
    jti: randomUUID(),
    sid: randomUUID(),
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .sign(createSecretKey(Buffer.from(options.secret)));
}

export async function mintDemoSessionToken(): Promise<string> {
  requireDemoMode();
  return signSessionToken({
    shop: DEMO_SHOP,
    apiKey: process.env.SHOPIFY_API_KEY!,
    secret: process.env.SHOPIFY_API_SECRET!,
    userId: DEMO_STAFF_USER_ID,
  });
}

/** The query string Shopify admin puts on an embedded app's URL. */
export function embeddedAdminParams(options: { shop: string; locale: string; token: string }): URLSearchParams {
  const host = Buffer.from(`admin.shopify.com/store/${options.shop.replace(".myshopify.com", "")}`).toString("base64");
  return new URLSearchParams({ embedded: "1", shop: options.shop, host, locale: options.locale, id_token: options.token });
}

/** The embedded app's query string for the demo shop, with a fresh session token. */
export async function embeddedAdminQuery(locale = "en"): Promise<URLSearchParams> {
  return embeddedAdminParams({ shop: DEMO_SHOP, locale, token: await mintDemoSessionToken() });
}

/**
 * A UI extension's session token for the demo shop as Shopify mints one (checkout or customer account): HS256 with
 * the app secret, aud = API key, dest = the shop's domain, sub = the customer's gid (none for a guest), five minutes.
 */
export async function mintDemoExtensionToken(surface: "checkout" | "customerAccount", customerId: string | null): Promise<string> {
  requireDemoMode();
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: surface === "checkout" ? `https://${DEMO_SHOP}/checkouts` : `https://${DEMO_SHOP}`,
    dest: DEMO_SHOP,
    aud: process.env.SHOPIFY_API_KEY!,
    ...(customerId ? { sub: `gid://shopify/Customer/${customerId}` } : {}),
    exp: now + 300,
    nbf: now - 5,
    iat: now,
    jti: randomUUID(),
    sid: randomUUID(),
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .sign(createSecretKey(Buffer.from(process.env.SHOPIFY_API_SECRET!)));
}

/**
 * A POS UI extension's session token for the demo shop (`shopify.session.getSessionToken()`): Shopify's ID token for
 * the user signed in to POS — the same shape as the admin's (dest https://shop, sub = the user), the demo staff user.
 */
export async function mintDemoPosToken(): Promise<string> {
  return mintDemoSessionToken();
}
