// The mirror of points and tier in Shopify (app/rules/customer-mirror.ts says what is written): the merchant's
// setting, which members are due, and how the last run went.
//
// "Needs sync" is Member.mirrorDueAt, set in the same statement that changes a balance (ledger.ts) and by a tier
// change (member-tiers.ts saveTierSteps), so it can never be lost between a change and its mirror: a crash after the
// commit leaves the member due, a crash before it leaves nothing to mirror. The job clears it only if it still holds
// the value it read, so a change made while Shopify was being written keeps the member due for the next run.
import { sql } from "kysely";
import type { SqlDb } from "../db.server";
import { instant, readBoolean, readInstant, type StoredInstant } from "../db/dialect";

export type MirrorSettings = { enabled: boolean; tierTags: boolean };
export type MirrorStatus = MirrorSettings & { lastRunAt: Date | null; syncedCount: number; lastError: string | null; due: number };

export async function mirrorSettings(db: SqlDb, shop: string): Promise<MirrorSettings> {
  const row = await db.selectFrom("CustomerMirror").select(["enabled", "tierTags"]).where("shop", "=", shop).executeTakeFirst();
  return { enabled: row ? readBoolean(row.enabled) : false, tierTags: row ? readBoolean(row.tierTags) : false };
}

/** The Tiers page's view: the setting, the last run, and how many members still wait to be written. */
export async function mirrorStatus(db: SqlDb, shop: string, now = new Date()): Promise<MirrorStatus> {
  const [row, due] = await Promise.all([
    db.selectFrom("CustomerMirror").selectAll().where("shop", "=", shop).executeTakeFirst(),
    db
      .selectFrom("Member")
      .select((eb) => eb.fn.countAll<number>().as("due"))
      .where("shop", "=", shop)
      .where("mirrorDueAt", "is not", null)
      .where("mirrorDueAt", "<=", instant(now))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    enabled: row ? readBoolean(row.enabled) : false,
    tierTags: row ? readBoolean(row.tierTags) : false,
    lastRunAt: row?.lastRunAt ? readInstant(row.lastRunAt) : null,
    syncedCount: row?.syncedCount ?? 0,
    lastError: row?.lastError ?? null,
    due: Number(due.due),
  };
}

/**
 * Saves the setting. Turning the mirror (or the tags) on makes every member of the shop due, so Shopify gets
 * everyone's current points and tier, not only those who change from now on.
 */
export async function saveMirrorSettings(db: SqlDb, shop: string, settings: MirrorSettings, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await mirrorSettings(trx, shop);
    const at = instant(now);
    await trx
      .insertInto("CustomerMirror")
      .values({ shop, enabled: settings.enabled, tierTags: settings.tierTags, updatedAt: at })
      .onConflict((conflict) => conflict.column("shop").doUpdateSet({ enabled: settings.enabled, tierTags: settings.tierTags, updatedAt: at }))
      .execute();
    const turnedOn = settings.enabled && (!before.enabled || (settings.tierTags && !before.tierTags));
    if (turnedOn) await trx.updateTable("Member").set({ mirrorDueAt: at }).where("shop", "=", shop).where("redactedAt", "is", null).execute();
  });
}

/** Shops with the mirror on. */
export async function mirroredShops(db: SqlDb): Promise<string[]> {
  const rows = await db.selectFrom("CustomerMirror").select("shop").where("enabled", "=", true).execute();
  return rows.map((row) => row.shop);
}

export type DueMember = {
  id: number;
  customerId: string;
  availablePoints: number;
  tierId: number | null;
  dueAt: StoredInstant;
  holdOut: boolean;
  /** The customer's statistics (CustomerStats), for today's segment; no row: no orders. */
  stats: { orders: number; revenueMinor: number; firstOrderAt: Date | null; lastOrderAt: Date | null };
  mirroredSegment: string | null;
};

