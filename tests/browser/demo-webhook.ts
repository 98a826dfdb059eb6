// A webhook to the running demo app, signed with the demo secret exactly as Shopify signs it (HMAC of the raw body).
import crypto from "node:crypto";
import { expect, inject } from "vitest";
import { DEMO_API_SECRET } from "../../app/demo/demo-config";

export async function sendDemoWebhook(topic: string, payload: unknown) {
  const body = JSON.stringify(payload);
  const response = await fetch(`${inject("demoUrl")}/webhooks/${topic}`, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Hmac-Sha256": crypto.createHmac("sha256", DEMO_API_SECRET).update(body, "utf8").digest("base64"),
      "X-Shopify-Shop-Domain": "demo-loyalty.myshopify.com",
      "X-Shopify-API-Version": "2026-10",
      "X-Shopify-Webhook-Id": crypto.randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
      "X-Shopify-Event-Id": crypto.randomUUID(),
    },
  });
  expect(response.status).toBe(200);
}
