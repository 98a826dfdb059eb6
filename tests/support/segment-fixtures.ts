// CustomerStats rows around every segment threshold (default thresholds): 1, 2 and 5 orders; $40 and $500 spent;
// last order 0–400 days ago; first order on the same day or 45 days earlier. Shared by the segment counts test and
// the Customers segment filter test, so both check the SQL against segmentOf on the same edges.
import { DEFAULT_SEGMENT_THRESHOLDS, segmentOf, type Segment } from "../../app/rules/analytics-segments";

const DAY = 24 * 60 * 60 * 1000;

export const SEGMENT_FIXTURE_NOW = new Date("2026-12-01T12:00:00Z");

export function segmentFixtureRows(shop: string, now = SEGMENT_FIXTURE_NOW) {
  const rows = [];
  let i = 0;
  for (const orders of [1, 2, 5]) {
    for (const dollars of [40, 500]) {
      for (const lastDays of [0, 29, 31, 90, 91, 179, 181, 400]) {
        for (const extraFirst of [0, 45]) {
          rows.push({
            shop,
            customerId: String(i++),
            holdOut: false,
            orders,
            revenueMinor: BigInt(dollars * 100),
            firstOrderAt: new Date(now.getTime() - (lastDays + extraFirst) * DAY - 1000),
            lastOrderAt: new Date(now.getTime() - lastDays * DAY - 1000),
            updatedAt: now,
          });
        }
      }
    }
  }
  return rows;
}

/** The pure rule's segment of a fixture row. */
export function fixtureSegment(row: ReturnType<typeof segmentFixtureRows>[number], now = SEGMENT_FIXTURE_NOW): Segment {
  return segmentOf({ ...row, revenueMinor: Number(row.revenueMinor) }, DEFAULT_SEGMENT_THRESHOLDS, now)!;
}
