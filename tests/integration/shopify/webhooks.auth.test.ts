import { describe, expect, it } from "vitest";
import db from "../../../app/db.server";
import { action as ordersPaid } from "../../../app/routes/webhooks.orders.paid";
import { action as appUninstalled } from "../../../app/routes/webhooks.app.uninstalled";
import orderFixture from "../../fixtures/shopify/order-2026-07.json";
import { backgroundWebhooksIdle } from "../../../app/shopify/webhook-inbox.server";
import { installedShop, signedWebhookRequest } from "../../support/shopify-requests";

const deliveries = (shop: string) => db.webhookDelivery.count({ where: { shop } });

describe("webhook authentication", () => {
  it("GIVEN a correctly signed delivery WHEN posted THEN 200 and the delivery is recorded once", async () => {
    const shop = await installedShop();
    const request = signedWebhookRequest({ shop, topic: "orders/paid", payload: orderFixture, webhookId: "w-1" });
    const response = await ordersPaid({ request });
    expect(response.status).toBe(200);
    expect(await deliveries(shop)).toBe(1);

    const retry = signedWebhookRequest({ shop, topic: "orders/paid", payload: orderFixture, webhookId: "w-1" });
    const again = await ordersPaid({ request: retry });
    expect(again.status).toBe(200);
    expect(await again.text()).toBe("Already received");
    expect(await deliveries(shop)).toBe(1);
  });

  it("GIVEN a body signed with the wrong secret THEN 401 and nothing is written", async () => {
    const shop = await installedShop();
    const request = signedWebhookRequest({ shop, topic: "orders/paid", payload: orderFixture, secret: "wrong" });
    const response = await ordersPaid({ request });
    expect(response.status).toBe(401);
    expect(await deliveries(shop)).toBe(0);
    expect(await db.orderRecord.count({ where: { shop } })).toBe(0);
  });

  it("GIVEN a body changed after signing THEN 401 and nothing is written", async () => {
    const shop = await installedShop();
    const signed = signedWebhookRequest({ shop, topic: "orders/paid", payload: orderFixture });
    const tampered = new Request(signed.url, { method: "POST", headers: signed.headers, body: JSON.stringify({ ...orderFixture, id: 2 }) });
    expect((await ordersPaid({ request: tampered })).status).toBe(401);
    expect(await deliveries(shop)).toBe(0);
    expect(await db.orderRecord.count({ where: { shop } })).toBe(0);
  });

  it("GIVEN no HMAC header THEN 401 and nothing is written", async () => {
    const shop = await installedShop();
    const signed = signedWebhookRequest({ shop, topic: "orders/paid", payload: orderFixture });
    const headers = new Headers(signed.headers);
    headers.delete("X-Shopify-Hmac-Sha256");
    const response = await ordersPaid({ request: new Request(signed.url, { method: "POST", headers, body: "{}" }) });
    expect(response.status).toBe(401);
    expect(await deliveries(shop)).toBe(0);
    expect(await db.orderRecord.count({ where: { shop } })).toBe(0);
  });

  it("GIVEN a correctly signed body that is not JSON THEN 400 and nothing is written", async () => {
    const shop = await installedShop();
    const request = signedWebhookRequest({ shop, topic: "orders/paid", payload: null, rawBody: "{not json" });
    const response = await ordersPaid({ request });
    expect(response.status).toBe(400);
    expect(await deliveries(shop)).toBe(0);
    expect(await db.orderRecord.count({ where: { shop } })).toBe(0);
  });

  it("app/uninstalled removes the shop's sessions and marks it uninstalled, leaving other shops alone", async () => {
    const shop = await installedShop();
    const other = await installedShop("other");
    const response = await appUninstalled({
      request: signedWebhookRequest({ shop, topic: "app/uninstalled", payload: { id: 1, domain: shop } }),
    });
    expect(response.status).toBe(200);
    await backgroundWebhooksIdle();
    expect(await db.session.count({ where: { shop } })).toBe(0);
    expect(await db.session.count({ where: { shop: other } })).toBe(1);
    expect((await db.shop.findUnique({ where: { domain: shop } }))?.uninstalledAt).toBeInstanceOf(Date);
  });
});
