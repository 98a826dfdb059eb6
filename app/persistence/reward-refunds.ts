// Points spent on a reward come back when the order that used its code is fully refunded or cancelled, if the
// merchant's setting says so (ProgramSettings.returnRewardPointsOnRefund, default yes).
//
// "Fully refunded": every unit of every line of the order refunded (shipping need not be); a cancellation always
// counts. The order's record (OrderRecord) holds both facts, written by refunds/create and orders/cancelled; the
// reward's redemption is `used` with the order's id once orders/paid has seen its code. These three events arrive in
// any order and any number of times, so this runs after each of them has been applied (webhook-topics.server.ts),
// and does its work only when both facts are there: whichever event completes the picture gives the points back.
// Exactly once: the redemption's conditional move used → refunded, and the `redeem-return` ledger key.
import type { SqlDb } from "../db.server";
import { lockNamed, readBoolean } from "../db/dialect";
import { memberLockName, orderLockName } from "../db/lock-names";
import { preparedQuery } from "../db/prepared-query";
import { loadRedemption, returnPointsLocked } from "./redemption";

type EarnedLines = { lines: Array<{ lineItemId: string; quantity: number }> };
type Reversed = { lines?: Record<string, number> };

/** Whether the order, as recorded, has nothing left: cancelled, or every unit of every line refunded. */
export function isFullyReversed(record: { earning: string; reversed: string; cancelledAt: unknown }): boolean {
  if (record.cancelledAt !== null) return true;
  const { lines } = JSON.parse(record.earning) as EarnedLines;
  const refunded = (JSON.parse(record.reversed) as Reversed).lines ?? {};
  return lines.length > 0 && lines.every((line) => (refunded[line.lineItemId] ?? 0) >= line.quantity);
}

// Asked after every orders/paid with a code and every refund and cancellation: compiled once (app/db/prepared-query.ts).
const usedRedemptionsOfOrder = preparedQuery((db, shop: string, orderId: string) =>
  db.selectFrom("Redemption").select("id").where("shop", "=", shop).where("orderId", "=", orderId).where("status", "=", "used"),
);

/** Gives back the points of rewards the order used if it is fully reversed; returns how many redemptions it settled. */
export async function returnRewardPointsOfReversedOrder(db: SqlDb, shop: string, orderId: string, now = new Date()): Promise<number> {
  // Most refunds and cancellations are of orders that used no reward of ours: one indexed read, no transaction.
  const { rows: used } = await usedRedemptionsOfOrder(db, shop, orderId);
  if (used.length === 0) return 0;

  return db.transaction().execute(async (trx) => {
    // The order's lock orders this after any refund or cancellation of it still being applied (then the member's:
    // nothing takes these two the other way round).
    await lockNamed(trx, orderLockName(shop, orderId));
    const record = await trx
      .selectFrom("OrderRecord")
      .select(["earning", "reversed", "cancelledAt"])
      .where("shop", "=", shop)
      .where("orderId", "=", orderId)
      .executeTakeFirst();
    if (!record || !isFullyReversed(record)) return 0;
    const settings = await trx.selectFrom("ProgramSettings").select("returnRewardPointsOnRefund").where("shop", "=", shop).executeTakeFirst();
    if (settings && !readBoolean(settings.returnRewardPointsOnRefund)) return 0;

    let settled = 0;
    for (const { id } of used) {
      const redemption = await loadRedemption(trx, shop, id);
      if (!redemption || redemption.status !== "used") continue;
      await lockNamed(trx, memberLockName(shop, redemption.customerId));
      const why = record.cancelledAt !== null ? `order ${orderId} cancelled` : `order ${orderId} fully refunded`;
      if (await returnPointsLocked(trx, redemption, "used", "refunded", why, now)) settled += 1;
    }
    return settled;
  });
}
