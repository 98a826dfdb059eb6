import { describe, expect, it } from "vitest";
import db from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { action as impactAction, loader as impactLoader } from "../../../app/routes/app.impact";
import { installShop, uniqueShop } from "../../support/shopify-requests";
import { runRoute, staffRequest } from "../../support/admin-requests";

installAdminApiStandIn();

type ImpactData = Awaited<ReturnType<typeof impactLoader>>;
const THRESHOLDS = { newDays: "30", activeDays: "90", atRiskDays: "180", vipOrders: "5", vipSpend: "500.00" };
const DAY = 24 * 60 * 60 * 1000;

/** n customers' statistics: `repeat` of them with two orders; revenue per customer `dollars` (± $10 alternately). */
async function seedStats(shop: string, prefix: string, holdOut: boolean, n: number, repeat: number, dollars: number) {
  const now = Date.now();
  await db.customerStats.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      shop,
      customerId: `${prefix}${i}`,
      holdOut,
      orders: i < repeat ? 2 : 1,
      revenueMinor: BigInt((dollars + (i % 2 ? 10 : -10)) * 100),
      firstOrderAt: new Date(now - (40 + (i % 300)) * DAY),
      lastOrderAt: new Date(now - (i % 200) * DAY),
      updatedAt: new Date(now),
    })),
  });
}

describe("Impact", () => {
  it("says not enough data yet below the threshold, and a verdict with intervals above it", async () => {
    const shop = uniqueShop("impact");
    await installShop(shop);
    await seedStats(shop, "m", false, 150, 60, 100);
    await seedStats(shop, "h", true, 40, 8, 70);
    const early = await runRoute<ImpactData>(impactLoader, await staffRequest(shop, "/app/impact"));
    expect(early.status).toBe(200);
    expect(early.body.figures.comparison.verdict).toBe("not_enough_data");
    expect(early.body.figures.comparison.members).toMatchObject({ customers: 150, repeatRate: 0.4 });

    // the figures are kept for the hour: more customers show once they are recomputed
    await seedStats(shop, "h2-", true, 80, 16, 70);
    const cached = await runRoute<ImpactData>(impactLoader, await staffRequest(shop, "/app/impact"));
    expect(cached.body.figures.comparison.holdOut.customers).toBe(40);
    await db.analyticsDay.deleteMany({ where: { shop } });
    const later = await runRoute<ImpactData>(impactLoader, await staffRequest(shop, "/app/impact"));
    const c = later.body.figures.comparison;
    expect(c.holdOut).toMatchObject({ customers: 120, repeatRate: 0.2, revenuePerCustomerMinor: 7000 });
    expect(c.revenuePerCustomerDifference!.estimate).toBe(3000);
    expect(c.incrementalRevenueMinor!.estimate).toBe(450000);
    expect(c.verdict).toBe("pays");
    const segments = later.body.figures.segments;
    expect(Object.values(segments).reduce((a, b) => a + b, 0)).toBe(150); // members only, each in one segment
  });

  it("refuses a hold-out share outside 0–50 or bad thresholds and writes nothing; valid ones start the hold-out now", async () => {
    const shop = uniqueShop("impact-form");
    await installShop(shop);
    const bad = await runRoute(impactAction, await staffRequest(shop, "/app/impact", { method: "POST", form: { holdOutPercent: "75", ...THRESHOLDS } }));
    expect(bad.status).toBe(400);
    const badThresholds = await runRoute<{ issues: unknown[] }>(impactAction, await staffRequest(shop, "/app/impact", { method: "POST", form: { holdOutPercent: "10", ...THRESHOLDS, atRiskDays: "60", vipSpend: "1.234" } }));
    expect(badThresholds.status).toBe(400);
    expect(badThresholds.body.issues).toEqual([
      { field: "vipSpend", code: "out_of_range" },
      { field: "atRiskDays", code: "not_after_active" },
    ]);
    expect(await db.analyticsSettings.findUnique({ where: { shop } })).toBeNull();
    const good = await runRoute(impactAction, await staffRequest(shop, "/app/impact", { method: "POST", form: { holdOutPercent: "10", ...THRESHOLDS, vipOrders: "3" } }));
    expect(good.status).toBe(200);
    const saved = await db.analyticsSettings.findUnique({ where: { shop } });
    expect(saved).toMatchObject({ holdOutPercent: 10 });
    expect(JSON.parse(saved!.segments)).toEqual({ newDays: 30, activeDays: 90, atRiskDays: 180, vipOrders: 3, vipSpendMinor: 50000 });
    const page = await runRoute<ImpactData>(impactLoader, await staffRequest(shop, "/app/impact"));
    expect(page.body.figures.holdOut.percent).toBe(10);
    expect(Date.now() - Date.parse(page.body.figures.holdOut.since!)).toBeLessThan(60_000);
  });
});
