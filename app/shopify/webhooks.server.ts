// Receiving a Shopify webhook: verify the signature, validate the payload, store it in the inbox, answer 200.
// The work itself is applied right after the response (app/shopify/webhook-inbox.server.ts).
//
// Shopify delivers at least once, retries for hours and does not order deliveries, so every topic's work is
// idempotent on its own business key (order id, refund id, …). The inbox's key (X-Shopify-Webhook-Id) only
// recognises exact retries of one delivery; it is not what makes the work correct.
import { webhookSignatures } from "../shopify.server";
import { sqlDb } from "../db.server";
import { PayloadError } from "./payload-error";
import { acceptDelivery, applyInBackground, asWebhookTraffic } from "./webhook-inbox.server";
import { webhookTopics, type WebhookTopic } from "./webhook-topics.server";

function plainResponse(status: number, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

type VerifiedDelivery = { shop: string; webhookId: string; rawBody: string };

async function verify(request: Request): Promise<VerifiedDelivery | Response> {
  if (request.method !== "POST") return plainResponse(405, "Method not allowed");
  // An unsigned request is unauthenticated, whatever else it lacks.
  if (!request.headers.get("X-Shopify-Hmac-Sha256")) return plainResponse(401, "Missing X-Shopify-Hmac-Sha256");
  const rawBody = await request.text();
  const check = await webhookSignatures.validate({ rawBody, rawRequest: request });
  if (!check.valid) {
    if (check.reason === "invalid_hmac") return plainResponse(401, "Invalid webhook signature");
    return plainResponse(400, `Missing webhook headers: ${"missingHeaders" in check ? check.missingHeaders.join(", ") : check.reason}`);
  }
  if (check.webhookType !== "webhooks") return plainResponse(400, "Only HTTP webhooks are accepted here");
  return { shop: check.domain, webhookId: check.webhookId, rawBody };
}

export async function receiveWebhook(request: Request, topic: WebhookTopic): Promise<Response> {
  const verified = await verify(request);
  if (verified instanceof Response) return verified;
  const { shop, webhookId, rawBody } = verified;

  let payload: unknown;
  let parsed: unknown;
  try {
    payload = JSON.parse(rawBody);
    // Validated now so a malformed payload is answered 400 and never stored; this process applies what it parsed,
    // a sweep parses the stored payload again.
    parsed = webhookTopics[topic].parse(payload, shop);
  } catch (error) {
    // Correctly signed but not JSON, or not the shape Shopify documents for the topic.
    if (error instanceof SyntaxError) return plainResponse(400, "Webhook body is not valid JSON");
    if (error instanceof PayloadError) return plainResponse(400, error.message);
    throw error;
  }

  const accepted = await acceptDelivery(sqlDb, { shop, webhookId, topic, payload, parsed }, rawBody, new Date(), { leaseToThisProcess: true });
  if (!accepted) return plainResponse(200, "Already received");
  applyInBackground(accepted);
  return plainResponse(200, "OK");
}

/** The route `action` for one webhook topic. */
export function webhookAction(topic: WebhookTopic) {
  return ({ request }: { request: Request }) => asWebhookTraffic(() => receiveWebhook(request, topic));
}
