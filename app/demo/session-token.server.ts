// Mints session tokens for the demo shop exactly as Shopify admin does for an embedded app: an HS256 JWT
// signed with the app's secret, aud = API key, dest = the shop, sub = the staff member, one minute of life.
// Only demo mode may call this; the real app only ever verifies tokens.
import { createSecretKey, randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { DEMO_SHOP, requireDemoMode } from "./demo-mode.server";

export const DEMO_STAFF_USER_ID = "9001";
const TOKEN_LIFETIME_SECONDS = 60;

export async function mintDemoSessionToken(): Promise<string> {
  requireDemoMode();
  const apiKey = process.env.SHOPIFY_API_KEY!;
  const secret = process.env.SHOPIFY_API_SECRET!;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: `https://${DEMO_SHOP}/admin`,
    dest: `https://${DEMO_SHOP}`,
    aud: apiKey,
    sub: DEMO_STAFF_USER_ID,
    exp: now + TOKEN_LIFETIME_SECONDS,
    nbf: now - 5,
    iat: now,
    jti: randomUUID(),
    sid: randomUUID(),
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .sign(createSecretKey(Buffer.from(secret)));
}

/** The query string Shopify admin puts on an embedded app's URL. */
export async function embeddedAdminQuery(locale = "en"): Promise<URLSearchParams> {
  const host = Buffer.from(`admin.shopify.com/store/${DEMO_SHOP.replace(".myshopify.com", "")}`).toString("base64");
  return new URLSearchParams({
    embedded: "1",
    shop: DEMO_SHOP,
    host,
    locale,
    id_token: await mintDemoSessionToken(),
  });
}
