import { sqlDb } from "../db.server";
import { parseRowId } from "../db/row-id";
import { redeemReward } from "../persistence/redemption";
import { redemptionView } from "../persistence/member-summary";
import { createRateLimiter, REDEEM_LIMIT, takeSlot } from "../shopify/rate-limit.server";
import { rewardIssuerForShop } from "../shopify/reward-issuer.server";
import { shopCurrency } from "../persistence/shops";
import { apiError, json, methodNotAllowed, proxyHandler } from "../shopify/storefront-api.server";

// Shared by every app instance on PostgreSQL (app/shopify/rate-limit.server.ts).
const limiter = createRateLimiter(REDEEM_LIMIT);

type RedeemBody = { rewardId: number; points?: number };

function parseBody(body: unknown): RedeemBody | string {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return "the body must be a JSON object";
  const { rewardId, points } = body as Record<string, unknown>;
  if (parseRowId(rewardId) === null || typeof rewardId !== "number") return "rewardId must be a reward's id";
  if (points !== undefined && !(Number.isSafeInteger(points) && (points as number) > 0)) return "points must be a positive whole number";
  return { rewardId: rewardId as number, points: points as number | undefined };
}

// POST /proxy/redeem (storefront: /apps/loyalty/redeem) { rewardId, points? } → the code (or credit) and the new
// balance. The customer is the one the proxy signature names; the body cannot choose it. Refusals (unknown reward,
// too few points, Shopify refusing or not answering) are domain errors, answered by proxyHandler.
export const action = proxyHandler(async (request, { shop, customerId }) => {
  if (request.method !== "POST") return apiError(405, "method_not_allowed", "Use POST", { Allow: "POST" });
  if (!customerId) return apiError(401, "sign_in_required", "Sign in to redeem points");

  let parsed: RedeemBody | string;
  try {
    parsed = parseBody(await request.json());
  } catch {
    parsed = "the body must be JSON";
  }
  if (typeof parsed === "string") return apiError(400, "invalid_request", parsed);

  const limit = await takeSlot(limiter, `${shop}\n${customerId}`);
  if (!limit.allowed) {
    return apiError(429, "rate_limited", "Too many redemptions; try again in a minute", {
      "Retry-After": String(limit.retryAfterSeconds),
    });
  }

  const issuer = await rewardIssuerForShop(shop);
  const currency = await shopCurrency(sqlDb, shop);
  const { redemption, availablePoints } = await redeemReward(sqlDb, issuer, { shop, customerId, currency, ...parsed });
  return json({
    redemption: redemptionView(redemption),
    availablePoints,
  });
});

export const loader = methodNotAllowed("POST");
