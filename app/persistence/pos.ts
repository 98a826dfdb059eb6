// The point of sale's settings (who may act, app/rules/pos-access.ts) and its audit: which Shopify user, pinned staff
// member and location redeemed, cancelled or enrolled for a customer. Every query is scoped by shop.
import type { SqlDb } from "../db.server";
import { instant, readInstant } from "../db/dialect";
import { POS_ACCESS_DEFAULTS, type PosAccess } from "../rules/pos-access";

function idList(text: string | null | undefined): string[] {
  try {
    const parsed: unknown = JSON.parse(text ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}

export async function getPosAccess(db: SqlDb, shop: string): Promise<PosAccess> {
  const row = await db.selectFrom("PosSettings").select(["staffUserIds", "locationIds", "allowEnrol"]).where("shop", "=", shop).executeTakeFirst();
  if (!row) return { ...POS_ACCESS_DEFAULTS };
  return { staffUserIds: idList(row.staffUserIds), locationIds: idList(row.locationIds), allowEnrol: Boolean(Number(row.allowEnrol)) };
}

export async function savePosAccess(db: SqlDb, shop: string, access: PosAccess, now = new Date()) {
  const row = { staffUserIds: JSON.stringify(access.staffUserIds), locationIds: JSON.stringify(access.locationIds), allowEnrol: access.allowEnrol, updatedAt: instant(now) };
  await db
    .insertInto("PosSettings")
    .values({ shop, ...row })
    .onConflict((conflict) => conflict.column("shop").doUpdateSet(row))
    .execute();
}

export type PosActivityAction = "redeem" | "cancel" | "enrol";
export type PosActor = { staffUserId: string; staffMemberId: string | null; locationId: string | null };

export async function recordPosActivity(
  db: SqlDb,
  shop: string,
  entry: PosActor & { customerId: string; action: PosActivityAction; redemptionId?: number | null; points?: number | null },
  now = new Date(),
) {
  await db
    .insertInto("PosActivity")
    .values({
      shop,
      customerId: entry.customerId,
      action: entry.action,
      staffUserId: entry.staffUserId,
      staffMemberId: entry.staffMemberId,
      locationId: entry.locationId,
      redemptionId: entry.redemptionId ?? null,
      points: entry.points ?? null,
      createdAt: instant(now),
    })
    .execute();
}

export type PosActivityRow = PosActor & { id: number; action: PosActivityAction; redemptionId: number | null; points: number | null; createdAt: Date };

/** The customer's POS activity, newest first (the customer's admin page). */
export async function listPosActivity(db: SqlDb, shop: string, customerId: string, limit = 50): Promise<PosActivityRow[]> {
  const rows = await db
    .selectFrom("PosActivity")
    .select(["id", "action", "staffUserId", "staffMemberId", "locationId", "redemptionId", "points", "createdAt"])
    .where("shop", "=", shop)
    .where("customerId", "=", customerId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, action: row.action as PosActivityAction, createdAt: readInstant(row.createdAt) }));
}
