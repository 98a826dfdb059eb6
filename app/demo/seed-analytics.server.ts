// Demo data for the Impact page (demo customer ids 7020–7060 are this module's): a 10% hold-out started 200 days ago,
// members 7020–7040 and held-out customers 7041–7060 with past orders recorded through the order history (their
// statistics and cohorts come from real order records), plus aggregate-only statistics rows for further customers
// ("demo-analytics-…", no member row, no orders, no personal data) so both groups pass the verdict's threshold of
// 100 customers and the page shows a verdict. The demo picks the hold-out explicitly; real shops assign by hash.
import db, { sqlDb } from "../db.server";
import { instant } from "../db/dialect";
import { saveAnalyticsSettings } from "../persistence/analytics-settings";
import { addPaidOrder } from "../persistence/customer-stats";
import { ensureMember } from "../persistence/ledger";
import { recordHistoricalOrder } from "../persistence/order-history";
import { createTierJob, runTierJob } from "../persistence/tier-reevaluation";
import { DEFAULT_SEGMENT_THRESHOLDS } from "../rules/analytics-segments";
import { segmentCounts } from "../persistence/analytics-figures";
import { writeSegmentSnapshot } from "../persistence/segment-snapshots";
import { shopTimeZone } from "../persistence/shops";
import { formatDate, localDate, shopZone } from "../rules/local-calendar";
import { DEMO_SHOP } from "./demo-mode.server";
import { DEMO_ANALYTICS_CUSTOMERS } from "./demo-data";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A small deterministic generator, so every demo database holds the same figures. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

export async function seedDemoAnalytics(now = new Date()) {
  if (await db.analyticsSettings.findUnique({ where: { shop: DEMO_SHOP } })) return;
  await saveAnalyticsSettings(sqlDb, DEMO_SHOP, { holdOutPercent: 10, segments: DEFAULT_SEGMENT_THRESHOLDS }, new Date(now.getTime() - 200 * DAY_MS));
  const random = generator(7020);

  for (const { id, firstName, lastName, email } of DEMO_ANALYTICS_CUSTOMERS) {
    const holdOut = id > 7040;
    const customerId = String(id);
    await ensureMember(sqlDb, DEMO_SHOP, customerId, { firstName, lastName, email }, new Date(now.getTime() - 190 * DAY_MS), holdOut);
    const orders = 1 + Math.floor(random() * (holdOut ? 2 : 4));
    for (let n = 0; n < orders; n++) {
      const paidAt = new Date(now.getTime() - Math.floor(random() * 180 + 1) * DAY_MS);
      const netSalesMinor = Math.round((holdOut ? 5000 : 7000) + random() * 6000);
      const orderId = `${id}${String(n).padStart(2, "0")}`;
      const recorded = await recordHistoricalOrder(sqlDb, DEMO_SHOP, { orderId, customerId, currency: "USD", netSalesMinor, paidAt, cancelled: false }, now);
      if (recorded) await addPaidOrder(sqlDb, DEMO_SHOP, customerId, holdOut, netSalesMinor, instant(paidAt), instant(now));
    }
  }

  // Statistics-only customers: members repeat more and spend more than the hold-out, as a working program would show.
  const rows = [];
  for (const [group, count, repeatShare, mean] of [["m", 220, 0.45, 9500], ["h", 120, 0.25, 7000]] as const) {
    for (let i = 0; i < count; i++) {
      const orders = random() < repeatShare ? 2 + Math.floor(random() * 3) : 1;
      const lastOrderAt = new Date(now.getTime() - Math.floor(random() * 240) * DAY_MS);
      rows.push({
        shop: DEMO_SHOP,
        customerId: `demo-analytics-${group}-${i}`,
        holdOut: group === "h",
        orders,
        revenueMinor: BigInt(Math.round(orders * (mean / 1.4) * (0.6 + random() * 0.8))),
        firstOrderAt: new Date(lastOrderAt.getTime() - (orders > 1 ? Math.floor(random() * 120) : 0) * DAY_MS),
        lastOrderAt,
        updatedAt: now,
      });
    }
  }
  await db.customerStats.createMany({ data: rows });
  // The members' past orders count as tier progress, as an order history import's do: the re-evaluation gives them
  // the tiers their history earns (the hold-out has none).
  await runTierJob(sqlDb, DEMO_SHOP, await createTierJob(sqlDb, DEMO_SHOP, "demo", now), { now: () => now });

  // Home's segment trend: snapshots for the last 60 days as the daily job would have stored them. The demo has no
  // past statistics, so each day's counts are today's statistics seen from that day (orders after it included): a
  // stand-in for history, enough to see the chart move; today's row is left to the real job.
  const zone = shopZone(await shopTimeZone(sqlDb, DEMO_SHOP));
  for (let daysAgo = 60; daysAgo >= 1; daysAgo--) {
    const at = new Date(now.getTime() - daysAgo * DAY_MS);
    await writeSegmentSnapshot(sqlDb, DEMO_SHOP, formatDate(localDate(at, zone)), await segmentCounts(sqlDb, DEMO_SHOP, DEFAULT_SEGMENT_THRESHOLDS, at), now);
  }
}
