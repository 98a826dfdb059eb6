// Receiving a Shopify webhook: verify, parse, dedupe by delivery, hand a plain context to a handler.
//
// Shopify delivers at least once, retries for hours and does not order deliveries, so every handler must be
// idempotent on its own business key (order id, refund id, …). The delivery log below only saves work on
// exact retries (same X-Shopify-Webhook-Id); it is not what makes handlers correct.
import { authenticate } from "../shopify.server";
import db from "../db.server";
import { PayloadError } from "./payload-error";
import { isUniqueViolation } from "../db/errors";

export type WebhookContext = {
  shop: string;
  topic: string;
  webhookId: string;
  apiVersion: string;
  payload: unknown;
};

export type WebhookHandler = (context: WebhookContext) => Promise<void>;

function plainResponse(status: number, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

async function authenticateWebhook(request: Request): Promise<WebhookContext | Response> {
  // The library answers 400 when the HMAC header is missing; an unsigned request is unauthenticated.
  if (!request.headers.get("X-Shopify-Hmac-Sha256")) return plainResponse(401, "Missing X-Shopify-Hmac-Sha256");
  try {
    const { shop, topic, webhookId, apiVersion, payload } = await authenticate.webhook(request);
    return { shop, topic, webhookId, apiVersion, payload };
  } catch (error) {
    if (error instanceof Response) return error;
    // Correctly signed but not JSON: a malformed payload, not a server fault.
    if (error instanceof SyntaxError) return plainResponse(400, "Webhook body is not valid JSON");
    throw error;
  }
}

export async function receiveWebhook(request: Request, handler: WebhookHandler): Promise<Response> {
  const authenticated = await authenticateWebhook(request);
  if (authenticated instanceof Response) return authenticated;
  const context = authenticated;

  const seen = await db.webhookDelivery.findUnique({
    where: { shop_webhookId: { shop: context.shop, webhookId: context.webhookId } },
  });
  if (seen) return plainResponse(200, "Already processed");

  try {
    await handler(context);
  } catch (error) {
    if (error instanceof PayloadError) return plainResponse(400, error.message);
    throw error;
  }

  // Two copies of one delivery may race to here; both did idempotent work, so a duplicate row is fine.
  await db.webhookDelivery
    .create({ data: { shop: context.shop, webhookId: context.webhookId, topic: context.topic } })
    .catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
    });
  return plainResponse(200, "OK");
}

/** A route `action` for one webhook topic. */
export function webhookAction(handler: WebhookHandler) {
  return ({ request }: { request: Request }) => receiveWebhook(request, handler);
}
