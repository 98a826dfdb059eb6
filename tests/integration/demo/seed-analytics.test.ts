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
    // Home's segment trend: a row for each of the 60 shop-local days before today. Only those days are read: other
    // test files share the demo shop (with customers of their own) and may run the daily job for every shop, so
    // exact counts here would be theirs as much as the seed's.
    const zone = shopZone(await shopTimeZone(sqlDb, DEMO_SHOP));
    const seededDays = Array.from({ length: 60 }, (_, i) => formatDate(localDate(new Date(Date.now() - (60 - i) * 86_400_000), zone)));
    const snapshots = await db.segmentSnapshot.findMany({ where: { shop: DEMO_SHOP, day: { in: seededDays } }, orderBy: { day: "asc" } });
    expect(snapshots.map((row) => row.day)).toEqual(seededDays);
    // The chart moves: the seeded customers' orders put them in different segments on different days.
    const sums = snapshots.map((row) => `${row.vip}/${row.new}/${row.active}/${row.atRisk}/${row.lapsed}`);
    expect(new Set(sums).size).toBeGreaterThan(1);
  });
});
