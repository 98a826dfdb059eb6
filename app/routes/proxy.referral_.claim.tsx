import { sqlDb } from "../db.server";
import { advocateByCode, referralSettings } from "../persistence/referrals";
import { claimWelcomeCode } from "../persistence/referral-claims";
import { shopCurrency } from "../persistence/shops";
import { normaliseEmail, normaliseReferralCode } from "../rules/referrals";
import { createRateLimiter, takeSlot } from "../shopify/rate-limit.server";
import { welcomeCodeIssuerForShop } from "../shopify/welcome-codes.server";
import { apiError, json, proxyHandler } from "../shopify/storefront-api.server";

// Welcome codes cost a Shopify discount each: a few per friend a minute, and a ceiling per referral link an hour so
// one leaked link cannot mint codes without end (shared by every instance on PostgreSQL, like redemption's).
const perFriend = createRateLimiter({ points: 3, durationSeconds: 60, keyPrefix: "referral-claim" });
const perLink = createRateLimiter({ points: 30, durationSeconds: 3600, keyPrefix: "referral-link" });

const MAX_EMAIL_LENGTH = 254;

type ClaimBody = { code: string; email: string | null };

function parseBody(body: unknown, signedIn: boolean): ClaimBody | string {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return "the body must be a JSON object";
  const { code, email } = body as Record<string, unknown>;
  const referralCode = normaliseReferralCode(code);
  if (!referralCode) return "code must be a referral code";
  if (email === undefined || email === null || email === "") {
    return signedIn ? { code: referralCode, email: null } : "email is required";
  }
  if (typeof email !== "string" || email.length > MAX_EMAIL_LENGTH || !normaliseEmail(email) || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
    return "email must be an email address";
  }
  return { code: referralCode, email: email.trim() };
}

// GET /proxy/referral/claim?code=CODE: the welcome offer a link gives (anyone, signed in or not), or 404.
export const loader = proxyHandler(async (request, { shop }) => {
  const code = normaliseReferralCode(new URL(request.url).searchParams.get("code"));
  if (!code) return apiError(400, "invalid_request", "code must be a referral code");
  const settings = await referralSettings(sqlDb, shop);
  if (!settings.enabled || !(await advocateByCode(sqlDb, shop, code))) return apiError(404, "unknown_referral_code", "This referral link is not valid");
  return json({ friendOffer: { type: settings.friendRewardType, value: settings.friendRewardValue }, currency: await shopCurrency(sqlDb, shop) });
});

// POST /proxy/referral/claim { code, email? } → { welcomeCode, expiresAt, offer }. A guest gives an email; a signed-in
// customer is the one the proxy signature names. Bad input is a 400 and writes nothing.
export const action = proxyHandler(async (request, { shop, customerId }) => {
  if (request.method !== "POST") return apiError(405, "method_not_allowed", "Use POST", { Allow: "POST" });
  let parsed: ClaimBody | string;
  try {
    parsed = parseBody(await request.json(), customerId !== null);
  } catch {
    parsed = "the body must be JSON";
  }
  if (typeof parsed === "string") return apiError(400, "invalid_request", parsed);

  const who = customerId ? `customer:${customerId}` : `email:${normaliseEmail(parsed.email)}`;
  for (const [limiter, key] of [[perFriend, `${shop}\n${who}`], [perLink, `${shop}\n${parsed.code}`]] as const) {
    const slot = await takeSlot(limiter, key);
    if (!slot.allowed) {
      return apiError(429, "rate_limited", "Too many requests; try again shortly", { "Retry-After": String(slot.retryAfterSeconds) });
    }
  }
  const issuer = await welcomeCodeIssuerForShop(shop);
  const currency = await shopCurrency(sqlDb, shop);
  const claim = await claimWelcomeCode(sqlDb, issuer, { shop, referralCode: parsed.code, email: parsed.email, customerId, currency });
  return json({ welcomeCode: claim.welcomeCode, expiresAt: claim.expiresAt.toISOString(), offer: claim.offer });
});
