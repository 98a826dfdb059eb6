// The webhook inbox: a delivery is answered once stored, applied right after, and retried until applied — after a
// failure, after a crash between answering and applying, and never by two workers at once.
import { afterEach, describe, expect, it, vi } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { action as ordersPaid } from "../../../app/routes/webhooks.orders.paid";
import {
  acceptDelivery,
  applyDelivery,
  backgroundWebhooksIdle,
  MAX_ATTEMPTS,
  sweepWebhookInbox,
} from "../../../app/shopify/webhook-inbox.server";
import { webhookTopics } from "../../../app/shopify/webhook-topics.server";
import { installedShop, signedWebhookRequest } from "../../support/shopify-requests";
import { orderPaidPayload, type TestOrder } from "../../support/shopify-payloads";
import { expectCachedBalancesMatchLedger, memberBalances } from "../../support/ledger-invariants";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

// 2 × 10.00: 20 points, pending for the default 14 days.
const order = (orderId: string): TestOrder => ({
  orderId,
  customerId: "701",
  lines: [{ id: `${orderId}1`, quantity: 2, unitPrice: 1000 }],
});

const row = (shop: string, webhookId: string) =>
  db.webhookDelivery.findUniqueOrThrow({ where: { shop_webhookId: { shop, webhookId } } });

afterEach(() => {
  vi.restoreAllMocks();
});

