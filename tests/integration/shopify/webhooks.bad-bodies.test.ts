// Webhook bodies a server must survive: oversized ones (signed or not), deeply nested JSON and huge values. Each is
// answered with a short 4xx, read no further than needed, and writes nothing.
import { describe, expect, it } from "vitest";
import db from "../../../app/db.server";
import { action as ordersPaid } from "../../../app/routes/webhooks.orders.paid";
import { action as customersRedact } from "../../../app/routes/webhooks.customers.redact";
import { MAX_WEBHOOK_BODY_BYTES } from "../../../app/shopify/webhooks.server";
import { getHmac } from "@shopify/shopify-api/test-helpers";
import { installShop, signedWebhookRequest, uniqueShop } from "../../support/shopify-requests";
import { orderPaidPayload } from "../../support/shopify-payloads";

const written = async (shop: string) => ({
  deliveries: await db.webhookDelivery.count({ where: { shop } }),
  orders: await db.orderRecord.count({ where: { shop } }),
  members: await db.member.count({ where: { shop } }),
});
const nothing = { deliveries: 0, orders: 0, members: 0 };

/** A body of `totalBytes` that counts how much of it the server pulled. */
function countingBody(totalBytes: number, chunkBytes = 64 * 1024) {
  const chunk = new TextEncoder().encode("x".repeat(chunkBytes));
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= totalBytes) return controller.close();
      counter.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, counter };
}

/** Shopify's headers for a delivery to `shop`, with the given HMAC (or none). */
function webhookHeaders(shop: string, hmac: string | null, extra: Record<string, string> = {}): Headers {
  const signed = signedWebhookRequest({ shop, topic: "orders/paid", payload: {} });
  const headers = new Headers(signed.headers);
  if (hmac === null) headers.delete("X-Shopify-Hmac-Sha256");
  else headers.set("X-Shopify-Hmac-Sha256", hmac);
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return headers;
}

function streamedRequest(headers: Headers, body: ReadableStream<Uint8Array>): Request {
  return new Request("https://my-test-app.myshopify.io/webhooks/orders/paid", {
    method: "POST",
    headers,
    body,
    duplex: "half",
  } as RequestInit);
}

describe("webhook body size", () => {
  it(`GIVEN a 50 MB body with an HMAC header and no Content-Length THEN 413 after reading at most the cap (${MAX_WEBHOOK_BODY_BYTES} bytes) and one chunk`, async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const { stream, counter } = countingBody(50 * 1024 * 1024);
    const response = await ordersPaid({ request: streamedRequest(webhookHeaders(shop, getHmac("anything", "x")), stream) });
    expect(response.status).toBe(413);
    expect(counter.pulled).toBeLessThanOrEqual(MAX_WEBHOOK_BODY_BYTES + 2 * 64 * 1024);
    expect(await written(shop)).toEqual(nothing);
  });

  it("GIVEN a Content-Length above the cap THEN 413 before any of the body is read", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const { stream, counter } = countingBody(50 * 1024 * 1024);
    const headers = webhookHeaders(shop, getHmac("anything", "x"), { "Content-Length": String(50 * 1024 * 1024) });
    const response = await ordersPaid({ request: streamedRequest(headers, stream) });
    expect(response.status).toBe(413);
    expect(counter.pulled).toBeLessThanOrEqual(64 * 1024); // at most what the stream had queued before being asked
    expect(await written(shop)).toEqual(nothing);
  });

  it("GIVEN a 50 MB body without the HMAC header THEN 401 before any of the body is read", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const { stream, counter } = countingBody(50 * 1024 * 1024);
    const response = await ordersPaid({ request: streamedRequest(webhookHeaders(shop, null), stream) });
    expect(response.status).toBe(401);
    expect(counter.pulled).toBeLessThanOrEqual(64 * 1024);
    expect(await written(shop)).toEqual(nothing);
  });

  it("GIVEN a correctly signed order just under the cap THEN it is accepted (the cap refuses only what is bigger)", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const payload = orderPaidPayload({ orderId: "5001", customerId: "701", lines: [{ id: "50011", quantity: 1, unitPrice: 1000 }] });
    const base = JSON.stringify(payload);
    // Shopify's bodies carry free text (note, attributes): pad one to fill the body up to the cap.
    const padded = JSON.stringify({ ...payload, note: "n".repeat(MAX_WEBHOOK_BODY_BYTES - base.length - 20) });
    expect(Buffer.byteLength(padded)).toBeLessThanOrEqual(MAX_WEBHOOK_BODY_BYTES);
    const response = await ordersPaid({ request: signedWebhookRequest({ shop, topic: "orders/paid", payload: null, rawBody: padded }) });
    expect(response.status).toBe(200);
  });
});

