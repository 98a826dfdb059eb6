import type { ActionFunctionArgs } from "@remix-run/node";
import { sqlDb } from "../db.server";
import { parseActionPost } from "../rules/action-api-request";
import { creditAction } from "../persistence/action-credits";
import { findApiKey, markApiKeyUsed } from "../persistence/api-keys";
import { getAction } from "../persistence/earning-actions";
import { createRateLimiter, takeSlot, type RateLimit } from "../shopify/rate-limit.server";

// POST /api/v1/actions: other systems (review apps, quizzes, surveys, in-store events) credit a customer for one of
// the shop's ways to earn. Server to server, with a key created in admin (Authorization: Bearer lk_…). Documented
// in docs/openapi.yaml; every answer's shape is checked against it in tests. Nothing is written on any refusal.

/** Two requests a second per key on average, in bursts of up to 120 a minute: plenty for a review app's webhooks. */
export const ACTIONS_API_LIMIT: RateLimit = { points: 120, durationSeconds: 60, keyPrefix: "actions-api" };
const limiter = createRateLimiter(ACTIONS_API_LIMIT);
const MAX_BODY_BYTES = 16 * 1024;

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

function error(status: number, code: string, message: string, field?: string, headers?: Record<string, string>) {
  return answer(status, { error: { code, message, ...(field ? { field } : {}) } }, headers);
}

export async function loader() {
  return error(405, "method_not_allowed", "Use POST", undefined, { Allow: "POST" });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return error(405, "method_not_allowed", "Use POST", undefined, { Allow: "POST" });
  const authorization = request.headers.get("Authorization") ?? "";
  const presented = authorization.startsWith("Bearer ") ? authorization.slice("Bearer ".length).trim() : "";
  const key = presented ? await findApiKey(sqlDb, presented) : null;
  if (!key) return error(401, "invalid_api_key", "Send a valid API key as Authorization: Bearer <key>", undefined, { "WWW-Authenticate": "Bearer" });

  const limit = await takeSlot(limiter, String(key.id));
  if (!limit.allowed) {
    return error(429, "rate_limited", "Too many requests for this key", undefined, { "Retry-After": String(limit.retryAfterSeconds) });
  }

  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return error(400, "invalid_request", `the body must be at most ${MAX_BODY_BYTES} bytes`, "body");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return error(400, "invalid_request", "the body must be JSON", "body");
  }
  const post = parseActionPost(body, request.headers.get("Idempotency-Key"));
  if ("field" in post) return error(400, "invalid_request", `${post.field} ${post.message}`, post.field);

  const definition = await getAction(sqlDb, key.shop, post.action);
  if (!definition || !definition.enabled || definition.points <= 0) {
    return error(404, "unknown_action", `The shop has no way to earn called ${post.action} switched on`, "action");
  }
  if (definition.kind === "product_review" && post.productId === null) {
    return error(400, "invalid_request", "productId is required for a product review", "productId");
  }
  if (definition.kind !== "product_review" && (post.productId !== null || post.photo)) {
    return error(400, "invalid_request", "productId and photo are only for product reviews", post.productId !== null ? "productId" : "photo");
  }

  const outcome = await creditAction(sqlDb, {
    shop: key.shop,
    customerId: post.customerId,
    actionKey: post.action,
    subject: post.productId,
    photo: post.photo,
    requestKey: post.idempotencyKey,
  });
  switch (outcome.status) {
    case "credited":
      await markApiKeyUsed(sqlDb, key.id);
      return answer(outcome.replayed ? 200 : 201, {
        credit: { action: post.action, customerId: post.customerId, points: outcome.points, replayed: outcome.replayed },
        availablePoints: outcome.availablePoints,
      });
    case "limit_reached":
      return error(409, "limit_reached", "The customer has earned this action as often as its limit allows", "action");
    case "held_out":
      return error(403, "not_enrolled", "The customer is in the shop's analytics hold-out group, which earns no points; nothing was credited", "customerId");
    case "request_key_reused":
      return error(409, "idempotency_key_reused", "This idempotency key was used for another action or customer", "idempotencyKey");
    default:
      return error(404, "unknown_action", `The shop has no way to earn called ${post.action} switched on`, "action");
  }
}
