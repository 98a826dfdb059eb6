// Pending → available: once an order's pending period (the return window) is over, whatever is still pending
// from it becomes spendable. One release per order (idempotency key `order:<id>:release`), taken under the
// order's lock, so any number of workers may sweep at once without releasing twice.
import type { Db } from "../db.server";
import { lockNamed, type Tx } from "../db/locks";
import { appendEntries } from "./ledger";
import { orderLockName } from "./lock-names";

type ReleaseState = { orderId: string; memberId: number | null; releaseAt: Date; releasedAt: Date | null };

/** Releases one order's remaining pending points if due. Returns the points released (0 if none/not due). */
export async function releaseOrderIfDue(tx: Tx, shop: string, orderId: string, now: Date): Promise<number> {
  await lockNamed(tx, orderLockName(shop, orderId));
  const record = await tx.orderRecord.findUnique({ where: { shop_orderId: { shop, orderId } } });
  return record ? releaseLockedOrderIfDue(tx, shop, record, now) : 0;
}

/**
 * The same for a caller that already holds the order's lock and has just read (or written) its record, as
 * orders/paid has: no second lock and no second read on the webhook's path.
 */
export async function releaseLockedOrderIfDue(tx: Tx, shop: string, record: ReleaseState, now: Date): Promise<number> {
  const { orderId } = record;
  if (record.memberId === null || record.releasedAt || record.releaseAt > now) return 0;
  const pending = await tx.ledgerEntry.aggregate({
    where: { shop, orderId, memberId: record.memberId },
    _sum: { pendingDelta: true },
  });
  const remaining = pending._sum.pendingDelta ?? 0;
  await appendEntries(tx, shop, record.memberId, [
    {
      kind: "release",
      availableDelta: remaining,
      pendingDelta: -remaining,
      reason: "Pending period ended",
      sourceType: "order",
      sourceId: orderId,
      orderId,
      idempotencyKey: `order:${orderId}:release`,
    },
  ]);
  await tx.orderRecord.update({ where: { shop_orderId: { shop, orderId } }, data: { releasedAt: now } });
  return remaining;
}

/** One sweep over due orders of every shop, at most `limit` of them. */
export async function releaseDuePoints(db: Db, options: { now?: Date; limit?: number } = {}) {
  const now = options.now ?? new Date();
  const due = await db.orderRecord.findMany({
    where: { releasedAt: null, memberId: { not: null }, releaseAt: { lte: now } },
    select: { shop: true, orderId: true },
    orderBy: { releaseAt: "asc" },
    take: options.limit ?? 500,
  });
  let orders = 0;
  let points = 0;
  for (const { shop, orderId } of due) {
    const released = await db.$transaction((tx) => releaseOrderIfDue(tx, shop, orderId, now));
    if (released > 0) orders += 1;
    points += released;
  }
  return { examined: due.length, orders, points };
}
