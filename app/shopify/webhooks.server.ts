// Receiving a Shopify webhook: verify the signature, validate the payload, store it in the inbox, answer 200.
// The work itself is applied right after the response (app/shopify/webhook-inbox.server.ts).
//
// Shopify delivers at least once, retries for hours and does not order deliveries, so every topic's work is
// idempotent on its own business key (order id, refund id, …). The inbox's key (X-Shopify-Webhook-Id) only
// recognises exact retries of one delivery; it is not what makes the work correct.
import { customShopDomains, webhookSecret } from "../shopify.server";
import { sqlDb } from "../db.server";
import { normalizeShopDomain } from "./shop-domain";
import { PayloadError } from "./payload-error";
import { parseWebhookJson } from "./webhook-json";
import { answerForError } from "../domain-errors.server";
import { readTextWithin } from "./request-body.server";
import { checkWebhookSignature } from "./webhook-signature.server";
import { acceptDelivery, applyInBackground, asWebhookTraffic } from "./webhook-inbox.server";
import { webhookTopics, type WebhookTopic } from "./webhook-topics.server";

/**
 * The largest webhook body read. The body must be read before its signature can be checked, so without a limit
 * anyone could make the server hold whatever they send. Shopify's largest real bodies are orders and refunds: an order
 * line is 1–3 KB in the REST shape webhooks deliver (tests/fixtures/shopify: 1.3 KB each, more with properties, tax
 * lines and discount allocations) and most shops are limited to 500 lines an order, so even a maximal order or a refund
 * of all its lines is 0.7–1.5 MB. 5 MB is over three times that; each request in flight holds at most this much.
 */
export const MAX_WEBHOOK_BODY_BYTES = 5 * 1024 * 1024;

function plainResponse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...headers } });
}

type VerifiedDelivery = { shop: string; webhookId: string; rawBody: string };

async function verify(request: Request): Promise<VerifiedDelivery | Response> {
  if (request.method !== "POST") return plainResponse(405, "Method not allowed", { Allow: "POST" });
  // An unsigned request is unauthenticated, whatever else it lacks; its body is never read.
  if (!request.headers.get("X-Shopify-Hmac-Sha256")) return plainResponse(401, "Missing X-Shopify-Hmac-Sha256");
  const rawBody = await readTextWithin(request, MAX_WEBHOOK_BODY_BYTES);
  if (rawBody === null) {
    // The rest of the body is left unread; closing the connection drops it (see readTextWithin).
    return plainResponse(413, `Webhook body larger than ${MAX_WEBHOOK_BODY_BYTES} bytes`, { Connection: "close" });
  }
  const check = checkWebhookSignature(rawBody, request.headers, webhookSecret);
  if (!check.valid) {
    if (check.reason === "invalid_hmac") return plainResponse(401, "Invalid webhook signature");
    if (check.reason === "missing_body") return plainResponse(400, "Webhook body is empty");
    return plainResponse(400, `Missing webhook headers: ${check.missingHeaders.join(", ")}`);
  }
  const shop = normalizeShopDomain(check.domain, customShopDomains);
  if (!shop) return plainResponse(400, "X-Shopify-Shop-Domain is not a shop domain");
  return { shop, webhookId: check.webhookId, rawBody };
}

export async function receiveWebhook(request: Request, topic: WebhookTopic): Promise<Response> {
  const verified = await verify(request);
  if (verified instanceof Response) return verified;
  const { shop, webhookId, rawBody } = verified;

  let payload: unknown;
  let parsed: unknown;
  try {
    payload = parseWebhookJson(rawBody);
    // Validated now so a malformed payload is answered 400 and never stored; this process applies what it parsed,
    // a sweep parses the stored payload again.
    parsed = webhookTopics[topic].parse(payload, shop);
  } catch (error) {
    // Correctly signed but not JSON, or not the shape Shopify documents for the topic.
    if (error instanceof SyntaxError) return plainResponse(400, "Webhook body is not valid JSON");
    const answer = error instanceof PayloadError ? answerForError(error) : null;
    if (answer) return plainResponse(answer.status, answer.message);
    throw error;
  }

  // Only a tenant's deliveries may create data: one from a shop that never installed the app, or that shop/redact
  // erased, is dropped (the insert checks). It is answered 200 all the same, since any other answer makes Shopify
  // retry it for hours.
  const acceptance = await acceptDelivery(sqlDb, { shop, webhookId, topic, payload, parsed }, rawBody, new Date(), {
    leaseToThisProcess: true,
    onlyForKnownShop: webhookTopics[topic].createsShopData,
  });
  if (acceptance.outcome === "unknown_shop") return plainResponse(200, "Shop has not installed the app; ignored");
  if (acceptance.outcome === "duplicate") return plainResponse(200, "Already received");
  applyInBackground(acceptance.delivery);
  return plainResponse(200, "OK");
}

/**
 * The route `loader` of every webhook topic: a GET (a browser, a scanner, an uptime check) is answered 405 here, quietly;
 * without a loader Remix answers it itself and logs a stack trace each time.
 */
export function webhookLoader(): Response {
  return plainResponse(405, "Method not allowed", { Allow: "POST" });
}

/** The route `action` for one webhook topic. */
export function webhookAction(topic: WebhookTopic) {
  return ({ request }: { request: Request }) => asWebhookTraffic(() => receiveWebhook(request, topic));
}
