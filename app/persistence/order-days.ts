// Orders summed by UTC day of payment, for the admin's order figures (members' and guests' orders and net sales in
// a period; app/persistence/program-stats.ts). Like LedgerDay for the ledger, a day that is over is summed from the
// order records once, on the first view that needs it, and kept in OrderDay; the rest of the period is read from
// the order records' covering index. At 460,000 orders that turns a year's scan of the index into a day's.
//
// Unlike ledger entries, which are stamped when written, an order belongs to the day it was paid, and that day can
// change after it is over: orders/paid delivered late (Shopify retries for 48 hours), a cancellation, an imported
// order history. Each such write deletes the day's OrderDay row in its own transaction (forgetOrderDays), so the
// next view sums the day again. Both sides take the day's lock: a view sums and stores a day under it, a writer
// deletes under it, so a view can never store sums that miss a write committed meanwhile. On SQLite, transactions
// already run one at a time.
import type { SqlDb } from "../db.server";
import { instant, lockNamedMany } from "../db/dialect";

const DAY_MS = 24 * 60 * 60 * 1000;

// A day is summed once for good when it ended at least this long ago. Ledger entries are stamped when written, and a
// transaction that started just before midnight (Prisma gives it at most 20 s) may still be committing after it; an
// order delivered later than that lands in a stored day and deletes it (forgetOrderDays), earlier in none.
const SETTLED_AFTER_MS = 60 * 60 * 1000;

export type OrderGroupSums = { orders: number; withAmount: number; netSalesMinor: number };
export type OrderSums = { members: OrderGroupSums; guests: OrderGroupSums };

export function emptyOrderSums(): OrderSums {
  return { members: { orders: 0, withAmount: 0, netSalesMinor: 0 }, guests: { orders: 0, withAmount: 0, netSalesMinor: 0 } };
}

/**
 * The first instant not yet settled: the start of the UTC day that (now − SETTLED_AFTER_MS) falls in. Days before it
 * are summed once into LedgerDay and OrderDay.
 */
export function settledUntil(now: Date): Date {
  const settledAt = new Date(now.getTime() - SETTLED_AFTER_MS);
  return new Date(Date.UTC(settledAt.getUTCFullYear(), settledAt.getUTCMonth(), settledAt.getUTCDate()));
}

export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * A period split for the day summaries (LedgerDay, OrderDay): its settled UTC days, read from a summary, and the
 * instant the live part starts. settledUntil(to) is always before `to`; a period shorter than two days may start
 * after it, and then has no settled day.
 */
export function splitAtSettled(period: { from: Date; to: Date }): { settledDays: string[]; liveFrom: Date } {
  const liveFrom = new Date(Math.max(period.from.getTime(), settledUntil(period.to).getTime()));
  const settledDays: string[] = [];
  for (let t = period.from.getTime(); t < liveFrom.getTime(); t += DAY_MS) settledDays.push(utcDay(new Date(t)));
  return { settledDays, liveFrom };
}

function orderDayLockName(shop: string, day: string): string {
  return `order-day:${shop}:${day}`;
}

function addInto(target: OrderSums, more: OrderSums): void {
  for (const group of ["members", "guests"] as const) {
    target[group].orders += more[group].orders;
    target[group].withAmount += more[group].withAmount;
    target[group].netSalesMinor += more[group].netSalesMinor;
  }
}

/**
 * Sums by UTC day of the orders paid in [from, to] and not cancelled, from the covering index [shop, paidAt,
 * cancelledAt, memberId, customerId, netSalesMinor]. The day is the first ten characters of the instant's text, the
 * same SQL on both databases (as for the ledger's days).
 */
