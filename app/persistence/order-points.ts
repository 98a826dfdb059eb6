// What one paid order earned its customer, for the thank-you and order-status pages: read from the order's record
// (written by orders/paid). Only the order's own customer may read it; a guest's order answers null.
import type { SqlDb } from "../db.server";
import { readInstant } from "../db/dialect";

export type OrderPoints = { points: number; releaseAt: Date; released: boolean; cancelled: boolean };

export async function orderPointsForCustomer(db: SqlDb, shop: string, orderId: string, customerId: string): Promise<OrderPoints | null> {
  const row = await db
    .selectFrom("OrderRecord")
    .select(["totalPoints", "releaseAt", "releasedAt", "cancelledAt", "customerId"])
    .where("shop", "=", shop)
    .where("orderId", "=", orderId)
    .executeTakeFirst();
  if (!row || row.customerId !== customerId) return null;
  return { points: Number(row.totalPoints), releaseAt: readInstant(row.releaseAt), released: row.releasedAt !== null, cancelled: row.cancelledAt !== null };
}
