// The app checks webhook signatures itself (app/shopify/webhook-signature.server.ts) rather than through
// @shopify/shopify-api's webhooks.validate; this holds the two to the same verdict on generated requests: correctly
// signed, signed with another secret, a tampered body, and each required header missing.
import "@shopify/shopify-api/adapters/web-api";
import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LogSeverity, shopifyApi } from "@shopify/shopify-api";
import { ADMIN_API_VERSION } from "../../../app/shopify/api-version";
import { checkWebhookSignature } from "../../../app/shopify/webhook-signature.server";

const SECRET = "signature-test-secret";
const library = shopifyApi({
  apiKey: "signature-test-key",
  apiSecretKey: SECRET,
  apiVersion: ADMIN_API_VERSION,
  hostName: "app.example.com",
  isEmbeddedApp: true,
  logger: { level: LogSeverity.Error },
}).webhooks;

const HEADERS = ["X-Shopify-Topic", "X-Shopify-Shop-Domain", "X-Shopify-API-Version", "X-Shopify-Webhook-Id"] as const;

const sign = (body: string, secret: string) => createHmac("sha256", secret).update(body, "utf8").digest("base64");

describe("webhook signature check", () => {
  it("GIVEN any body and header set THEN the app's check and Shopify's library agree", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "binary", maxLength: 300 }),
        fc.constantFrom("right", "other secret", "tampered body", "garbage"),
        fc.subarray([...HEADERS]),
        async (body, signing, present) => {
          const signature =
            signing === "right" ? sign(body, SECRET) : signing === "other secret" ? sign(body, "another") : signing === "tampered body" ? sign(`${body}x`, SECRET) : "bm90IGEgc2lnbmF0dXJl";
          const headers = new Headers({ "X-Shopify-Hmac-Sha256": signature, "Content-Type": "application/json" });
          const values = { "X-Shopify-Topic": "orders/paid", "X-Shopify-Shop-Domain": "tea.myshopify.com", "X-Shopify-API-Version": "2026-10", "X-Shopify-Webhook-Id": "w-1" };
          for (const name of present) headers.set(name, values[name]);
          const ours = checkWebhookSignature(body, headers, SECRET);
          const theirs = await library.validate({ rawBody: body, rawRequest: new Request("https://app.example.com/webhooks/orders/paid", { method: "POST", headers }) });
          expect(ours.valid).toBe(theirs.valid);
          if (!ours.valid && !theirs.valid) {
            expect(ours.reason).toBe(theirs.reason);
            if (ours.reason === "missing_headers" && "missingHeaders" in theirs) {
              expect(ours.missingHeaders.map((h) => h.toLowerCase()).sort()).toEqual(theirs.missingHeaders.map((h) => h.toLowerCase()).sort());
            }
          }
          if (ours.valid && theirs.valid) {
            expect({ domain: ours.domain, webhookId: ours.webhookId, apiVersion: ours.apiVersion }).toEqual({
              domain: theirs.domain,
              webhookId: theirs.webhookId,
              apiVersion: theirs.apiVersion,
            });
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