describe("webhook payload error messages", () => {
  it("GIVEN a correctly signed body of 100,000 nested arrays THEN 400 with a short message, nothing written", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const rawBody = "[".repeat(100_000) + "]".repeat(100_000);
    const response = await ordersPaid({ request: signedWebhookRequest({ shop, topic: "orders/paid", payload: null, rawBody }) });
    expect(response.status).toBe(400);
    expect((await response.text()).length).toBeLessThanOrEqual(300);
    expect(await written(shop)).toEqual(nothing);
  });

  it("GIVEN deep nesting inside a field (line_items[0].quantity) THEN 400 naming the field, short", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const payload = orderPaidPayload({ orderId: "5002", customerId: "701", lines: [{ id: "50021", quantity: 1, unitPrice: 1000 }] });
    (payload.line_items as Array<Record<string, unknown>>)[0]!.quantity = "DEEP";
    const rawBody = JSON.stringify(payload).replace('"DEEP"', "[".repeat(100_000) + "]".repeat(100_000));
    const response = await ordersPaid({ request: signedWebhookRequest({ shop, topic: "orders/paid", payload: null, rawBody }) });
    expect(response.status).toBe(400);
    const message = await response.text();
    expect(message).toMatch(/^line_items\[0\]\.quantity: /);
    expect(message.length).toBeLessThanOrEqual(300);
    expect(await written(shop)).toEqual(nothing);
  });

  it("GIVEN a 1 MB string where an array belongs THEN 400 echoing at most 100 characters of it", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const payload = { ...orderPaidPayload({ orderId: "5003", customerId: "701", lines: [] }), line_items: "y".repeat(1_000_000) };
    const response = await ordersPaid({ request: signedWebhookRequest({ shop, topic: "orders/paid", payload }) });
    expect(response.status).toBe(400);
    const message = await response.text();
    expect(message).toMatch(/^line_items: expected an array, got "y+…/);
    expect(message.length).toBeLessThanOrEqual(300);
    expect(await written(shop)).toEqual(nothing);
  });

  it("GIVEN a 1 MB currency code THEN 400, short (the money parser's message is capped too)", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const order = orderPaidPayload({ orderId: "5004", customerId: "701", lines: [{ id: "50041", quantity: 1, unitPrice: 1000 }] });
    const payload = { ...order, currency: "Q".repeat(1_000_000) };
    const response = await ordersPaid({ request: signedWebhookRequest({ shop, topic: "orders/paid", payload }) });
    expect(response.status).toBe(400);
    expect((await response.text()).length).toBeLessThanOrEqual(300);
    expect(await written(shop)).toEqual(nothing);
  });

  it("GIVEN a compliance body whose customer is 100,000 levels deep THEN 400, short", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const rawBody = `{"shop_domain":"${shop}","customer":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    const response = await customersRedact({ request: signedWebhookRequest({ shop, topic: "customers/redact", payload: null, rawBody }) });
    expect(response.status).toBe(400);
    expect((await response.text()).length).toBeLessThanOrEqual(300);
    expect(await written(shop)).toEqual(nothing);
  });
});
