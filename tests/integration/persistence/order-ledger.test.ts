// Earning and reversal through the real webhook routes: signed deliveries in, ledger entries and balances out.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { saveProgramSettings } from "../../../app/persistence/program-settings";
import { DEFAULT_PROGRAM_SETTINGS } from "../../../app/rules/program-settings";
import { releaseDuePoints } from "../../../app/persistence/pending-release";
import { installedShop } from "../../support/shopify-requests";
import { deliver, deliverOk } from "../../support/webhook-delivery";
import { orderCancelledPayload, orderPaidPayload, refundPayload, type TestOrder } from "../../support/shopify-payloads";
import orderFixture from "../../fixtures/shopify/order-2026-07.json";
import refundFixture from "../../fixtures/shopify/refund-2026-07.json";
import { expectCachedBalancesMatchLedger, memberBalances } from "../../support/ledger-invariants";

const DAY = 24 * 60 * 60 * 1000;

// 3 tea tins at $12.50 (one $5.00 discount on the line) and a $40.00 teapot, $7.00 shipping.
const teaOrder: TestOrder = {
  orderId: "8001",
  customerId: "501",
  lines: [
    { id: "90011", quantity: 3, unitPrice: 1250, discount: 500 },
    { id: "90012", quantity: 1, unitPrice: 4000 },
  ],
  shipping: 700,
};
// Tea: 37.50 − 5.00 = 32.50 → 32 points; teapot 40; shipping does not count by default.
const TEA_POINTS = 32;
const TEAPOT_POINTS = 40;

describe("orders/paid", () => {
  it("GIVEN Shopify's orders/paid fixture (paid in 2025) THEN 585 points, 195 per line net of discounts, available at once", async () => {
    const shop = await installedShop();
    await deliverOk(shop, "orders/paid", orderFixture);
    // The fixture order was processed long before its 14 pending days ended, so its points are released at once.
    expect(await memberBalances(shop, "207119551")).toEqual({ available: 585, pending: 0 });
    const entries = await db.ledgerEntry.findMany({ where: { shop }, orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.kind, e.lineItemId, Number(e.pendingDelta), Number(e.availableDelta)])).toEqual([
      ["earn_pending", "466157049", 195, 0],
      ["earn_pending", "518995019", 195, 0],
      ["earn_pending", "703073504", 195, 0],
      ["release", null, -585, 585],
    ]);
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN the same delivery twice, and a new delivery of the same order THEN points are credited once", async () => {
    const shop = await installedShop();
    await deliverOk(shop, "orders/paid", orderPaidPayload(teaOrder), "delivery-1");
    await deliverOk(shop, "orders/paid", orderPaidPayload(teaOrder), "delivery-1");
    await deliverOk(shop, "orders/paid", orderPaidPayload(teaOrder), "delivery-2");
    expect(await memberBalances(shop, "501")).toEqual({ available: 0, pending: TEA_POINTS + TEAPOT_POINTS });
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN shipping counts and 2 points per unit THEN shipping earns too, with the shop's settings", async () => {
    const shop = await installedShop();
    await saveProgramSettings(sqlDb, shop, { ...DEFAULT_PROGRAM_SETTINGS, includeShipping: true, pointsPerUnit: 2 });
    await deliverOk(shop, "orders/paid", orderPaidPayload(teaOrder));
    expect(await memberBalances(shop, "501")).toEqual({ available: 0, pending: 65 + 80 + 14 });
  });

  it("GIVEN a guest checkout THEN the order is recorded and nobody earns", async () => {
    const shop = await installedShop();
    await deliverOk(shop, "orders/paid", orderPaidPayload({ ...teaOrder, customerId: null }));
    expect(await db.member.count({ where: { shop } })).toBe(0);
    expect(await db.orderRecord.findUnique({ where: { shop_orderId: { shop, orderId: "8001" } } })).toMatchObject({
      customerId: null,
      totalPoints: BigInt(TEA_POINTS + TEAPOT_POINTS),
    });
  });

  it("GIVEN pending days 0 THEN the points are available at once", async () => {
    const shop = await installedShop();
    await saveProgramSettings(sqlDb, shop, { ...DEFAULT_PROGRAM_SETTINGS, pendingDays: 0 });
    await deliverOk(shop, "orders/paid", orderPaidPayload(teaOrder));
    expect(await memberBalances(shop, "501")).toEqual({ available: 72, pending: 0 });
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN a malformed body THEN 400 with the reason and nothing is written", async () => {
    const shop = await installedShop();
    const broken = orderPaidPayload(teaOrder);
    (broken.line_items as Array<Record<string, unknown>>)[0]!.quantity = -1;
    const response = await deliver(shop, "orders/paid", broken);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/line_items\[0\]\.quantity/);
    expect(await db.orderRecord.count({ where: { shop } })).toBe(0);
    expect(await db.member.count({ where: { shop } })).toBe(0);
    expect(await db.webhookDelivery.count({ where: { shop } })).toBe(0);
  });
});

