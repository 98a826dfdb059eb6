// The segment counts in SQL (segment-sql.ts segmentCase) agree with the pure rule (segmentOf) on every row.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { segmentCounts } from "../../../app/persistence/analytics-figures";
import { DEFAULT_SEGMENT_THRESHOLDS, SEGMENTS } from "../../../app/rules/analytics-segments";
import { uniqueShop } from "../../support/shopify-requests";
import { fixtureSegment, SEGMENT_FIXTURE_NOW, segmentFixtureRows } from "../../support/segment-fixtures";

describe("segment counts", () => {
  it("match segmentOf for customers around every threshold, and leave the hold-out out", async () => {
    const shop = uniqueShop("segments");
    const now = SEGMENT_FIXTURE_NOW;
    const rows = segmentFixtureRows(shop, now);
    await db.customerStats.createMany({ data: [...rows, { ...rows[0]!, customerId: "held", holdOut: true }] });
    const expected = Object.fromEntries(SEGMENTS.map((s) => [s, 0]));
    for (const row of rows) expected[fixtureSegment(row, now)]! += 1;
    expect(await segmentCounts(sqlDb, shop, DEFAULT_SEGMENT_THRESHOLDS, now)).toEqual(expected);
  });
});
