// A shop's analytics settings (AnalyticsSettings): the hold-out share and since when, the launch date for the
// before/after figures, and segment thresholds. No row: no hold-out and the defaults.
import type { SqlDb } from "../db.server";
import { instant, readInstant } from "../db/dialect";
import { assignsToHoldOut, MAX_HOLD_OUT_PERCENT, type HoldOutSettings } from "../rules/hold-out";
import { parseSegmentThresholds, type SegmentThresholds } from "../rules/analytics-segments";

export type AnalyticsSettings = HoldOutSettings & { launchedAt: Date | null; segments: SegmentThresholds };

export async function getAnalyticsSettings(db: SqlDb, shop: string): Promise<AnalyticsSettings> {
  const row = await db.selectFrom("AnalyticsSettings").selectAll().where("shop", "=", shop).executeTakeFirst();
  return {
    holdOutPercent: row?.holdOutPercent ?? 0,
    holdOutSince: readInstant(row?.holdOutSince ?? null),
    launchedAt: readInstant(row?.launchedAt ?? null),
    segments: parseSegmentThresholds(row?.segments ?? "{}"),
  };
}

/**
 * Sets the hold-out share (0 turns it off). Turning it on starts `holdOutSince` now: only customers first seen from
 * then on are assigned. Changing a share that is already on keeps the start.
 */
export async function saveAnalyticsSettings(db: SqlDb, shop: string, values: { holdOutPercent: number; segments: SegmentThresholds }, now = new Date()) {
  const percent = Math.max(0, Math.min(MAX_HOLD_OUT_PERCENT, Math.trunc(values.holdOutPercent)));
  const current = await getAnalyticsSettings(db, shop);
  const since = percent === 0 ? null : current.holdOutPercent > 0 && current.holdOutSince ? current.holdOutSince : now;
  const row = { holdOutPercent: percent, holdOutSince: since ? instant(since) : null, segments: JSON.stringify(values.segments), updatedAt: instant(now) };
  await db
    .insertInto("AnalyticsSettings")
    .values({ shop, ...row })
    .onConflict((conflict) => conflict.column("shop").doUpdateSet(row))
    .execute();
}

/** For a path that may create a member without the order path's context: does a customer seen first now join the hold-out? */
export async function joinsHoldOutNow(db: SqlDb, shop: string, customerId: string, now: Date): Promise<boolean> {
  const row = await db.selectFrom("AnalyticsSettings").select(["holdOutPercent", "holdOutSince"]).where("shop", "=", shop).executeTakeFirst();
  if (!row || row.holdOutPercent <= 0) return false;
  return assignsToHoldOut(shop, customerId, { holdOutPercent: row.holdOutPercent, holdOutSince: readInstant(row.holdOutSince) }, now);
}

/** Whether the customer is in the hold-out group (an existing member row says so). */
export async function isHeldOut(db: SqlDb, shop: string, customerId: string): Promise<boolean> {
  const row = await db.selectFrom("Member").select("holdOut").where("shop", "=", shop).where("customerId", "=", customerId).executeTakeFirst();
  return Boolean(Number(row?.holdOut ?? 0));
}
