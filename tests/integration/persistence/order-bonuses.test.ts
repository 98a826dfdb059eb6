// Order bonuses and campaigns through the real webhook routes: signed orders/paid, refunds/create and orders/cancelled
// deliveries in; their own ledger entries, once, and taken back by the stated rule, out.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { saveOrderBonuses, saveProgramSettings } from "../../../app/persistence/program-settings";
import { deleteCampaign, saveCampaign } from "../../../app/persistence/campaigns";
import { DEFAULT_PROGRAM_SETTINGS } from "../../../app/rules/program-settings";
import { installedShop } from "../../support/shopify-requests";
import { deliverOk } from "../../support/webhook-delivery";
import { orderCancelledPayload, orderPaidPayload, refundPayload, type TestOrder } from "../../support/shopify-payloads";
import { expectCachedBalancesMatchLedger, memberBalances } from "../../support/ledger-invariants";

// $80.00 of tea (2 × $40) and a $30.00 mug: $110.00, 110 points at 1 per dollar.
const order = (orderId: string, customerId = "601", extra: Partial<TestOrder> = {}): TestOrder => ({
  orderId,
  customerId,
  lines: [
    { id: `${orderId}1`, quantity: 2, unitPrice: 4000, productId: "111" },
    { id: `${orderId}2`, quantity: 1, unitPrice: 3000, productId: "222" },
  ],
  ...extra,
});

async function shopWith(bonuses: { firstOrderBonus?: number; orderThresholdMinor?: number; orderThresholdBonus?: number }) {
  const shop = await installedShop();
  await saveProgramSettings(sqlDb, shop, { ...DEFAULT_PROGRAM_SETTINGS, pendingDays: 0 });
  await saveOrderBonuses(sqlDb, shop, { firstOrderBonus: 0, orderThresholdMinor: 0, orderThresholdBonus: 0, ...bonuses });
  return shop;
}

async function bonusEntries(shop: string) {
  const entries = await db.ledgerEntry.findMany({ where: { shop, reason: { contains: "bonus" } }, orderBy: { id: "asc" } });
  return entries.map((e) => [e.kind, e.orderId, Number(e.availableDelta) + Number(e.pendingDelta), e.idempotencyKey]);
}

describe("first-order bonus", () => {
  it("GIVEN a 50-point first-order bonus THEN the first order gets it as its own entry, once under redelivery, and the second order not", async () => {
    const shop = await shopWith({ firstOrderBonus: 50 });
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("9101")), "d1");
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("9101")), "d1");
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("9101")), "d2");
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("9102")));
    expect(await bonusEntries(shop)).toEqual([["earn_pending", "9101", 50, "customer:601:first_order"]]);
    expect(await memberBalances(shop, "601")).toEqual({ available: 110 + 50 + 110, pending: 0 });
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN the first order WHEN part is refunded THEN the bonus stays; WHEN the rest is refunded THEN it goes back whole, once", async () => {
    const shop = await shopWith({ firstOrderBonus: 50 });
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("9201")));
    await deliverOk(shop, "refunds/create", refundPayload({ refundId: "71", orderId: "9201", lines: [{ lineItemId: "92011", quantity: 2 }] }));
    expect(await memberBalances(shop, "601")).toEqual({ available: 30 + 50, pending: 0 });
    const rest = refundPayload({ refundId: "72", orderId: "9201", lines: [{ lineItemId: "92012", quantity: 1 }] });
    await deliverOk(shop, "refunds/create", rest, "r72");
    await deliverOk(shop, "refunds/create", rest, "r72-again");
    expect(await memberBalances(shop, "601")).toEqual({ available: 0, pending: 0 });
    expect((await bonusEntries(shop)).map((e) => e[2])).toEqual([50, -50]);
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN two first orders applied at once THEN one bonus; refunding the other order in full takes no bonus back", async () => {
    const shop = await shopWith({ firstOrderBonus: 50 });
    await Promise.all([deliverOk(shop, "orders/paid", orderPaidPayload(order("9211"))), deliverOk(shop, "orders/paid", orderPaidPayload(order("9212")))]);
    const credited = await bonusEntries(shop);
    expect(credited).toHaveLength(1);
    const other = credited[0]![1] === "9211" ? "9212" : "9211";
    await deliverOk(shop, "orders/cancelled", orderCancelledPayload(order(other)));
    expect(await bonusEntries(shop)).toHaveLength(1);
    expect(await memberBalances(shop, "601")).toEqual({ available: 110 + 50, pending: 0 });
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN the bonus switched off THEN orders earn exactly as before (no bonus entry)", async () => {
    const shop = await shopWith({});
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("9301")));
    expect(await bonusEntries(shop)).toEqual([]);
    expect(await memberBalances(shop, "601")).toEqual({ available: 110, pending: 0 });
  });
});

