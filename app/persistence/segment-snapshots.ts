// Segments over time: a daily snapshot of each shop's segment counts for Home's trend, and the daily re-evaluation
// that marks members for the Shopify mirror whose segment moved. Segments depend on the time since a customer's last
// order, so they change with no event at all (an active customer becomes "at risk" on the 91st quiet day): the order
// path cannot mark those, this once-a-day statement does.
import { sql } from "kysely";
import type { SqlDb } from "../db.server";
import { instant, readBoolean } from "../db/dialect";
import { parseSegmentThresholds, SEGMENTS, type Segment, type SegmentThresholds } from "../rules/analytics-segments";
import { segmentCase } from "./segment-sql";

export type SegmentSnapshot = { day: string } & Record<Segment, number>;

/** Stores the day's counts unless the day has them already (another instance, an earlier run). True if written. */
export async function writeSegmentSnapshot(db: SqlDb, shop: string, day: string, counts: Record<Segment, number>, now: Date): Promise<boolean> {
  const written = await db
    .insertInto("SegmentSnapshot")
    .values({ shop, day, vip: counts.vip, new: counts.new, active: counts.active, atRisk: counts.at_risk, lapsed: counts.lapsed, createdAt: instant(now) })
    .onConflict((conflict) => conflict.columns(["shop", "day"]).doNothing())
    .returning("day")
    .executeTakeFirst();
  return written !== undefined;
}

export async function hasSegmentSnapshot(db: SqlDb, shop: string, day: string): Promise<boolean> {
  return (await db.selectFrom("SegmentSnapshot").select("day").where("shop", "=", shop).where("day", "=", day).executeTakeFirst()) !== undefined;
}

/** The shop's snapshots from `fromDay` (YYYY-MM-DD, inclusive), oldest first: one primary-key range read. */
export async function segmentSnapshots(db: SqlDb, shop: string, fromDay: string): Promise<SegmentSnapshot[]> {
  const rows = await db
    .selectFrom("SegmentSnapshot")
    .select(["day", "vip", "new", "active", "atRisk", "lapsed"])
    .where("shop", "=", shop)
    .where("day", ">=", fromDay)
    .orderBy("day")
    .execute();
  return rows.map((row) => ({ day: row.day, vip: row.vip, new: row.new, active: row.active, at_risk: row.atRisk, lapsed: row.lapsed }));
}

/**
 * Marks for the mirror every enrolled member whose segment today differs from the one Shopify holds
 * (Member.mirroredSegment): one UPDATE per shop, the segment computed by the same SQL as Home's counts from the
 * member's CustomerStats row (primary key). A member already due keeps their place in the queue. The hold-out is left
 * out (it gets no segment: the merchant must not be able to target it). Returns how many were marked.
 */
export async function markSegmentChanges(db: SqlDb, shop: string, thresholds: SegmentThresholds, now: Date): Promise<number> {
  const today = sql<Segment | null>`(SELECT ${segmentCase(thresholds, now)} FROM "CustomerStats"
    WHERE "CustomerStats"."shop" = "Member"."shop" AND "CustomerStats"."customerId" = "Member"."customerId" AND "CustomerStats"."orders" > 0)`;
  const result = await db
    .updateTable("Member")
    .set({ mirrorDueAt: sql`COALESCE("mirrorDueAt", ${instant(now)})` })
    .where("shop", "=", shop)
    .where("holdOut", "=", false)
    .where("redactedAt", "is", null)
    .where(sql<boolean>`COALESCE(${today}, '') <> COALESCE("mirroredSegment", '')`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function emptySegmentCounts(): Record<Segment, number> {
  return Object.fromEntries(SEGMENTS.map((segment) => [segment, 0])) as Record<Segment, number>;
}

/**
 * After the thresholds change (Impact page), the members whose segment moved are marked at once when the shop mirrors
 * into Shopify, rather than at the next day's run. Returns how many were marked (0 with the mirror off).
 */
export async function remirrorChangedSegments(db: SqlDb, shop: string, now = new Date()): Promise<number> {
  const row = await db.selectFrom("CustomerMirror").select("enabled").where("shop", "=", shop).executeTakeFirst();
  if (!row || !readBoolean(row.enabled)) return 0;
  const settings = await db.selectFrom("AnalyticsSettings").select("segments").where("shop", "=", shop).executeTakeFirst();
  return markSegmentChanges(db, shop, parseSegmentThresholds(settings?.segments ?? "{}"), now);
}
