// "Award points for past orders": the preview of the total, and the award itself — one ledger entry per imported
// order, keyed `history:<order id>:award`, so awarding again (or twice at once) never pays an order twice.
import { sql } from "kysely";
import type { SqlDb } from "../db.server";
import { lockNamedMany } from "../db/dialect";
import { memberLockName } from "../db/lock-names";
import { historyPoints } from "../rules/order-history";
import { appendEntryPerMember } from "./ledger";
import { getProgramSettings } from "./program-settings";

type Unpaid = { orderId: string; memberId: number; customerId: string; points: number };

/** Imported orders of members that have not had their points yet, with the points each would get now. */
async function unawarded(db: SqlDb, shop: string): Promise<Unpaid[]> {
  const settings = await getProgramSettings(db, shop);
  const rows = await db
    .selectFrom("OrderRecord")
    .innerJoin("Member", "Member.id", "OrderRecord.memberId")
    .leftJoin("LedgerEntry", (join) =>
      join.onRef("LedgerEntry.shop", "=", "OrderRecord.shop").on("LedgerEntry.idempotencyKey", "=", sql<string>`'history:' || "OrderRecord"."orderId" || ':award'`),
    )
    .select(["OrderRecord.orderId", "OrderRecord.memberId", "Member.customerId", "OrderRecord.netSalesMinor", "OrderRecord.currency"])
    .where("OrderRecord.shop", "=", shop)
    .where("OrderRecord.earning", "like", '%"history":true%')
    .where("OrderRecord.cancelledAt", "is", null)
    // The hold-out group earns nothing, past orders included (app/rules/hold-out.ts): not in the preview, not awarded.
    .where("Member.holdOut", "=", false)
    .where("LedgerEntry.id", "is", null)
    .orderBy("OrderRecord.orderId")
    .execute();
  return rows
    .map((row) => ({ orderId: row.orderId, memberId: row.memberId!, customerId: row.customerId, points: historyPoints(Number(row.netSalesMinor ?? 0), row.currency, settings.pointsPerUnit) }))
    .filter((row) => row.points > 0);
}

export type HistoryAwardPreview = { orders: number; members: number; points: number };

export async function previewHistoryAward(db: SqlDb, shop: string): Promise<HistoryAwardPreview> {
  const rows = await unawarded(db, shop);
  return { orders: rows.length, members: new Set(rows.map((row) => row.memberId)).size, points: rows.reduce((sum, row) => sum + row.points, 0) };
}

/** Awards what the preview showed (computed again now); returns what was written. */
export async function awardHistoryPoints(db: SqlDb, shop: string, now = new Date()): Promise<HistoryAwardPreview> {
  const rows = await unawarded(db, shop);
  const written: Unpaid[] = [];
  for (let i = 0; i < rows.length; i += 200) {
    const batch = rows.slice(i, i + 200);
    await db.transaction().execute(async (trx) => {
      await lockNamedMany(trx, batch.map((row) => memberLockName(shop, row.customerId)));
      await appendEntryPerMember(
        trx,
        shop,
        batch.map((row) => ({
          memberId: row.memberId,
          entry: {
            kind: "action_bonus" as const,
            availableDelta: row.points,
            pendingDelta: 0,
            reason: `Points for a past order (${row.orderId})`,
            sourceType: "system" as const,
            sourceId: `history:${row.orderId}`,
            orderId: row.orderId,
            idempotencyKey: `history:${row.orderId}:award`,
          },
        })),
        now,
      );
    });
    written.push(...batch);
  }
  return { orders: written.length, members: new Set(written.map((row) => row.memberId)).size, points: written.reduce((sum, row) => sum + row.points, 0) };
}