/** Up to `limit` members whose mirror is due, oldest change first (the [shop, mirrorDueAt] index). */
export async function dueMembers(db: SqlDb, shop: string, now: Date, limit: number): Promise<DueMember[]> {
  const rows = await db
    .selectFrom("Member")
    .leftJoin("MemberTier", "MemberTier.memberId", "Member.id")
    .leftJoin("CustomerStats", (join) => join.onRef("CustomerStats.shop", "=", "Member.shop").onRef("CustomerStats.customerId", "=", "Member.customerId"))
    .select(["Member.id", "Member.customerId", "Member.availablePoints", "MemberTier.tierId", "Member.mirrorDueAt", "Member.holdOut", "Member.mirroredSegment"])
    .select(["CustomerStats.orders", "CustomerStats.revenueMinor", "CustomerStats.firstOrderAt", "CustomerStats.lastOrderAt"])
    .where("Member.shop", "=", shop)
    .where("Member.mirrorDueAt", "is not", null)
    .where("Member.mirrorDueAt", "<=", instant(now))
    .where("Member.redactedAt", "is", null)
    .orderBy("Member.mirrorDueAt")
    .orderBy("Member.id")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    customerId: row.customerId,
    availablePoints: Number(row.availablePoints),
    tierId: row.tierId ?? null,
    dueAt: row.mirrorDueAt!,
    holdOut: readBoolean(row.holdOut),
    stats: {
      orders: Number(row.orders ?? 0),
      revenueMinor: Number(row.revenueMinor ?? 0),
      firstOrderAt: row.firstOrderAt ? readInstant(row.firstOrderAt) : null,
      lastOrderAt: row.lastOrderAt ? readInstant(row.lastOrderAt) : null,
    },
    mirroredSegment: row.mirroredSegment ?? null,
  }));
}

/**
 * Members written to Shopify: no longer due, unless they changed again since they were read (then the stored moment
 * differs, nothing is cleared, and the next run writes the newer values). `retryAt`: the write failed; try again then.
 */
export async function settleMirror(db: SqlDb, shop: string, members: DueMember[], retryAt: Date | null, written?: Map<number, string | null>): Promise<void> {
  for (const member of members) {
    const dueAt = instant(readInstant(member.dueAt));
    // The segment Shopify now holds is recorded whether or not the member changed again meanwhile: it was written.
    const segment = written?.has(member.id) ? { mirroredSegment: written.get(member.id) ?? null } : {};
    await db
      .updateTable("Member")
      .set({ mirrorDueAt: sql`CASE WHEN "mirrorDueAt" = ${dueAt} THEN ${retryAt === null ? null : instant(retryAt)} ELSE "mirrorDueAt" END`, ...segment })
      .where("shop", "=", shop)
      .where("id", "=", member.id)
      .execute();
  }
}

/** The outcome of one run for one shop, shown on the Tiers page. */
export async function recordMirrorRun(db: SqlDb, shop: string, synced: number, error: string | null, now: Date): Promise<void> {
  await db
    .updateTable("CustomerMirror")
    .set((eb) => ({ lastRunAt: instant(now), syncedCount: eb("syncedCount", "+", synced), lastError: error, updatedAt: instant(now) }))
    .where("shop", "=", shop)
    .execute();
}

/**
 * The English names of the tiers each member has held, as the tier history kept them when they moved: a tier renamed
 * since then left its old tag on the customer, and the mirror takes it off with the other tiers' tags. Read only when
 * tier tags are on, one indexed query per batch of members.
 */
export async function heldTierNames(db: SqlDb, shop: string, memberIds: number[]): Promise<Map<number, string[]>> {
  const held = new Map<number, string[]>();
  if (memberIds.length === 0) return held;
  const rows = await db.selectFrom("TierChange").select(["memberId", "fromName", "toName"]).where("shop", "=", shop).where("memberId", "in", memberIds).execute();
  for (const row of rows) {
    const names = held.get(row.memberId) ?? [];
    for (const name of [row.fromName, row.toName]) if (name !== null && !names.includes(name)) names.push(name);
    held.set(row.memberId, names);
  }
  return held;
}

