// The webhook deliveries a benchmark run sends, built and signed up front so the load generator spends no CPU
// on JSON or HMAC while it is being timed (it shares the machine's cores with the servers it measures).
import crypto from "node:crypto";
import { orderPaidPayload, type TestLine } from "../../tests/support/shopify-payloads";

export type Delivery = { body: Buffer; headers: Record<string, string> };

export type DeliveryBatch = {
  deliveries: Delivery[];
  /** The points default program settings give these orders: floor(quantity × unit price) per line, no shipping. */
  expectedPoints: number;
};

/** Signs a body exactly as Shopify does: base64 HMAC-SHA256 of the raw bytes with the app's secret. */
export function signedDelivery(secret: string, shop: string, topic: string, body: Buffer): Delivery {
  return {
    body,
    headers: {
      "Content-Type": "application/json",
      "Content-Length": String(body.length),
      "X-Shopify-Topic": topic,
      "X-Shopify-Hmac-Sha256": crypto.createHmac("sha256", secret).update(body).digest("base64"),
      "X-Shopify-Shop-Domain": shop,
      "X-Shopify-API-Version": "2026-10",
      "X-Shopify-Webhook-Id": crypto.randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
      "X-Shopify-Event-Id": crypto.randomUUID(),
    },
  };
}

/**
 * `count` orders/paid deliveries with distinct order ids (from `firstOrder`), spread round-robin over
 * `customers` customer ids starting at `firstCustomer`. Each order has 1–3 lines with varied prices, so the
 * bodies are the size of real ones (the recorded fixture's other fields stay as Shopify sends them).
 */
export function orderPaidDeliveries(options: {
  secret: string;
  shop: string;
  count: number;
  firstOrder: number;
  customers: number;
  firstCustomer: number;
  /** The shop runs the bench's two campaigns (bench-webhooks.ts --campaigns): every line is 3×, every order +10. */
  campaigns?: boolean;
}): DeliveryBatch {
  const deliveries: Delivery[] = [];
  let expectedPoints = 0;
  for (let i = 0; i < options.count; i++) {
    const orderId = options.firstOrder + i;
    const lines: TestLine[] = [];
    for (let k = 0; k < 1 + (i % 3); k++) {
      const line = { id: String(orderId * 10 + k), quantity: 1 + ((i + k) % 4), unitPrice: 499 + ((i * 7 + k * 131) % 9500) };
      lines.push(line);
      expectedPoints += Math.floor((line.quantity * line.unitPrice) / 100) * (options.campaigns ? 3 : 1);
    }
    if (options.campaigns) expectedPoints += 10;
    const payload = orderPaidPayload({
      orderId: String(orderId),
      customerId: String(options.firstCustomer + (i % options.customers)),
      lines,
      shipping: 500,
    });
    const body = Buffer.from(JSON.stringify(payload), "utf8");
    deliveries.push(signedDelivery(options.secret, options.shop, "orders/paid", body));
  }
  return { deliveries, expectedPoints };
}