describe("webhook inbox", () => {
  it("GIVEN applying fails WHEN the delivery arrives THEN Shopify still gets 200, the delivery waits with its error, and a later sweep applies it once", async () => {
    const shop = await installedShop();
    vi.spyOn(webhookTopics["orders/paid"], "apply").mockRejectedValueOnce(new Error("connection reset by peer"));
    const logged: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      logged.push(String(chunk));
      return true;
    });

    const response = await ordersPaid({
      request: signedWebhookRequest({ shop, topic: "orders/paid", payload: orderPaidPayload(order("9101")), webhookId: "w-fail" }),
    });
    expect(response.status).toBe(200);
    await backgroundWebhooksIdle();

    const failed = await row(shop, "w-fail");
    expect(failed.processedAt).toBeNull();
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toContain("connection reset by peer");
    expect(failed.payload).not.toBeNull();
    // The log line says which delivery of which shop failed, as JSON (app/log.server.ts).
    expect(logged.map((line) => JSON.parse(line))).toContainEqual(
      expect.objectContaining({
        level: "error",
        shop,
        webhookId: "w-fail",
        topic: "orders/paid",
        error: expect.objectContaining({ message: "connection reset by peer" }),
      }),
    );
    expect(await memberBalances(shop, "701")).toBeNull();

    // Not yet due: the back-off after the first failure is 30 s.
    expect(await sweepWebhookInbox(sqlDb, new Date(Date.now() + 10_000), undefined, shop)).toEqual({ applied: 0, failed: 0 });
    expect(await sweepWebhookInbox(sqlDb, new Date(Date.now() + MINUTE), undefined, shop)).toEqual({ applied: 1, failed: 0 });

    const applied = await row(shop, "w-fail");
    expect(applied.processedAt).toBeInstanceOf(Date);
    expect(applied.payload).toBeNull(); // no personal data kept once applied
    expect(applied.lastError).toBeNull();
    expect(await memberBalances(shop, "701")).toEqual({ available: 0, pending: 20 });
    expect(await sweepWebhookInbox(sqlDb, new Date(Date.now() + HOUR), undefined, shop)).toEqual({ applied: 0, failed: 0 });
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN the process died after answering (stored, never applied) THEN the sweep applies it, but only after the grace period", async () => {
    const shop = await installedShop();
    const payload = orderPaidPayload(order("9102"));
    // What the route does before answering, without the in-process apply that a crash would lose.
    expect(await acceptDelivery(sqlDb, { shop, webhookId: "w-crash", topic: "orders/paid", payload }, JSON.stringify(payload))).toMatchObject({ outcome: "accepted" });

    expect(await sweepWebhookInbox(sqlDb, new Date(), undefined, shop)).toEqual({ applied: 0, failed: 0 });
    expect(await sweepWebhookInbox(sqlDb, new Date(Date.now() + MINUTE), undefined, shop)).toEqual({ applied: 1, failed: 0 });
    expect(await memberBalances(shop, "701")).toEqual({ available: 0, pending: 20 });
  });

  it("GIVEN the route stored a delivery leased to itself and the process died THEN the sweep applies it once the lease is over, counting the lost attempt", async () => {
    const shop = await installedShop();
    const payload = orderPaidPayload(order("9106"));
    const accepted = await acceptDelivery(sqlDb, { shop, webhookId: "w-own", topic: "orders/paid", payload }, JSON.stringify(payload), new Date(), {
      leaseToThisProcess: true,
      onlyForKnownShop: true,
    });
    expect(accepted.outcome).toBe("accepted");
    expect((await row(shop, "w-own")).attempts).toBe(1);

    expect(await sweepWebhookInbox(sqlDb, new Date(Date.now() + 20_000), undefined, shop)).toEqual({ applied: 0, failed: 0 });
    expect(await sweepWebhookInbox(sqlDb, new Date(Date.now() + MINUTE), undefined, shop)).toEqual({ applied: 1, failed: 0 });
    expect((await row(shop, "w-own")).attempts).toBe(2);
    expect(await memberBalances(shop, "701")).toEqual({ available: 0, pending: 20 });
  });

  it("GIVEN a redelivery of a stored delivery THEN 'Already received' and it is applied once", async () => {
    const shop = await installedShop();
    const payload = orderPaidPayload(order("9103"));
    await acceptDelivery(sqlDb, { shop, webhookId: "w-retry", topic: "orders/paid", payload }, JSON.stringify(payload));

    const retry = await ordersPaid({ request: signedWebhookRequest({ shop, topic: "orders/paid", payload, webhookId: "w-retry" }) });
    expect(retry.status).toBe(200);
    expect(await retry.text()).toBe("Already received");
    await sweepWebhookInbox(sqlDb, new Date(Date.now() + MINUTE));
    expect(await db.webhookDelivery.count({ where: { shop } })).toBe(1);
    expect(await memberBalances(shop, "701")).toEqual({ available: 0, pending: 20 });
  });

  it("GIVEN four sweeps at once over the same backlog THEN each delivery is claimed and applied by exactly one", async () => {
    const shop = await installedShop();
    const apply = vi.spyOn(webhookTopics["orders/paid"], "apply");
    for (let i = 0; i < 12; i += 1) {
      const payload = orderPaidPayload(order(`92${i}`));
      await acceptDelivery(sqlDb, { shop, webhookId: `w-${i}`, topic: "orders/paid", payload }, JSON.stringify(payload));
    }
    const later = new Date(Date.now() + MINUTE);
    const results = await Promise.all([1, 2, 3, 4].map(() => sweepWebhookInbox(sqlDb, later, 5, shop)));

    expect(results.reduce((sum, r) => sum + r.applied, 0)).toBe(12);
    expect(apply).toHaveBeenCalledTimes(12);
    expect(await memberBalances(shop, "701")).toEqual({ available: 0, pending: 240 });
    expect(await db.webhookDelivery.count({ where: { shop, processedAt: null } })).toBe(0);
  });

  it("GIVEN a claim is held WHEN another worker tries the same delivery THEN it is refused until the lease runs out", async () => {
    const shop = await installedShop();
    const payload = orderPaidPayload(order("9104"));
    await acceptDelivery(sqlDb, { shop, webhookId: "w-lease", topic: "orders/paid", payload }, JSON.stringify(payload));
    // A worker that claimed it and then stalled (its apply never finishes).
    vi.spyOn(webhookTopics["orders/paid"], "apply").mockImplementationOnce(() => new Promise(() => {}));
    void applyDelivery(sqlDb, { shop, webhookId: "w-lease" });
    await vi.waitFor(async () => expect((await row(shop, "w-lease")).attempts).toBe(1));

    expect(await applyDelivery(sqlDb, { shop, webhookId: "w-lease" }, undefined, new Date(Date.now() + MINUTE))).toBe(false);
    expect(await applyDelivery(sqlDb, { shop, webhookId: "w-lease" }, undefined, new Date(Date.now() + 3 * MINUTE))).toBe(true);
    expect(await memberBalances(shop, "701")).toEqual({ available: 0, pending: 20 });
  });

  it(`GIVEN a delivery that fails every time THEN it is retried with back-off and left alone after ${MAX_ATTEMPTS} attempts`, async () => {
    const shop = await installedShop();
    const payload = orderPaidPayload(order("9105"));
    await acceptDelivery(sqlDb, { shop, webhookId: "w-poison", topic: "orders/paid", payload }, JSON.stringify(payload));
    const apply = vi.spyOn(webhookTopics["orders/paid"], "apply").mockRejectedValue(new Error("bug"));
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);

    // Far enough apart that every back-off (capped at 1 h) has passed each time.
    let now = Date.now();
    for (let i = 0; i < MAX_ATTEMPTS + 3; i += 1) {
      now += 2 * HOUR;
      await sweepWebhookInbox(sqlDb, new Date(now));
    }
    expect(apply).toHaveBeenCalledTimes(MAX_ATTEMPTS);
    const poisoned = await row(shop, "w-poison");
    expect(poisoned.attempts).toBe(MAX_ATTEMPTS);
    expect(poisoned.processedAt).toBeNull();
    expect(poisoned.lastError).toContain("bug");
  });
});
