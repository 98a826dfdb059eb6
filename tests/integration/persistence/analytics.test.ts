// Analytics through the real webhook and proxy routes (signed requests in): per-customer statistics kept by the order
// path, the hold-out group assigned at random and stably, and held-out customers earning nothing on any surface.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { saveAnalyticsSettings } from "../../../app/persistence/analytics-settings";
import { customerStats, groupTotals } from "../../../app/persistence/customer-stats";
import { creditAction } from "../../../app/persistence/action-credits";
import { DEFAULT_SEGMENT_THRESHOLDS } from "../../../app/rules/analytics-segments";
import { holdOutPosition } from "../../../app/rules/hold-out";
import { installedShop, signedProxyRequest } from "../../support/shopify-requests";
import { loader as meLoader } from "../../../app/routes/proxy.me";
import { deliverOk } from "../../support/webhook-delivery";
import { customerPayload, orderCancelledPayload, orderPaidPayload, refundPayload, type TestOrder } from "../../support/shopify-payloads";
import { expectCachedBalancesMatchLedger } from "../../support/ledger-invariants";

const order = (orderId: string, customerId: string, dollars: number): TestOrder => ({ orderId, customerId, lines: [{ id: `${orderId}1`, quantity: 2, unitPrice: dollars * 50 }] });

/** Customer ids whose hash puts them inside (or outside) a 50% hold-out for this shop. */
function customersFor(shop: string, held: boolean, count: number, from = 900): string[] {
  const found: string[] = [];
  for (let id = from; found.length < count; id++) if (holdOutPosition(shop, String(id)) < 0.5 === held) found.push(String(id));
  return found;
}

async function member(shop: string, customerId: string) {
  return db.member.findUnique({ where: { shop_customerId: { shop, customerId } } });
}

describe("customer statistics from the order path", () => {
  it("GIVEN orders, a refund and a cancellation THEN each customer's orders and net revenue follow, and duplicates change nothing", async () => {
    const shop = await installedShop("analytics");
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("8101", "71", 100)), "a-1");
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("8102", "71", 60)), "a-2");
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("8102", "71", 60)), "a-2b"); // a second delivery
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("8103", "72", 40)), "a-3");
    await deliverOk(shop, "orders/paid", orderPaidPayload({ orderId: "8104", customerId: null, lines: [{ id: "81041", quantity: 1, unitPrice: 999 }] }), "a-4");
    expect(await customerStats(sqlDb, shop, "71")).toEqual({ holdOut: false, orders: 2, revenueMinor: 16000 });
    expect((await groupTotals(sqlDb, shop)).members).toEqual({ customers: 2, repeatCustomers: 1, orders: 3, revenueMinor: 20000, revenueSquares: 16000 ** 2 + 4000 ** 2, orderSquares: 5 });

    // One of the two units of 8101 refunded: $50 less; 8103 cancelled: one order and its $40 less.
    await deliverOk(shop, "refunds/create", refundPayload({ refundId: "9101", orderId: "8101", lines: [{ lineItemId: "81011", quantity: 1 }] }), "a-5");
    await deliverOk(shop, "refunds/create", refundPayload({ refundId: "9101", orderId: "8101", lines: [{ lineItemId: "81011", quantity: 1 }] }), "a-5b");
    await deliverOk(shop, "orders/cancelled", orderCancelledPayload(order("8103", "72", 40)), "a-6");
    expect(await customerStats(sqlDb, shop, "71")).toEqual({ holdOut: false, orders: 2, revenueMinor: 11000 });
    expect(await customerStats(sqlDb, shop, "72")).toEqual({ holdOut: false, orders: 0, revenueMinor: 0 });
    expect((await groupTotals(sqlDb, shop)).members).toMatchObject({ customers: 1, repeatCustomers: 1, orders: 2, revenueMinor: 11000 });
  });
});

