// Customer tokens of the headless API: the merchant's backend, holding a shop API key, mints a short-lived token
// for one customer (POST /api/v1/customer-tokens) and hands it to its storefront or mobile app, which calls
// /api/v1/customer/* with it and never holds the key.
//
// A token is a JWT (HS256, through `jose`, already a dependency: it parses and checks the header, signature, exp,
// iat, audience and issuer, and it is pinned to the one algorithm here, so neither "none" nor another algorithm is
// accepted). Claims: aud = the shop, sub = the customer id, scope = "read redeem earn" (a subset), kid (header) = the
// API key's id, at most an hour from iat to exp. The HMAC secret is derived per shop and per key from the app's
// secret and the key's stored hash, so:
//   - only this app can mint one (the app secret never leaves the server; the key's hash is only in our database);
//   - a token cannot be moved to another shop (the secret and the audience both name the shop);
//   - revoking the key ends its tokens at once: verification looks up the key (by id, within the shop) and refuses a
//     revoked one, and a new key with the same id cannot exist.
import crypto from "node:crypto";
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, SignJWT } from "jose";
import type { SqlDb } from "../db.server";
import { activeKeyHash } from "../persistence/api-keys";

export const TOKEN_SCOPES = ["read", "redeem", "earn"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export const MAX_TOKEN_SECONDS = 3600;
export const DEFAULT_TOKEN_SECONDS = 900;
const ISSUER = "loyalty-app/headless";
const MAX_TOKEN_LENGTH = 2048;

export type CustomerToken = { shop: string; customerId: string; scopes: TokenScope[]; keyId: number; expiresAt: Date };
export type TokenRefusal = { code: "invalid_token" | "token_expired"; message: string };

function appSecret(): string {
  const secret = process.env.SHOPIFY_API_SECRET;
  if (!secret) throw new Error("SHOPIFY_API_SECRET is not set: customer tokens cannot be signed");
  return secret;
}

function signingKey(shop: string, keyId: number, keyHash: string): Uint8Array {
  return crypto.createHmac("sha256", appSecret()).update(`customer-token\n${shop}\n${keyId}\n${keyHash}`).digest();
}

export async function mintCustomerToken(
  key: { shop: string; id: number; hash: string },
  customerId: string,
  scopes: readonly TokenScope[],
  seconds: number,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = new Date((issuedAt + seconds) * 1000);
  const token = await new SignJWT({ scope: scopes.join(" ") })
    .setProtectedHeader({ alg: "HS256", typ: "JWT", kid: String(key.id) })
    .setIssuer(ISSUER)
    .setAudience(key.shop)
    .setSubject(customerId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + seconds)
    .setJti(crypto.randomUUID())
    .sign(signingKey(key.shop, key.id, key.hash));
  return { token, expiresAt };
}

const invalid = (message: string): TokenRefusal => ({ code: "invalid_token", message });

/** The token's shop, customer and scopes, or why it is refused. One indexed read (the key), no write. */
export async function verifyCustomerToken(db: SqlDb, token: string, now = new Date()): Promise<CustomerToken | TokenRefusal> {
  if (token.length > MAX_TOKEN_LENGTH) return invalid("The token is not one of ours");
  let shop: unknown;
  let keyId: number;
  try {
    // Read unverified only to find which secret to check it with; nothing is trusted before jwtVerify.
    shop = decodeJwt(token).aud;
    keyId = Number(decodeProtectedHeader(token).kid);
  } catch {
    return invalid("The token is not a JWT");
  }
  if (typeof shop !== "string" || !Number.isSafeInteger(keyId) || keyId <= 0) return invalid("The token is not one of ours");
  const hash = await activeKeyHash(db, shop, keyId);
  if (hash === null) return invalid("The token's API key is unknown or revoked");
  try {
    const { payload } = await jwtVerify(token, signingKey(shop, keyId, hash), {
      algorithms: ["HS256"],
      issuer: ISSUER,
      audience: shop,
      requiredClaims: ["sub", "exp", "iat", "scope"],
      currentDate: now,
      maxTokenAge: MAX_TOKEN_SECONDS,
    });
    const lifetime = (payload.exp ?? 0) - (payload.iat ?? 0);
    const scopes = typeof payload.scope === "string" ? payload.scope.split(" ") : [];
    if (lifetime <= 0 || lifetime > MAX_TOKEN_SECONDS || !scopes.every((s) => (TOKEN_SCOPES as readonly string[]).includes(s))) {
      return invalid("The token's claims are not ones we issue");
    }
    return { shop, customerId: payload.sub!, scopes: scopes as TokenScope[], keyId, expiresAt: new Date(payload.exp! * 1000) };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { code: "token_expired", message: "The token has expired; ask for a new one" };
    return invalid("The token's signature or claims are not valid");
  }
}