describe("order-threshold bonus", () => {
  it("GIVEN spend $100 get 25 WHEN a $110 order is paid THEN +25; WHEN a refund leaves $80 THEN the 25 go back whole", async () => {
    const shop = await shopWith({ orderThresholdMinor: 10_000, orderThresholdBonus: 25 });
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("9401")));
    expect(await memberBalances(shop, "601")).toEqual({ available: 135, pending: 0 });
    await deliverOk(shop, "refunds/create", refundPayload({ refundId: "81", orderId: "9401", lines: [{ lineItemId: "94012", quantity: 1 }] }));
    // $80 kept: below $100, so the bonus goes; the mug's 30 points go by the line rule.
    expect(await memberBalances(shop, "601")).toEqual({ available: 80, pending: 0 });
    await deliverOk(shop, "orders/cancelled", orderCancelledPayload(order("9401")));
    expect(await memberBalances(shop, "601")).toEqual({ available: 0, pending: 0 });
    expect((await bonusEntries(shop)).map((e) => e[2])).toEqual([25, -25]);
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN a $90 order THEN no threshold bonus", async () => {
    const shop = await shopWith({ orderThresholdMinor: 10_000, orderThresholdBonus: 25 });
    await deliverOk(shop, "orders/paid", orderPaidPayload({ ...order("9501"), lines: [{ id: "95011", quantity: 1, unitPrice: 9000 }] }));
    expect(await memberBalances(shop, "601")).toEqual({ available: 90, pending: 0 });
  });
});

describe("campaigns on orders/paid", () => {
  const running = (overrides: Partial<Parameters<typeof saveCampaign>[3]> = {}) => ({
    names: { en: "Double weekend" },
    multiplierPercent: 200,
    bonusPoints: 0,
    startsAt: new Date(Date.now() - 60 * 60 * 1000),
    endsAt: new Date(Date.now() + 60 * 60 * 1000),
    scope: { productIds: [], collectionIds: [], productTags: [], tierIds: [] },
    ...overrides,
  });

  it("GIVEN 2× everything and 3× on the mug with a 10-point bonus THEN highest multiplier per line, bonus once; refunds take back per line", async () => {
    const shop = await shopWith({});
    await saveCampaign(sqlDb, shop, null, running());
    await saveCampaign(sqlDb, shop, null, running({ multiplierPercent: 300, bonusPoints: 10, scope: { productIds: ["222"], collectionIds: [], productTags: [], tierIds: [] } }));
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("9601")), "c1");
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("9601")), "c1");
    // Tea 80 × 2 = 160, mug 30 × 3 = 90, +10.
    expect(await memberBalances(shop, "601")).toEqual({ available: 260, pending: 0 });
    await deliverOk(shop, "refunds/create", refundPayload({ refundId: "91", orderId: "9601", lines: [{ lineItemId: "96011", quantity: 1 }] }));
    expect(await memberBalances(shop, "601")).toEqual({ available: 180, pending: 0 });
    // The mug refunded: its line's 90 and the campaign bonus that rode on it.
    await deliverOk(shop, "refunds/create", refundPayload({ refundId: "92", orderId: "9601", lines: [{ lineItemId: "96012", quantity: 1 }] }));
    expect(await memberBalances(shop, "601")).toEqual({ available: 80, pending: 0 });
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN an order paid before the campaign started THEN it earns nothing extra, however late it is delivered", async () => {
    const shop = await shopWith({});
    await saveCampaign(sqlDb, shop, null, running());
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("9701", "601", { processedAt: new Date(Date.now() - 2 * 60 * 60 * 1000).toISOString() })));
    expect(await memberBalances(shop, "601")).toEqual({ available: 110, pending: 0 });
  });

  it("GIVEN a deleted campaign THEN the cache the webhook reads no longer has it", async () => {
    const shop = await shopWith({});
    const id = (await saveCampaign(sqlDb, shop, null, running()))!;
    expect(await deleteCampaign(sqlDb, shop, id)).toBe(true);
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("9801")));
    expect(await memberBalances(shop, "601")).toEqual({ available: 110, pending: 0 });
  });

  it("GIVEN campaigns in another shop THEN this shop's orders are untouched", async () => {
    const other = await shopWith({});
    await saveCampaign(sqlDb, other, null, running());
    const shop = await shopWith({});
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("9901")));
    expect(await memberBalances(shop, "601")).toEqual({ available: 110, pending: 0 });
  });
});
