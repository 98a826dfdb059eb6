// The JSON the storefront gets from the app proxy API (docs/proxy-api.md): shapes and errors in one place, so
// every route answers alike.
import type { RewardListing } from "../persistence/storefront-catalog";
import { cheapestPoints } from "../rules/rewards";

export function json(body: unknown, init: { status?: number; cache?: "public" | "private"; headers?: Record<string, string> } = {}) {
  const cacheControl = init.cache === "public" ? "public, max-age=60" : "private, no-store";
  return Response.json(body, { status: init.status ?? 200, headers: { "Cache-Control": cacheControl, ...init.headers } });
}

/** `{ error: { code, message } }`: a stable code for the storefront's translated texts, and English words. */
export function apiError(status: number, code: string, message: string, headers: Record<string, string> = {}) {
  return json({ error: { code, message } }, { status, headers });
}

/** A reward as shoppers see it (no internal fields). */
export function storefrontReward(reward: RewardListing) {
  return {
    id: reward.id,
    type: reward.type,
    title: reward.title,
    pointsCost: reward.pointsCost,
    amountMinor: reward.amountMinor,
    percentage: reward.percentage,
    variantId: reward.variantId,
    minPoints: reward.minPoints,
    maxPoints: reward.maxPoints,
    minimumSubtotalMinor: reward.minimumSubtotalMinor,
    validityDays: reward.validityDays,
    cheapestPoints: cheapestPoints(reward),
  };
}
