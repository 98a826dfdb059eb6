// Pending → available: once an order's pending period (the return window) is over, whatever is still pending
// from it becomes spendable. One release per order (idempotency key `order:<id>:release`), taken under the
// order's lock, so any number of workers may sweep at once without releasing twice.
import type { SqlDb } from "../db.server";
import { instant, lockNamed, readInstant } from "../db/dialect";
import { appendEntries } from "./ledger";
import { orderLockName } from "../db/lock-names";
import { enqueueFlowTriggers, enqueueNotification } from "./notification-outbox";
import { readEventSettings, type EventSettingsMap } from "../rules/notifications";
import { noteBalanceRise } from "./notification-events";

type ReleaseState = { orderId: string; memberId: number | null; releaseAt: Date; releasedAt: Date | null };

/**
 * What the shop notifies when points are released (points earned, reward ready): from the NotificationSettings row's
 * `events` (null: no row, the shop has no notifications). Callers read it in the read they already make.
 */
export function notificationEventsOf(events: string | null | undefined): EventSettingsMap | null {
  return events === null || events === undefined ? null : readEventSettings(events);
}

/** Releases one order's remaining pending points if due. Returns the points released (0 if none/not due). */
export async function releaseOrderIfDue(trx: SqlDb, shop: string, orderId: string, now: Date): Promise<number> {
  await lockNamed(trx, orderLockName(shop, orderId));
  const record = await trx
    .selectFrom("OrderRecord")
    .leftJoin("NotificationSettings", "NotificationSettings.shop", "OrderRecord.shop")
    .leftJoin("FlowSettings", "FlowSettings.shop", "OrderRecord.shop")
    .select(["orderId", "memberId", "releaseAt", "releasedAt", "NotificationSettings.events as notificationEvents", "FlowSettings.shop as flowShop"])
    .where("OrderRecord.shop", "=", shop)
    .where("orderId", "=", orderId)
    .executeTakeFirst();
  if (!record) return 0;
  const state = { orderId: record.orderId, memberId: record.memberId, releaseAt: readInstant(record.releaseAt), releasedAt: readInstant(record.releasedAt) };
  return releaseLockedOrderIfDue(trx, shop, state, now, notificationEventsOf(record.notificationEvents), record.flowShop !== null);
}

/**
 * The same for a caller that already holds the order's lock and has just read (or written) its record, as
 * orders/paid has: no second lock and no second read on the webhook's path.
 */
/** `flow`: whether the shop has Flow on, when the caller's read already tells it (else read at release). */
export async function releaseLockedOrderIfDue(trx: SqlDb, shop: string, record: ReleaseState, now: Date, notify: EventSettingsMap | null = null, flow?: boolean): Promise<number> {
  const { orderId } = record;
  if (record.memberId === null || record.releasedAt || record.releaseAt > now) return 0;
  const pending = await trx
    .selectFrom("LedgerEntry")
    .select((eb) => eb.fn.sum<number | null>("pendingDelta").as("remaining"))
    .where("shop", "=", shop)
    .where("orderId", "=", orderId)
    .where("memberId", "=", record.memberId)
    .executeTakeFirstOrThrow();
  const remaining = Number(pending.remaining ?? 0);
  const released = await appendEntries(trx, shop, record.memberId, [
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
  ], now);
  await trx
    .updateTable("OrderRecord")
    .set({ releasedAt: instant(now), updatedAt: instant(now) })
    .where("shop", "=", shop)
    .where("orderId", "=", orderId)
    .execute();
  // "Points earned" is about spendable points, so it is sent on release, not when the order is paid; one per order.
  if (notify?.points_earned.enabled && remaining > 0) {
    await enqueueNotification(trx, shop, { memberId: record.memberId, kind: "points_earned", businessKey: `order:${orderId}:points_earned`, payload: { points: remaining } }, now);
  }
  // The Flow trigger, whatever the email settings (its own row of the outbox; nothing when the shop has Flow off).
  if (remaining > 0) {
    await enqueueFlowTriggers(trx, shop, [{ memberId: record.memberId, kind: "points_earned", businessKey: `order:${orderId}:points_earned`, values: { points: remaining } }], now, flow);
  }
  // The release may make a reward affordable: only a shop with notifications pays the catalogue read.
  if (notify && released.length > 0) await noteBalanceRise(trx, shop, record.memberId, remaining, `order:${orderId}:release`, now, notify);
  return remaining;
}

/** One sweep over due orders of every shop (or of `shop`), at most `limit` of them. */
export async function releaseDuePoints(db: SqlDb, options: { now?: Date; limit?: number; shop?: string } = {}) {
  const now = options.now ?? new Date();
  const due = await db
    .selectFrom("OrderRecord")
    .select(["shop", "orderId"])
    .where("releasedAt", "is", null)
    .where("memberId", "is not", null)
    .where("releaseAt", "<=", instant(now))
    // One shop's orders only (what its tests release, leaving other shops' pending points alone); all by default.
    .$if(options.shop !== undefined, (query) => query.where("shop", "=", options.shop!))
    .orderBy("releaseAt", "asc")
    .limit(options.limit ?? 500)
    .execute();
  let orders = 0;
  let points = 0;
  for (const { shop, orderId } of due) {
    const released = await db.transaction().execute((trx) => releaseOrderIfDue(trx, shop, orderId, now));
    if (released > 0) orders += 1;
    points += released;
  }
  return { examined: due.length, orders, points };
}
