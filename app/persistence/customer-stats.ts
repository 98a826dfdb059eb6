// Per-customer order statistics for the analytics (CustomerStats): orders, net revenue, first and last order, and
// whether the customer is in the hold-out group. Written by the order path inside the transaction that applies the
// event, one statement each: orders/paid adds the order (an upsert); a refund or cancellation takes its share back
// (an update, floored at zero).
//
// Orders recorded before this table existed are not counted (no backfill yet): a refund of one of them finds no row
// or a row without it, and the floor keeps the figures from going negative.
import type { SqlDb } from "../db.server";
import { sql } from "kysely";
import type { Instant } from "../db/dialect";
import { preparedQuery } from "../db/prepared-query";
import type { GroupTotals } from "../rules/analytics";

const upsertPaid = preparedQuery((db, shop: string, customerId: string, holdOut: boolean, revenueMinor: number, paidAt: Instant, now: Instant) =>
  db
    .insertInto("CustomerStats")
    .values({ shop, customerId, holdOut, orders: 1, revenueMinor, firstOrderAt: paidAt, lastOrderAt: paidAt, updatedAt: now })
    .onConflict((conflict) =>
      conflict.columns(["shop", "customerId"]).doUpdateSet({
        orders: sql`"CustomerStats"."orders" + 1`,
        revenueMinor: sql`"CustomerStats"."revenueMinor" + excluded."revenueMinor"`,
        // Instants compare in time order on both databases (ISO text of one format on SQLite, timestamps on PostgreSQL).
        firstOrderAt: sql`CASE WHEN "CustomerStats"."firstOrderAt" IS NULL OR excluded."firstOrderAt" < "CustomerStats"."firstOrderAt" THEN excluded."firstOrderAt" ELSE "CustomerStats"."firstOrderAt" END`,
        lastOrderAt: sql`CASE WHEN "CustomerStats"."lastOrderAt" IS NULL OR excluded."lastOrderAt" > "CustomerStats"."lastOrderAt" THEN excluded."lastOrderAt" ELSE "CustomerStats"."lastOrderAt" END`,
        updatedAt: sql`excluded."updatedAt"`,
      }),
    ),
);

/** orders/paid of a customer's order (not a guest's): one more order and its net sales. */
export async function addPaidOrder(trx: SqlDb, shop: string, customerId: string, holdOut: boolean, revenueMinor: number, paidAt: Instant, now: Instant) {
  await upsertPaid(trx, shop, customerId, holdOut, revenueMinor, paidAt, now);
}

const takeBack = preparedQuery((db, shop: string, customerId: string, orders: number, revenueMinor: number, now: Instant) =>
  db
    .updateTable("CustomerStats")
    .set({
      orders: sql`CASE WHEN "orders" > ${orders} THEN "orders" - ${orders} ELSE 0 END`,
      revenueMinor: sql`CASE WHEN "revenueMinor" > ${revenueMinor} THEN "revenueMinor" - ${revenueMinor} ELSE 0 END`,
      updatedAt: now,
    })
    .where("shop", "=", shop)
    .where("customerId", "=", customerId),
);

/** A refund (orders 0) or cancellation (orders 1) of a customer's order: its money, and the order, no longer count. */
export async function takeBackOrder(trx: SqlDb, shop: string, customerId: string, orders: number, revenueMinor: number, now: Instant) {
  if (orders === 0 && revenueMinor === 0) return;
  await takeBack(trx, shop, customerId, orders, revenueMinor, now);
}

export type GroupTotalsWithSquares = GroupTotals & { orderSquares: number };

function numberOf(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/**
 * Members' and the hold-out's totals (analytics.ts GroupTotals plus Σ orders²), from the [shop, holdOut, orders,
 * revenueMinor, …] index alone. Squares are summed as 1.0 × x × x: exact numeric on PostgreSQL, a double on SQLite,
 * never an int8 overflow. A scan of the shop's statistics: the Impact page reads it once a day (analytics-figures.ts).
 */
export async function groupTotals(db: SqlDb, shop: string): Promise<{ members: GroupTotalsWithSquares; holdOut: GroupTotalsWithSquares }> {
  const rows = await db
    .selectFrom("CustomerStats")
    .select("holdOut")
    .select([
      sql<number>`COUNT(*)`.as("customers"),
      sql<number>`SUM(CASE WHEN "orders" >= 2 THEN 1 ELSE 0 END)`.as("repeatCustomers"),
      sql<number>`SUM("orders")`.as("orders"),
      sql<number>`SUM("revenueMinor")`.as("revenueMinor"),
      sql<number>`SUM(1.0 * "revenueMinor" * "revenueMinor")`.as("revenueSquares"),
      sql<number>`SUM(1.0 * "orders" * "orders")`.as("orderSquares"),
    ])
    .where("shop", "=", shop)
    .where("orders", ">", 0)
    .groupBy("holdOut")
    .execute();
  const empty = (): GroupTotalsWithSquares => ({ customers: 0, repeatCustomers: 0, orders: 0, revenueMinor: 0, revenueSquares: 0, orderSquares: 0 });
  const result = { members: empty(), holdOut: empty() };
  for (const row of rows) {
    const target = Number(row.holdOut) ? result.holdOut : result.members;
    target.customers = numberOf(row.customers);
    target.repeatCustomers = numberOf(row.repeatCustomers);
    target.orders = numberOf(row.orders);
    target.revenueMinor = numberOf(row.revenueMinor);
    target.revenueSquares = numberOf(row.revenueSquares);
    target.orderSquares = numberOf(row.orderSquares);
  }
  return result;
}

/** One customer's statistics, or null before their first order. */
export async function customerStats(db: SqlDb, shop: string, customerId: string) {
  const row = await db.selectFrom("CustomerStats").selectAll().where("shop", "=", shop).where("customerId", "=", customerId).executeTakeFirst();
  return row ? { holdOut: Boolean(Number(row.holdOut)), orders: row.orders, revenueMinor: Number(row.revenueMinor) } : null;
}
