// Amounts of points beyond 2^31 (which 32-bit columns cannot hold) are kept exactly, and amounts beyond the limits
// of app/rules/points-limits.ts are refused where they come in, with nothing written.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { action as detailAction, type AdjustActionResult } from "../../../app/routes/app.customers.$id/route";
import { saveProgramSettings } from "../../../app/persistence/program-settings";
import { DEFAULT_PROGRAM_SETTINGS } from "../../../app/rules/program-settings";
import { MAX_BALANCE_POINTS, MAX_ORDER_POINTS, MAX_POINTS_PER_UNIT } from "../../../app/rules/points-limits";
import { installedShop } from "../../support/shopify-requests";
import { deliver, deliverOk } from "../../support/webhook-delivery";
import { orderPaidPayload, refundPayload } from "../../support/shopify-payloads";
import { expectCachedBalancesMatchLedger, memberBalances } from "../../support/ledger-invariants";
import { runRoute, seedMember, staffRequest } from "../../support/admin-requests";

installAdminApiStandIn();

async function shopAtTheHighestRate() {
  const shop = await installedShop("limits");
  await saveProgramSettings(sqlDb, shop, { ...DEFAULT_PROGRAM_SETTINGS, pointsPerUnit: MAX_POINTS_PER_UNIT });
  return shop;
}

async function nothingStored(shop: string) {
  expect(await db.webhookDelivery.count({ where: { shop } })).toBe(0);
  expect(await db.member.count({ where: { shop } })).toBe(0);
  expect(await db.orderRecord.count({ where: { shop } })).toBe(0);
}

describe("points beyond 2^31", () => {
  it("GIVEN an order whose points exceed 2^31 at 10,000 points per dollar THEN it is applied exactly, and a refund takes back exactly its share", async () => {
    const shop = await shopAtTheHighestRate();
    // 3 × $100,000.01 = $300,000.03 → floor(30,000,003 cents × 10,000 / 100) = 3,000,000,300 points (> 2^31).
    const order = { orderId: "9101", customerId: "9001", lines: [{ id: "91011", quantity: 3, unitPrice: 10_000_001 }] };
    await deliverOk(shop, "orders/paid", orderPaidPayload(order));
    expect(await memberBalances(shop, "9001")).toEqual({ available: 0, pending: 3_000_000_300 });
    const record = await db.orderRecord.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: "9101" } } });
    expect(record.totalPoints).toBe(3_000_000_300n);
    expect(record.netSalesMinor).toBe(30_000_003n);

    // A second such order: the balance passes 2^32.
    await deliverOk(shop, "orders/paid", orderPaidPayload({ ...order, orderId: "9102", lines: [{ id: "91021", quantity: 3, unitPrice: 10_000_001 }] }));
    expect(await memberBalances(shop, "9001")).toEqual({ available: 0, pending: 6_000_000_600 });

    // One of the three units refunded: floor(3,000,000,300 × 1 / 3) = 1,000,000,100.
    await deliverOk(shop, "refunds/create", refundPayload({ refundId: "9201", orderId: "9101", lines: [{ lineItemId: "91011", quantity: 1 }] }));
    expect(await memberBalances(shop, "9001")).toEqual({ available: 0, pending: 5_000_000_500 });
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN an order that could earn more than the most one order may earn THEN 400 naming the limit, and nothing is stored", async () => {
    const shop = await shopAtTheHighestRate();
    // $1,000,000,000.01 at 10,000 points per dollar: 10,000,000,000,100 points, just over MAX_ORDER_POINTS.
    const response = await deliver(shop, "orders/paid", orderPaidPayload({ orderId: "9301", customerId: "9002", lines: [{ id: "93011", quantity: 1, unitPrice: 100_000_000_001 }] }));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(String(MAX_ORDER_POINTS));
    await nothingStored(shop);
  });

  it("GIVEN a line whose price × quantity is beyond 2^53 THEN 400, and nothing is stored", async () => {
    const shop = await shopAtTheHighestRate();
    const response = await deliver(shop, "orders/paid", orderPaidPayload({ orderId: "9401", customerId: "9003", lines: [{ id: "94011", quantity: 2 ** 40, unitPrice: 2 ** 20 }] }));
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/price × quantity/);
    await nothingStored(shop);
  });

  it("GIVEN a balance close to the most a balance may hold WHEN staff add points beyond it THEN 400 on the points field and nothing written", async () => {
    const shop = await installedShop("limits");
    await seedMember(shop, "9004", { email: "big@example.com" }, MAX_BALANCE_POINTS - 50);
    const form = (points: string) => ({ points, reason: "Goodwill", requestKey: crypto.randomUUID(), confirmOverdraw: "false" });
    const request = async (points: string) =>
      runRoute<AdjustActionResult>(detailAction, await staffRequest(shop, "/app/customers/9004", { sub: "777", form: form(points) }), { id: "9004" });

    const refused = await request("100");
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ ok: false, issues: [{ field: "points", code: "balance_too_large" }] });
    expect(await db.pointsAdjustment.count({ where: { shop } })).toBe(0);
    expect(await memberBalances(shop, "9004")).toEqual({ available: MAX_BALANCE_POINTS - 50, pending: 0 });

    const accepted = await request("50");
    expect(accepted.body).toMatchObject({ ok: true, availablePoints: MAX_BALANCE_POINTS });
    expect(await memberBalances(shop, "9004")).toEqual({ available: MAX_BALANCE_POINTS, pending: 0 });
    await expectCachedBalancesMatchLedger(shop);
  });
});
