// History before install: past orders imported through a Shopify bulk operation run by the Admin API stand-in over
// its own orders (bulkOperationRunQuery → status polled by id → JSONL downloaded), as tier progress and order
// statistics only — no points — then every member re-evaluated. Re-running never counts an order twice; orders
// after the import's moment, unpaid or cancelled ones are left out; without read_all_orders it reaches back 60 days.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { recordShopSeen } from "../../../app/persistence/shops";
import { saveTierProgram } from "../../../app/persistence/tier-program";
import { runTierJob } from "../../../app/persistence/tier-reevaluation";
import { loadHistoryImport, startHistoryImport } from "../../../app/persistence/order-history-import";
import { validateTierForm, type TierFormTier } from "../../../app/rules/tiers";
import { historicOrder } from "../../../app/rules/order-history";
import { runOrderHistoryImport, type BulkAccess } from "../../../app/jobs/order-history-job";
import { tierJobsIdle } from "../../../app/jobs/tier-jobs.server";
import { bulkOrdersClientForShop, orderHistoryQuery } from "../../../app/shopify/bulk-orders.server";
import { validateAdminOperation } from "../../../app/demo/admin-api";
import { installedShop } from "../../support/shopify-requests";

const standIn = installAdminApiStandIn();
const DAY = 86_400_000;
const access: BulkAccess = (shop) => bulkOrdersClientForShop(shop, { baseDelayMs: 1 });
const withoutAllOrders: BulkAccess = async (shop) => {
  const granted = await access(shop);
  return granted && { ...granted, scopes: granted.scopes.filter((scope) => scope !== "read_all_orders") };
};

const formTier = (position: number, en: string, threshold: string): TierFormTier => ({
  id: "",
  position: String(position),
  names: { en },
  threshold,
  multiplier: "1",
  entryReward: "0",
  freeShipping: false,
  birthdayMultiplier: "1",
});

async function shopWithHistory() {
  const shop = await installedShop("history");
  await recordShopSeen(sqlDb, shop, "USD", new Date(), "America/New_York");
  standIn.seedShop(shop, { name: "Tea House", currencyCode: "USD" });
  const form = validateTierForm({ measure: "money_spent", period: "lifetime", graceDays: "0", tiers: [formTier(1, "Silver", "100"), formTier(2, "Gold", "500")] }, "USD");
  if (!form.ok) throw new Error(JSON.stringify(form.issues));
  await runTierJob(sqlDb, shop, await saveTierProgram(sqlDb, shop, form.rules, "staff-1"));
  for (const id of ["8201", "8202", "8203"]) standIn.seedCustomer(shop, { id });
  const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
  const order = (id: string, customerId: string | null, subtotal: string, days: number, extra: Record<string, unknown> = {}) =>
    standIn.seedOrder(shop, { id, customerId, subtotalPrice: subtotal, createdAt: ago(days), processedAt: ago(days), ...extra });
  // 8201: $450 two years ago + $100 last month (Gold over a lifetime); $80 refunded of the old one.
  order("5001", "8201", "450.00", 700, { totalRefunded: "80.00", financialStatus: "PARTIALLY_REFUNDED" });
  order("5002", "8201", "230.00", 30);
  // 8202: $120 ten days ago (Silver); a cancelled and an unpaid order that do not count.
  order("5003", "8202", "120.00", 10);
  order("5004", "8202", "900.00", 9, { cancelledAt: ago(8) });
  order("5005", "8202", "900.00", 7, { financialStatus: "PENDING" });
  // A guest order and one placed after the import was asked for.
  order("5006", null, "300.00", 5);
  return { shop, order };
}

async function tierNames(shop: string) {
  const tiers = await db.tier.findMany({ where: { shop } });
  const members = await db.member.findMany({ where: { shop }, include: { tier: true } });
  return Object.fromEntries(
    members.map((member) => [member.customerId, (JSON.parse(tiers.find((tier) => tier.id === member.tier?.tierId)?.names ?? '{"en":null}') as { en: string | null }).en]),
  );
}

