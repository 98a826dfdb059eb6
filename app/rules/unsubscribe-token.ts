// The one-click unsubscribe link of every email: it names the shop and member and carries an HMAC-SHA256 of both
// under the app's secret, so it works without logging in and cannot be forged for another member.
import { createHmac, timingSafeEqual } from "node:crypto";

function signature(secret: string, shop: string, memberId: number): string {
  return createHmac("sha256", secret).update(`unsubscribe\n${shop}\n${memberId}`).digest("base64url");
}

export function unsubscribeUrl(appUrl: string, secret: string, shop: string, memberId: number): string {
  const url = new URL("/notifications/unsubscribe", appUrl);
  url.searchParams.set("shop", shop);
  url.searchParams.set("m", String(memberId));
  url.searchParams.set("sig", signature(secret, shop, memberId));
  return url.toString();
}

/** The member the link's parameters name, or null when they are missing or the signature does not match. */
export function verifyUnsubscribe(secret: string, params: URLSearchParams): { shop: string; memberId: number } | null {
  const shop = params.get("shop") ?? "";
  const memberText = params.get("m") ?? "";
  const sig = params.get("sig") ?? "";
  if (!/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(shop) || !/^[1-9]\d{0,9}$/.test(memberText)) return null;
  const memberId = Number(memberText);
  if (!Number.isSafeInteger(memberId) || memberId > 2_147_483_647) return null;
  const expected = Buffer.from(signature(secret, shop, memberId));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { shop, memberId };
}
