// Orders from before the app was installed, as tier progress and order statistics only: an OrderRecord that earned
// no points (nothing pending, nothing to release), so the member's tier can be computed from history without any
// retroactive points (issue: "history before install"). The demo seeds its shop's past orders through this; the
// bulk-operation import from Shopify (order-history-import.ts) writes the same rows, many at a time.
import type { SqlDb } from "../db.server";
import { instant } from "../db/dialect";
import { ensureMember, type MemberProfile } from "./ledger";
import { forgetOrderDays } from "./order-days";

export type HistoricalOrder = {
  orderId: string;
  customerId: string;
  profile?: MemberProfile;
  currency: string;
  /** Lines after discounts, without shipping and taxes, minor units. */
  netSalesMinor: number;
  paidAt: Date;
  cancelled: boolean;
};

/** Records the order unless it is known already (then nothing changes). Returns whether it was recorded. */
export async function recordHistoricalOrder(db: SqlDb, shop: string, order: HistoricalOrder, now = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const member = await ensureMember(trx, shop, order.customerId, order.profile ?? {}, now);
    const paidAt = instant(order.paidAt);
    const written = await trx
      .insertInto("OrderRecord")
      .values({
        shop,
        orderId: order.orderId,
        customerId: order.customerId,
        memberId: member.id,
        currency: order.currency,
        earning: JSON.stringify({ lines: [], shippingPoints: 0, shippingNetAmount: 0, history: true }),
        reversed: "{}",
        totalPoints: 0,
        netSalesMinor: order.netSalesMinor,
        paidAt,
        releaseAt: paidAt,
        releasedAt: paidAt,
        cancelledAt: order.cancelled ? paidAt : null,
        createdAt: instant(now),
        updatedAt: instant(now),
      })
      .onConflict((conflict) => conflict.columns(["shop", "orderId"]).doNothing())
      .returning("orderId")
      .executeTakeFirst();
    if (written) await forgetOrderDays(trx, shop, [order.paidAt], now);
    if (written && order.cancelled) {
      await trx
        .insertInto("TierActivity")
        .values({ shop, memberId: member.id, at: paidAt, countsAt: paidAt, points: 0, moneyMinor: -order.netSalesMinor, orders: -1, sourceKey: `cancel:${order.orderId}` })
        .onConflict((conflict) => conflict.columns(["shop", "sourceKey"]).doNothing())
        .execute();
    }
    return written !== undefined;
  });
}