describe("order history import", () => {
  it("the bulk query the app sends is a valid 2026-10 Admin query", () => {
    expect(validateAdminOperation(orderHistoryQuery(new Date(), new Date(Date.now() - 60 * DAY)))).toEqual([]);
  });

  it("imports paid orders as tier progress without points, moves members up, and a second run counts nothing twice", async () => {
    const { shop, order } = await shopWithHistory();
    const { id } = await startHistoryImport(sqlDb, shop, "staff-1", new Date());
    order("5007", "8203", "999.00", -1); // created after the import's moment: orders/paid's business
    expect(await runOrderHistoryImport(sqlDb, shop, id, access, { pollMs: 1 })).toBe("done");
    await tierJobsIdle();
    const done = (await loadHistoryImport(sqlDb, shop, id))!;
    expect(done).toMatchObject({ status: "done", ordersSeen: 3, ordersImported: 3, lastError: null });
    // The operation was polled by id until it completed, and its file downloaded.
    const calls = standIn.requests.filter((request) => request.shop === shop).map((request) => request.operationName);
    expect(calls.filter((name) => name === "OrderHistoryBulkRun")).toHaveLength(1);
    expect(calls.filter((name) => name === "OrderHistoryBulkStatus").length).toBeGreaterThanOrEqual(2);

    const records = await db.orderRecord.findMany({ where: { shop }, orderBy: { orderId: "asc" } });
    expect(records.map((r) => [r.orderId, r.customerId, Number(r.netSalesMinor), Number(r.totalPoints), r.releasedAt?.getTime() === r.paidAt.getTime()])).toEqual([
      ["5001", "8201", 37000, 0, true],
      ["5002", "8201", 23000, 0, true],
      ["5003", "8202", 12000, 0, true],
    ]);
    const members = await db.member.findMany({ where: { shop } });
    expect(members.map((m) => [m.customerId, Number(m.availablePoints), Number(m.pendingPoints)]).sort()).toEqual([
      ["8201", 0, 0],
      ["8202", 0, 0],
    ]);
    expect(await db.ledgerEntry.count({ where: { shop } })).toBe(0);
    expect(await tierNames(shop)).toEqual({ "8201": "Gold", "8202": "Silver" });

    // Again: a new bulk operation, the same orders, nothing new.
    const again = await startHistoryImport(sqlDb, shop, "staff-1", new Date());
    expect(await runOrderHistoryImport(sqlDb, shop, again.id, access, { pollMs: 1 })).toBe("done");
    expect(await loadHistoryImport(sqlDb, shop, again.id)).toMatchObject({ ordersSeen: 3, ordersImported: 0 });
    expect(await db.orderRecord.count({ where: { shop } })).toBe(3);
  });

  it("GIVEN no read_all_orders THEN it reaches back 60 days only", async () => {
    const { shop } = await shopWithHistory();
    const { id } = await startHistoryImport(sqlDb, shop, "staff-1", new Date());
    expect(await runOrderHistoryImport(sqlDb, shop, id, withoutAllOrders, { pollMs: 1 })).toBe("done");
    expect((await db.orderRecord.findMany({ where: { shop } })).map((r) => r.orderId).sort()).toEqual(["5002", "5003"]);
  });

  it("GIVEN Shopify refuses to start THEN the import stays queued with the reason, and a later run finishes it", async () => {
    const { shop } = await shopWithHistory();
    const { id } = await startHistoryImport(sqlDb, shop, "staff-1", new Date());
    standIn.injectFault({ kind: "http5xx", status: 503 }, { operationName: "OrderHistoryBulkRun" });
    expect(await runOrderHistoryImport(sqlDb, shop, id, access, { pollMs: 1 })).toBe("queued");
    expect((await loadHistoryImport(sqlDb, shop, id))!.lastError).toMatch(/OrderHistoryBulkRun/);
    expect(await runOrderHistoryImport(sqlDb, shop, id, access, { pollMs: 1 })).toBe("done");
    expect(await db.orderRecord.count({ where: { shop } })).toBe(3);
  });
});

describe("a bulk JSONL line", () => {
  it("is an order the import counts only when paid, not cancelled and a customer's", () => {
    const line = (extra: Record<string, unknown>) =>
      JSON.stringify({
        id: "gid://shopify/Order/1",
        processedAt: "2025-01-01T00:00:00Z",
        cancelledAt: null,
        displayFinancialStatus: "PAID",
        customer: { id: "gid://shopify/Customer/2" },
        subtotalPriceSet: { shopMoney: { amount: "10.50", currencyCode: "USD" } },
        totalRefundedSet: { shopMoney: { amount: "0.50", currencyCode: "USD" } },
        ...extra,
      });
    expect(historicOrder(line({}))).toEqual({ orderId: "1", customerId: "2", paidAt: new Date("2025-01-01T00:00:00Z"), currency: "USD", netSalesMinor: 1000 });
    expect(historicOrder(line({ customer: null }))).toBeNull();
    expect(historicOrder(line({ cancelledAt: "2025-01-02T00:00:00Z" }))).toBeNull();
    expect(historicOrder(line({ displayFinancialStatus: "PENDING" }))).toBeNull();
    expect(historicOrder(line({ id: "gid://shopify/LineItem/1", __parentId: "gid://shopify/Order/1" }))).toBeNull();
    expect(historicOrder("not json")).toBeNull();
  });
});