async function sumOrdersByDay(db: SqlDb, shop: string, from: Date, to: Date): Promise<Map<string, OrderSums>> {
  const rows = await db
    .selectFrom("OrderRecord")
    .select((eb) => {
      const member = eb.case().when("memberId", "is not", null);
      const guest = eb.case().when("memberId", "is", null);
      return [
        eb.fn<string>("substr", [eb.cast("paidAt", "text"), eb.lit(1), eb.lit(10)]).as("day"),
        eb.fn.countAll<number>().as("orders"),
        eb.fn.count<number>(member.then(eb.lit(1)).end()).as("memberOrders"),
        eb.fn.count<number>(member.then(eb.ref("netSalesMinor")).end()).as("memberWithAmount"),
        eb.fn.sum<number>(member.then(eb.ref("netSalesMinor")).end()).as("memberNetSales"),
        eb.fn.count<number>(guest.then(eb.ref("netSalesMinor")).end()).as("guestWithAmount"),
        eb.fn.sum<number>(guest.then(eb.ref("netSalesMinor")).end()).as("guestNetSales"),
      ];
    })
    .where("shop", "=", shop)
    .where("paidAt", ">=", instant(from))
    .where("paidAt", "<=", instant(to))
    .where("cancelledAt", "is", null)
    .groupBy("day")
    .execute();
  const byDay = new Map<string, OrderSums>();
  for (const row of rows) {
    const memberOrders = Number(row.memberOrders);
    byDay.set(row.day, {
      members: { orders: memberOrders, withAmount: Number(row.memberWithAmount), netSalesMinor: Number(row.memberNetSales ?? 0) },
      guests: { orders: Number(row.orders) - memberOrders, withAmount: Number(row.guestWithAmount), netSalesMinor: Number(row.guestNetSales ?? 0) },
    });
  }
  return byDay;
}

/**
 * The orders of [from, to] summed: settled days from OrderDay (summed and stored under their locks when missing),
 * the rest from the order records.
 */
export async function orderSumsForPeriod(db: SqlDb, shop: string, period: { from: Date; to: Date }): Promise<OrderSums> {
  const { settledDays: wantedDays, liveFrom } = splitAtSettled(period);

  const totals = emptyOrderSums();
  if (wantedDays.length > 0) {
    const stored = await db
      .selectFrom("OrderDay")
      .selectAll()
      .where("shop", "=", shop)
      .where("day", ">=", wantedDays[0]!)
      .where("day", "<=", wantedDays.at(-1)!)
      .execute();
    for (const row of stored) {
      addInto(totals, {
        members: { orders: row.memberOrders, withAmount: row.memberWithAmount, netSalesMinor: Number(row.memberNetSalesMinor) },
        guests: { orders: row.guestOrders, withAmount: row.guestWithAmount, netSalesMinor: Number(row.guestNetSalesMinor) },
      });
    }
    const have = new Set(stored.map((row) => row.day));
    const missing = wantedDays.filter((day) => !have.has(day));
    if (missing.length > 0) addInto(totals, await sumAndStoreDays(db, shop, missing));
  }
  const live = await sumOrdersByDay(db, shop, liveFrom, period.to);
  for (const sums of live.values()) addInto(totals, sums);
  return totals;
}

/** Sums the settled `days` (ascending) from the order records and stores them, under the days' locks. */
async function sumAndStoreDays(db: SqlDb, shop: string, days: string[]): Promise<OrderSums> {
  return db.transaction().execute(async (trx) => {
    await lockNamedMany(trx, days.map((day) => orderDayLockName(shop, day)));
    const from = new Date(`${days[0]}T00:00:00.000Z`);
    const to = new Date(new Date(`${days.at(-1)}T00:00:00.000Z`).getTime() + DAY_MS - 1);
    const byDay = await sumOrdersByDay(trx, shop, from, to);
    const totals = emptyOrderSums();
    const rows = days.map((day) => {
      const sums = byDay.get(day) ?? emptyOrderSums();
      addInto(totals, sums);
      return {
        shop,
        day,
        memberOrders: sums.members.orders,
        memberWithAmount: sums.members.withAmount,
        memberNetSalesMinor: sums.members.netSalesMinor,
        guestOrders: sums.guests.orders,
        guestWithAmount: sums.guests.withAmount,
        guestNetSalesMinor: sums.guests.netSalesMinor,
      };
    });
    for (let i = 0; i < rows.length; i += 200) {
      // Another view may have stored some of these days since they were read; its rows hold the same sums.
      await trx
        .insertInto("OrderDay")
        .values(rows.slice(i, i + 200))
        .onConflict((conflict) => conflict.columns(["shop", "day"]).doNothing())
        .execute();
    }
    return totals;
  });
}

/**
 * Called in the transaction of a write that adds, cancels or imports orders paid at `paidAt`: deletes the stored
 * sums of those days that are settled (a day not yet settled has none to delete), under the days' locks.
 */
export async function forgetOrderDays(trx: SqlDb, shop: string, paidAt: Date[], now: Date): Promise<void> {
  const settled = settledUntil(now).getTime();
  const days = [...new Set(paidAt.filter((at) => at.getTime() < settled).map(utcDay))];
  if (days.length === 0) return;
  await lockNamedMany(trx, days.map((day) => orderDayLockName(shop, day)));
  await trx.deleteFrom("OrderDay").where("shop", "=", shop).where("day", "in", days).execute();
}
