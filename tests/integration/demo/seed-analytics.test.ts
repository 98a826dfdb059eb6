import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { seedDemoAnalytics } from "../../../app/demo/seed-analytics.server";
import { DEMO_SHOP } from "../../../app/demo/demo-mode.server";
import { getImpactFigures } from "../../../app/persistence/analytics-figures";
import { shopTimeZone } from "../../../app/persistence/shops";
import { formatDate, localDate, shopZone } from "../../../app/rules/local-calendar";

describe("demo analytics seed", () => {
  it("gives the Impact page a verdict, with 7020–7040 as members and 7041–7060 held out; seeding twice changes nothing", async () => {
    await seedDemoAnalytics();
    await seedDemoAnalytics();
    expect((await db.member.findUnique({ where: { shop_customerId: { shop: DEMO_SHOP, customerId: "7041" } } }))!.holdOut).toBe(true);
    expect((await db.member.findUnique({ where: { shop_customerId: { shop: DEMO_SHOP, customerId: "7020" } } }))!.holdOut).toBe(false);
    await db.analyticsDay.deleteMany({ where: { shop: DEMO_SHOP } });
    const figures = await getImpactFigures(sqlDb, DEMO_SHOP, async () => ({ rewardCostMinor: 0, redemptionRate: null, liabilityMinor: null }));
    expect(figures.comparison.enoughData).toBe(true);
    expect(figures.comparison.verdict).toBe("pays");
    expect(figures.cohorts.length).toBeGreaterThan(0);
    // Home's segment trend: the 60 shop-local days before today, each day's counts summing to the members with orders
    // (the hold-out left out). Only those days: other test files share the demo shop and may run the daily job, whose
    // rows for other days are not the seed's.
    const zone = shopZone(await shopTimeZone(sqlDb, DEMO_SHOP));
    const seededDays = Array.from({ length: 60 }, (_, i) => formatDate(localDate(new Date(Date.now() - (60 - i) * 86_400_000), zone)));
    const snapshots = await db.segmentSnapshot.findMany({ where: { shop: DEMO_SHOP, day: { in: seededDays } }, orderBy: { day: "asc" } });
    expect(snapshots.map((row) => row.day)).toEqual(seededDays);
    const enrolledWithOrders = await db.customerStats.count({ where: { shop: DEMO_SHOP, holdOut: false, orders: { gt: 0 } } });
    for (const row of snapshots) expect(row.vip + row.new + row.active + row.atRisk + row.lapsed).toBe(enrolledWithOrders);
  });
});
