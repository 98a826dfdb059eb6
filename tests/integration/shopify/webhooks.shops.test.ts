// Which shop a webhook is stored for: the X-Shopify-Shop-Domain header must be a shop domain (in lower case), and
// data topics from a shop that is not a tenant — never installed, or erased by shop/redact — are answered 200 and
// dropped; compliance topics are always taken.
import { describe, expect, it } from "vitest";
import db from "../../../app/db.server";
import { normalizeShopDomain } from "../../../app/shopify/shop-domain";
import { action as ordersPaid } from "../../../app/routes/webhooks.orders.paid";
import { installShop, signedWebhookRequest, uniqueShop } from "../../support/shopify-requests";
import { deliver, deliverOk, type Topic } from "../../support/webhook-delivery";
import { customerPayload, orderPaidPayload } from "../../support/shopify-payloads";

const order = { orderId: "8201", customerId: "701", lines: [{ id: "82011", quantity: 2, unitPrice: 2500 }] };

const stored = async (shop: string) => ({
  deliveries: await db.webhookDelivery.count({ where: { shop } }),
  orders: await db.orderRecord.count({ where: { shop } }),
  members: await db.member.count({ where: { shop } }),
  entries: await db.ledgerEntry.count({ where: { shop } }),
  held: await db.heldOrderEvent.count({ where: { shop } }),
});
const nothing = { deliveries: 0, orders: 0, members: 0, entries: 0, held: 0 };

const dataTopics: Array<[Topic, unknown]> = [
  ["orders/paid", orderPaidPayload(order)],
  ["orders/cancelled", { ...orderPaidPayload(order), cancelled_at: new Date().toISOString() }],
  ["refunds/create", { id: 9, admin_graphql_api_id: "gid://shopify/Refund/9", order_id: 8201, created_at: new Date().toISOString(), refund_line_items: [] }],
  ["customers/create", customerPayload("701")],
  ["customers/update", customerPayload("701")],
];

describe("webhooks from shops that are not tenants", () => {
  it.each(dataTopics)("GIVEN %s from a shop that never installed the app THEN 200 and nothing stored", async (topic, payload) => {
    const shop = uniqueShop();
    const response = await deliver(shop, topic, payload);
    expect(response.status).toBe(200);
    expect(await stored(shop)).toEqual(nothing);
  });

  it("GIVEN a shop erased by shop/redact THEN its later orders/paid is answered 200 and stores nothing", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await deliverOk(shop, "orders/paid", orderPaidPayload(order));
    await deliverOk(shop, "shop/redact", { shop_id: 1, shop_domain: shop });
    expect(await stored(shop)).toEqual(nothing);

    const late = await deliver(shop, "orders/paid", orderPaidPayload({ ...order, orderId: "8202", lines: [{ id: "82021", quantity: 1, unitPrice: 100 }] }));
    expect(late.status).toBe(200);
    expect(await stored(shop)).toEqual(nothing);
  });

  it("GIVEN an uninstalled (not yet erased) shop THEN its data webhooks are still applied", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    await deliverOk(shop, "app/uninstalled", { id: 1, domain: shop });
    await deliverOk(shop, "orders/paid", orderPaidPayload(order));
    expect((await stored(shop)).orders).toBe(1);
  });

  it("GIVEN compliance topics from a shop that never installed the app THEN each is accepted (200) and applied", async () => {
    const shop = uniqueShop();
    await deliverOk(shop, "customers/data_request", {
      shop_id: 1, shop_domain: shop, orders_requested: [], customer: { id: 701, email: "c@example.com", phone: null }, data_request: { id: 9 },
    });
    await deliverOk(shop, "customers/redact", { shop_id: 1, shop_domain: shop, customer: { id: 701, email: "c@example.com", phone: null }, orders_to_redact: [] });
    await deliverOk(shop, "shop/redact", { shop_id: 1, shop_domain: shop });
    // Applied, not only answered: shop/redact erased the record customers/data_request had written.
    expect(await db.dataRequest.count({ where: { shop } })).toBe(0);
  });

  it("GIVEN customers/data_request from a shop that never installed THEN the request is recorded (with nothing held)", async () => {
    const shop = uniqueShop();
    await deliverOk(shop, "customers/data_request", {
      shop_id: 1, shop_domain: shop, orders_requested: [], customer: { id: 702, email: "d@example.com", phone: null }, data_request: { id: 10 },
    });
    const recorded = await db.dataRequest.findFirstOrThrow({ where: { shop, customerId: "702" } });
    expect(JSON.parse(recorded.export)).toMatchObject({ member: null, ledger: [], orders: [] });
  });
});

describe("the shop header", () => {
  it.each(["evil.example.com", "shop.myshopify.com.evil.example", "-x.myshopify.com", "a b.myshopify.com", "myshopify.com"])(
    "GIVEN a correctly signed delivery naming %s THEN 400 and nothing stored",
    async (header) => {
      const request = signedWebhookRequest({ shop: header, topic: "orders/paid", payload: orderPaidPayload(order) });
      const response = await ordersPaid({ request });
      expect(response.status).toBe(400);
      expect(await stored(header)).toEqual(nothing);
      expect(await stored(header.toLowerCase())).toEqual(nothing);
    },
  );

  it("GIVEN an installed shop's domain in capitals THEN the delivery is stored and applied under the lower-case domain", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const shouted = shop.toUpperCase();
    await deliverOk(shouted, "orders/paid", orderPaidPayload(order));
    expect(await stored(shop)).toMatchObject({ deliveries: 1, orders: 1, members: 1 });
    expect(await stored(shouted)).toEqual(nothing);
  });
});

describe("normalizeShopDomain", () => {
  it("accepts <store>.myshopify.com in any case, and the SHOP_CUSTOM_DOMAIN domains", () => {
    expect(normalizeShopDomain("Tea-House.MyShopify.com")).toBe("tea-house.myshopify.com");
    expect(normalizeShopDomain("tea.shop.dev")).toBeNull();
    expect(normalizeShopDomain("tea.shop.dev", ["shop.dev"])).toBe("tea.shop.dev");
    expect(normalizeShopDomain("tea.evil.shop.dev", ["shop.dev"])).toBeNull();
    expect(normalizeShopDomain("tea.myshopify.com.evil", ["shop.dev"])).toBeNull();
    expect(normalizeShopDomain("")).toBeNull();
  });
});
