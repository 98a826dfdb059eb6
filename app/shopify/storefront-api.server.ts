// The JSON the storefront gets from the app proxy API (docs/proxy-api.md): shapes and errors in one place, so
// every route answers alike.
import type { RewardListing } from "../persistence/storefront-catalog";
import { cheapestPoints } from "../rules/rewards";
import { answerForError } from "../domain-errors.server";
import { log } from "../log.server";
import { authenticateProxy, type ProxyContext } from "./proxy.server";

export function json(body: unknown, init: { status?: number; cache?: "public" | "private"; headers?: Record<string, string> } = {}) {
  const cacheControl = init.cache === "public" ? "public, max-age=60" : "private, no-store";
  return Response.json(body, { status: init.status ?? 200, headers: { "Cache-Control": cacheControl, ...init.headers } });
}

/** `{ error: { code, message } }`: a stable code for the storefront's translated texts, and English words. */
export function apiError(status: number, code: string, message: string, headers: Record<string, string> = {}) {
  return json({ error: { code, message } }, { status, headers });
}

/**
 * A storefront API handler: the proxy signature checked first (401 `invalid_signature`), then `handle`. Whatever it
 * throws is answered in the API's shape: a Response as it is, a domain error by app/domain-errors.server.ts, anything
 * else 500 `internal_error` (logged with the shop and path; no detail in the body).
 */
export function proxyHandler(handle: (request: Request, proxy: ProxyContext) => Promise<Response>) {
  return async ({ request }: { request: Request; params?: unknown; context?: unknown }): Promise<Response> => {
    let proxy: ProxyContext | null = null;
    try {
      proxy = await authenticateProxy(request);
      return await handle(request, proxy);
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      const answer = answerForError(thrown);
      if (answer) return apiError(answer.status, answer.code, answer.message, answer.headers);
      log.error("storefront request failed", { shop: proxy?.shop, path: new URL(request.url).pathname, error: thrown });
      return apiError(500, "internal_error", "Something went wrong on our side; try again");
    }
  };
}

/** The answer of a storefront API route to a method it does not take (before the signature: nothing is read). */
export function methodNotAllowed(allowed: "GET" | "POST") {
  return async () => apiError(405, "method_not_allowed", `Use ${allowed}`, { Allow: allowed });
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
    // Only members of this tier (Tier.id, as in /proxy/me's tier views) and above may redeem it; null for everyone.
    minTierId: reward.minTierId === null ? null : String(reward.minTierId),
  };
}