describe("hold-out group", () => {
  it("GIVEN a 50% hold-out THEN held-out new customers are recorded in the hold-out figures, earn nothing anywhere and see nothing of the program", async () => {
    const shop = await installedShop("holdout");
    // A member from before the hold-out was turned on stays in the program whatever their hash says.
    const [earlyHeld] = customersFor(shop, true, 1, 500);
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("8200", earlyHeld!, 10)), "h-0");
    await saveAnalyticsSettings(sqlDb, shop, { holdOutPercent: 50, segments: DEFAULT_SEGMENT_THRESHOLDS });
    await db.programSettings.upsert({ where: { shop }, create: { shop, signupBonus: 50 }, update: { signupBonus: 50 } });
    await db.earningAction.create({ data: { shop, key: "newsletter", kind: "newsletter", enabled: true, points: 20, limitType: "once" } });

    const [held, heldViaSignup] = customersFor(shop, true, 2);
    const [enrolled] = customersFor(shop, false, 1);
    await deliverOk(shop, "customers/create", customerPayload(heldViaSignup!), "h-1");
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("8201", held!, 100)), "h-2");
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("8202", held!, 30)), "h-3");
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("8203", heldViaSignup!, 20)), "h-4");
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("8204", enrolled!, 50)), "h-5");
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("8205", earlyHeld!, 10)), "h-6");

    // THEN the hold-out's figures move, the members' do not include them
    const totals = await groupTotals(sqlDb, shop);
    expect(totals.holdOut).toMatchObject({ customers: 2, repeatCustomers: 1, orders: 3, revenueMinor: 15000 });
    expect(totals.members).toMatchObject({ customers: 2, repeatCustomers: 1, orders: 3, revenueMinor: 7000 });
    // staff see them (a member row flagged as held out), with no points and no ledger entries at all
    for (const customerId of [held!, heldViaSignup!]) {
      const row = (await member(shop, customerId))!;
      expect(row.holdOut).toBe(true);
      expect([Number(row.availablePoints), Number(row.pendingPoints)]).toEqual([0, 0]);
      expect(await db.ledgerEntry.count({ where: { shop, memberId: row.id } })).toBe(0);
    }
    expect((await member(shop, enrolled!))!.holdOut).toBe(false);
    expect(Number((await member(shop, enrolled!))!.pendingPoints)).toBeGreaterThan(0);
    expect((await member(shop, earlyHeld!))!.holdOut).toBe(false);
    // orders are recorded with the customer but credit no member
    expect(await db.orderRecord.findUnique({ where: { shop_orderId: { shop, orderId: "8201" } } })).toMatchObject({ customerId: held, memberId: null });

    // an action through the API earns nothing either
    expect(await creditAction(sqlDb, { shop, customerId: held!, actionKey: "newsletter" })).toEqual({ status: "held_out" });
    const fresh = customersFor(shop, true, 1, 5000)[0]!;
    expect(await creditAction(sqlDb, { shop, customerId: fresh, actionKey: "newsletter" })).toEqual({ status: "held_out" });
    expect((await member(shop, fresh))!.holdOut).toBe(true);

    // the storefront shows a neutral answer, not points
    const response = await meLoader({ request: await signedProxyRequest(shop, "/proxy/me", { customerId: held! }), params: {}, context: {} });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "not_enrolled" } });
    const memberResponse = await meLoader({ request: await signedProxyRequest(shop, "/proxy/me", { customerId: enrolled! }), params: {}, context: {} });
    expect(memberResponse.status).toBe(200);

    // a refund moves the hold-out's figures back
    await deliverOk(shop, "refunds/create", refundPayload({ refundId: "9201", orderId: "8201", lines: [{ lineItemId: "82011", quantity: 2 }] }), "h-7");
    expect((await groupTotals(sqlDb, shop)).holdOut).toMatchObject({ orders: 3, revenueMinor: 5000 });

    // stable: turning the hold-out off and on again, or a later order, never moves anyone between groups
    await saveAnalyticsSettings(sqlDb, shop, { holdOutPercent: 0, segments: DEFAULT_SEGMENT_THRESHOLDS });
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("8206", held!, 10)), "h-8");
    expect(await customerStats(sqlDb, shop, held!)).toMatchObject({ holdOut: true, orders: 3 });
    expect(await db.ledgerEntry.count({ where: { shop, memberId: (await member(shop, held!))!.id } })).toBe(0);
    await expectCachedBalancesMatchLedger(shop);
  });

  it("assignment is a function of shop and customer: the same answer every time, about the configured share overall", () => {
    const shop = "stable-shop.myshopify.com";
    expect(holdOutPosition(shop, "123")).toBe(holdOutPosition(shop, "123"));
    const ids = Array.from({ length: 4000 }, (_, i) => String(10_000 + i));
    const share = ids.filter((id) => holdOutPosition(shop, id) < 0.1).length / ids.length;
    expect(share).toBeGreaterThan(0.08);
    expect(share).toBeLessThan(0.12);
  });
});
