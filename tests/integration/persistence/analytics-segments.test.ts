// The segment counts in SQL (analytics-figures.ts segmentCase) agree with the pure rule (segmentOf) on every row.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { segmentCounts } from "../../../app/persistence/analytics-figures";
import { DEFAULT_SEGMENT_THRESHOLDS, SEGMENTS, segmentOf } from "../../../app/rules/analytics-segments";
import { uniqueShop } from "../../support/shopify-requests";

const DAY = 24 * 60 * 60 * 1000;

describe("segment counts", () => {
  it("match segmentOf for customers around every threshold, and leave the hold-out out", async () => {
    const shop = uniqueShop("segments");
    const now = new Date("2026-12-01T12:00:00Z");
    const rows = [];
    let i = 0;
    for (const orders of [1, 2, 5]) {
      for (const dollars of [40, 500]) {
        for (const lastDays of [0, 29, 31, 90, 91, 179, 181, 400]) {
          for (const extraFirst of [0, 45]) {
            rows.push({ shop, customerId: String(i++), holdOut: false, orders, revenueMinor: BigInt(dollars * 100), firstOrderAt: new Date(now.getTime() - (lastDays + extraFirst) * DAY - 1000), lastOrderAt: new Date(now.getTime() - lastDays * DAY - 1000), updatedAt: now });
          }
        }
      }
    }
    await db.customerStats.createMany({ data: [...rows, { ...rows[0]!, customerId: "held", holdOut: true }] });
    const expected = Object.fromEntries(SEGMENTS.map((s) => [s, 0]));
    for (const row of rows) expected[segmentOf({ ...row, revenueMinor: Number(row.revenueMinor) }, DEFAULT_SEGMENT_THRESHOLDS, now)!]! += 1;
    expect(await segmentCounts(sqlDb, shop, DEFAULT_SEGMENT_THRESHOLDS, now)).toEqual(expected);
  });
});
