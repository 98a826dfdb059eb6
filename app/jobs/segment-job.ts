// The daily segment job: for every installed shop, once per shop-local day, the day's segment counts are stored
// (SegmentSnapshot, Home's trend) and, when the shop mirrors into Shopify, members whose segment moved with time
// alone are marked for the mirror (app/persistence/segment-snapshots.ts). Runs hourly on every instance: the day's
// snapshot row is the once-per-day guard, and both writes are idempotent, so two instances at once only repeat work.
import type { SqlDb } from "../db.server";
import { localDate, formatDate, shopZone } from "../rules/local-calendar";
import { getAnalyticsSettings } from "../persistence/analytics-settings";
import { segmentCounts } from "../persistence/analytics-figures";
import { mirrorSettings } from "../persistence/customer-mirror";
import { hasSegmentSnapshot, markSegmentChanges, writeSegmentSnapshot } from "../persistence/segment-snapshots";
import { log } from "../log.server";

export type SegmentJobResult = { shop: string; day: string; snapshot: boolean; marked: number };

/** One shop's day: nothing when today's snapshot exists already. */
export async function runShopSegmentDay(db: SqlDb, shop: string, zone: string, now: Date): Promise<SegmentJobResult> {
  const day = formatDate(localDate(now, shopZone(zone)));
  if (await hasSegmentSnapshot(db, shop, day)) return { shop, day, snapshot: false, marked: 0 };
  const [settings, mirror] = await Promise.all([getAnalyticsSettings(db, shop), mirrorSettings(db, shop)]);
  // Marked first: if the snapshot then fails, the next run does both again (marking twice changes nothing).
  const marked = mirror.enabled ? await markSegmentChanges(db, shop, settings.segments, now) : 0;
  const snapshot = await writeSegmentSnapshot(db, shop, day, await segmentCounts(db, shop, settings.segments, now), now);
  return { shop, day, snapshot, marked };
}

export async function runSegmentJob(db: SqlDb, now = new Date()): Promise<SegmentJobResult[]> {
  const shops = await db.selectFrom("Shop").select(["domain", "ianaTimezone"]).where("uninstalledAt", "is", null).execute();
  const results: SegmentJobResult[] = [];
  for (const shop of shops) {
    try {
      results.push(await runShopSegmentDay(db, shop.domain, shop.ianaTimezone ?? "UTC", now));
    } catch (error) {
      log.error("segment job failed", { job: "segments", shop: shop.domain, error });
    }
  }
  return results;
}
