// The segment rule (app/rules/analytics-segments.ts) as SQL over CustomerStats' columns, for Home's counts
// (analytics-figures.ts) and the Customers list's filter (member-directory.ts). Its own small module because the
// directory is also loaded by the admin pages in the browser (its sort names), which must not pull in the analytics
// persistence.
import { sql } from "kysely";
import { instant } from "../db/dialect";
import { segmentBounds, type Segment, type SegmentThresholds } from "../rules/analytics-segments";

/**
 * Each customer's segment as SQL over CustomerStats' columns: the same cascade as segmentOf (app/rules/analytics-segments.ts),
 * VIP first, then new, active, at risk, lapsed. For rows with at least one order.
 */
export function segmentCase(thresholds: SegmentThresholds, now: Date) {
  const b = segmentBounds(thresholds, now);
  return sql<Segment>`CASE
    WHEN ("orders" >= ${b.vipOrders} OR "revenueMinor" >= ${b.vipSpendMinor}) AND "lastOrderAt" >= ${instant(b.atRiskSince)} THEN 'vip'
    WHEN "orders" = 1 AND "firstOrderAt" >= ${instant(b.newSince)} THEN 'new'
    WHEN "lastOrderAt" >= ${instant(b.activeSince)} THEN 'active'
    WHEN "lastOrderAt" >= ${instant(b.atRiskSince)} THEN 'at_risk'
    ELSE 'lapsed' END`;
}
