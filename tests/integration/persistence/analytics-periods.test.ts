// The Impact page's members-vs-hold-out comparison per period (analytics-figures.ts periodComparisons): only the
// orders paid in the last 30/90/365 days count, by customer, split by the customer's hold-out flag.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { getImpactFigures, periodComparisons } from "../../../app/persistence/analytics-figures";
import { uniqueShop } from "../../support/shopify-requests";

const DAY = 24 * 60 * 60 * 1000;

describe("members vs hold-out per period", () => {
  it("counts each window's orders per customer, leaves out guests, cancelled and future orders, and keeps the hold-out apart", async () => {
    const shop = uniqueShop("periods");
    const now = new Date("2026-12-01T12:00:00Z");
    let n = 0;
    const order = (customerId: string | null, daysAgo: number, netSalesMinor: number, extra: { cancelledAt?: Date } = {}) =>
      db.orderRecord.create({
        data: { shop, orderId: String(++n), customerId, currency: "USD", earning: "{}", totalPoints: 0, netSalesMinor, paidAt: new Date(now.getTime() - daysAgo * DAY), releaseAt: now, ...extra },
      });
    const stats = (customerId: string, holdOut: boolean) => ({ shop, customerId, holdOut, orders: 1, revenueMinor: 0n, firstOrderAt: now, lastOrderAt: now, updatedAt: now });
    await db.customerStats.createMany({ data: [stats("a", false), stats("h", true)] });
    // a (member): 10, 60, 200 and 400 days ago. e (member, no statistics row yet): 20 days ago. h (hold-out): 5 and 100.
    await order("a", 10, 1000);
    await order("a", 60, 3000);
    await order("a", 200, 5000);
    await order("a", 400, 9000);
    await order("e", 20, 2000);
    await order("h", 5, 700);
    await order("h", 100, 1300);
    // Never counted: a guest, a cancelled order, an order after `now`.
    await order(null, 1, 99_000);
    await order("a", 2, 99_000, { cancelledAt: now });
    await order("h", -1, 99_000);

    const periods = await periodComparisons(sqlDb, shop, now);
    const figures = (period: "30" | "90" | "365") => {
      const c = periods[period];
      return { members: [c.members.customers, c.members.repeatRate, c.members.ordersPerCustomer, c.members.revenuePerCustomerMinor], holdOut: [c.holdOut.customers, c.holdOut.repeatRate, c.holdOut.ordersPerCustomer, c.holdOut.revenuePerCustomerMinor] };
    };
    // 30 days: a (1 order, 1000), e (1, 2000); h (1, 700).
    expect(figures("30")).toEqual({ members: [2, 0, 1, 1500], holdOut: [1, 0, 1, 700] });
    // 90 days: a (2 orders, 4000), e (1, 2000); h (1, 700).
    expect(figures("90")).toEqual({ members: [2, 0.5, 1.5, 3000], holdOut: [1, 0, 1, 700] });
    // 365 days: a (3 orders, 9000), e (1, 2000); h (2 orders, 2000).
    expect(figures("365")).toEqual({ members: [2, 0.5, 2, 5500], holdOut: [1, 1, 2, 2000] });
    // Too few customers for a verdict, and no rewards' cost in a period.
    expect(periods["365"].enoughData).toBe(false);
    expect(periods["365"].rewardCostMinor).toBe(0);

    // The page's figures carry them, computed with the rest.
    const page = await getImpactFigures(sqlDb, shop, async () => ({ rewardCostMinor: 0, redemptionRate: null, liabilityMinor: null }), now);
    expect(page.periods).toEqual(periods);
  });
});