describe("pending → available", () => {
  it("GIVEN 14 pending days WHEN the release job runs before and after them THEN points move once, on time", async () => {
    const shop = await installedShop();
    const paidAt = new Date(Math.floor(Date.now() / 1000) * 1000);
    await deliverOk(shop, "orders/paid", orderPaidPayload({ ...teaOrder, processedAt: paidAt.toISOString() }));
    await releaseDuePoints(sqlDb, { now: new Date(paidAt.getTime() + 13 * DAY), shop });
    expect(await memberBalances(shop, "501")).toEqual({ available: 0, pending: 72 });
    await releaseDuePoints(sqlDb, { now: new Date(paidAt.getTime() + 14 * DAY), shop });
    await releaseDuePoints(sqlDb, { now: new Date(paidAt.getTime() + 15 * DAY), shop });
    expect(await memberBalances(shop, "501")).toEqual({ available: 72, pending: 0 });
    await expectCachedBalancesMatchLedger(shop);
  });
});

describe("refunds/create and orders/cancelled", () => {
  it("GIVEN Shopify's refund fixture for the fixture order THEN exactly the refunded lines' points are taken back", async () => {
    const shop = await installedShop();
    await deliverOk(shop, "orders/paid", orderFixture);
    await deliverOk(shop, "refunds/create", refundFixture);
    // The fixture refunds line 703073504 (1 of 1) and 466157049 (1 of 1)… as recorded in refund_line_items.
    const refunded = refundFixture.refund_line_items.map((item) => String(item.line_item_id));
    expect(await memberBalances(shop, "207119551")).toEqual({ available: 585 - 195 * refunded.length, pending: 0 });
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN 1 + 1 + 1 of 3 tins refunded THEN exactly the tins' 32 points are taken back in total", async () => {
    const shop = await installedShop();
    await deliverOk(shop, "orders/paid", orderPaidPayload(teaOrder));
    for (const refundId of ["71", "72", "73"]) {
      await deliverOk(shop, "refunds/create", refundPayload({ refundId, orderId: "8001", lines: [{ lineItemId: "90011", quantity: 1 }] }));
    }
    const reversals = await db.ledgerEntry.findMany({ where: { shop, kind: "reverse" }, orderBy: { id: "asc" } });
    expect(reversals.map((e) => Number(e.pendingDelta))).toEqual([-10, -11, -11]);
    expect(await memberBalances(shop, "501")).toEqual({ available: 0, pending: TEAPOT_POINTS });
  });

  it("GIVEN a refund delivered twice under new delivery ids THEN it is applied once", async () => {
    const shop = await installedShop();
    await deliverOk(shop, "orders/paid", orderPaidPayload(teaOrder));
    const refund = refundPayload({ refundId: "71", orderId: "8001", lines: [{ lineItemId: "90012", quantity: 1 }] });
    await deliverOk(shop, "refunds/create", refund, "r-1");
    await deliverOk(shop, "refunds/create", refund, "r-2");
    expect(await memberBalances(shop, "501")).toEqual({ available: 0, pending: TEA_POINTS });
  });

  it("GIVEN a refund and a cancellation that arrive BEFORE orders/paid THEN they are held and the end balance is the same", async () => {
    const shop = await installedShop();
    await deliverOk(shop, "refunds/create", refundPayload({ refundId: "71", orderId: "8001", lines: [{ lineItemId: "90011", quantity: 2 }] }));
    expect(await db.heldOrderEvent.count({ where: { shop, appliedAt: null } })).toBe(1);
    await deliverOk(shop, "orders/paid", orderPaidPayload(teaOrder));
    // 2 of 3 tins: floor(32 × 2 / 3) = 21 taken back.
    expect(await memberBalances(shop, "501")).toEqual({ available: 0, pending: 72 - 21 });
    expect(await db.heldOrderEvent.count({ where: { shop, appliedAt: null } })).toBe(0);

    const other = await installedShop();
    await deliverOk(other, "orders/cancelled", orderCancelledPayload(teaOrder));
    await deliverOk(other, "orders/paid", orderPaidPayload(teaOrder));
    expect(await memberBalances(other, "501")).toEqual({ available: 0, pending: 0 });
    await expectCachedBalancesMatchLedger(shop);
    await expectCachedBalancesMatchLedger(other);
  });

  it("GIVEN a partial refund then a cancellation THEN the cancellation takes back only what is left; a late refund nothing", async () => {
    const shop = await installedShop();
    await deliverOk(shop, "orders/paid", orderPaidPayload(teaOrder));
    await deliverOk(shop, "refunds/create", refundPayload({ refundId: "71", orderId: "8001", lines: [{ lineItemId: "90011", quantity: 1 }] }));
    await deliverOk(shop, "orders/cancelled", orderCancelledPayload(teaOrder));
    await deliverOk(shop, "orders/cancelled", orderCancelledPayload(teaOrder));
    await deliverOk(shop, "refunds/create", refundPayload({ refundId: "72", orderId: "8001", lines: [{ lineItemId: "90012", quantity: 1 }] }));
    expect(await memberBalances(shop, "501")).toEqual({ available: 0, pending: 0 });
    const reversed = await db.ledgerEntry.aggregate({ where: { shop, kind: "reverse" }, _sum: { pendingDelta: true } });
    expect(reversed._sum.pendingDelta).toBe(-72n);
  });

  it("GIVEN points already released WHEN the order is refunded THEN they come out of the available balance, which may go negative", async () => {
    const shop = await installedShop();
    await saveProgramSettings(sqlDb, shop, { ...DEFAULT_PROGRAM_SETTINGS, pendingDays: 0 });
    await deliverOk(shop, "orders/paid", orderPaidPayload(teaOrder));
    // The shopper spends everything (a redemption, recorded as the ledger would record it).
    const member = await db.member.findUniqueOrThrow({ where: { shop_customerId: { shop, customerId: "501" } } });
    await sqlDb.transaction().execute((tx) =>
      import("../../../app/persistence/ledger").then(({ appendEntries }) =>
        appendEntries(tx, shop, member.id, [
          { kind: "redeem", availableDelta: -72, pendingDelta: 0, reason: "Reward", sourceType: "action", sourceId: "r", idempotencyKey: "redeem:1" },
        ]),
      ),
    );
    await deliverOk(shop, "refunds/create", refundPayload({ refundId: "71", orderId: "8001", lines: [{ lineItemId: "90012", quantity: 1 }] }));
    expect(await memberBalances(shop, "501")).toEqual({ available: -TEAPOT_POINTS, pending: 0 });
    await expectCachedBalancesMatchLedger(shop);
  });
});
