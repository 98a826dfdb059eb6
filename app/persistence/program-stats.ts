// How the program performs over a period: the admin Home's figures and chart.
//
// Points come from the ledger, summed by day and kind: days that are over are summed once into LedgerDay and read
// from there; the current day is summed from the ledger's covering index [shop, createdAt, kind, availableDelta,
// pendingDelta]. Outstanding points are the members' cached balances, which always equal the ledger's sums. Orders
// come from the order records the webhooks keep, summed by day of payment the same way (OrderDay,
// app/persistence/order-days.ts); customers from the per-customer statistics (CustomerStats); orders that used a
// reward from the redemptions.
//
// Definitions (stated on the page too):
//   issued     points granted in the period: earned on orders (while still pending), bonuses, staff additions
//   imported   balances brought over from another app (kept apart so a migration does not look like earning)
//   redeemed   points spent on rewards, less the points given back for rewards that failed or expired unused
//   reversed   points taken back for refunds and cancellations; expired; removed by staff
//   redemption rate = redeemed ÷ issued in the period
//   repeat-purchase rate = customers with two or more orders in the period ÷ customers with at least one
// Days are UTC.
import type { Db, SqlDb } from "../db.server";
import { instant, rawQueryInstant } from "../db/dialect";
import { isUniqueViolation } from "../db/errors";
import { numberFromBigInt } from "../db/big-int";
import type { RewardDefinition } from "../rules/rewards";
import { orderSumsForPeriod, splitAtSettled, utcDay, type OrderGroupSums } from "./order-days";

export const PERIODS = [7, 30, 90, 365] as const;
export type PeriodDays = (typeof PERIODS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

export type Period = { days: PeriodDays; from: Date; to: Date };

/** The last `days` UTC days, today included: from the start of the first to `now`. */
export function periodEndingAt(now: Date, days: PeriodDays): Period {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return { days, from: new Date(today - (days - 1) * DAY_MS), to: now };
}

export type DayPoints = { day: string; issued: number; redeemed: number };

export type PointsTotals = {
  issued: number;
  imported: number;
  redeemed: number;
  reversed: number;
  expired: number;
  removedByStaff: number;
};

export type KindSums = { day: string; kind: string; available: number; pending: number; gained: number };

function emptyTotals(): PointsTotals {
  return { issued: 0, imported: 0, redeemed: 0, reversed: 0, expired: 0, removedByStaff: 0 };
}

/** Classifies one day's sums of one kind of entry (see the definitions at the top). Pure. */
export function addKindSums(totals: PointsTotals, sums: KindSums): { issued: number; redeemed: number } {
  const both = sums.available + sums.pending;
  let issued = 0;
  let redeemed = 0;
  switch (sums.kind) {
    case "earn_pending":
    case "action_bonus":
      issued = both;
      break;
    case "adjust":
      issued = sums.gained;
      totals.removedByStaff += sums.gained - sums.available;
      break;
    case "import":
      totals.imported += both;
      break;
    case "redeem":
    case "redeem_return":
      redeemed = -sums.available;
      break;
    case "reverse":
      totals.reversed += -both;
      break;
    case "expire":
      totals.expired += -both;
      break;
    default:
      // release moves points from pending to available: neither issued nor spent.
      break;
  }
  totals.issued += issued;
  totals.redeemed += redeemed;
  return { issued, redeemed };
}

/**
 * A count or sum from a raw query as a number. Sums of the BigInt point columns are `numeric` on PostgreSQL, which
 * Prisma gives as a Decimal; counts are bigint; SQLite gives numbers.
 */
function num(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === "number") return value;
  if (typeof value === "bigint" || typeof value === "string" || typeof value === "object") return numberFromBigInt(Number(String(value)));
  return 0;
}

/**
 * The ledger's sums by UTC day and kind for entries in [from, to], read from the ledger's covering index. The day is
 * the first ten characters of the instant's text, which is the same SQL on both databases (PostgreSQL's text of a
 * timestamp and SQLite's stored text both start with YYYY-MM-DD).
 */
async function ledgerSumsFromEntries(db: Db, shop: string, period: { from: Date; to: Date }): Promise<KindSums[]> {
  type Row = { day: string; kind: string; available: unknown; pending: unknown; gained: unknown };
  const rows = await db.$queryRaw<Row[]>`
    SELECT substr(CAST("createdAt" AS TEXT), 1, 10) AS day, "kind" AS kind,
           SUM("availableDelta") AS available, SUM("pendingDelta") AS pending,
           SUM(CASE WHEN "availableDelta" > 0 THEN "availableDelta" ELSE 0 END) AS gained
    FROM "LedgerEntry"
    WHERE "shop" = ${shop} AND "createdAt" >= ${rawQueryInstant(period.from)} AND "createdAt" <= ${rawQueryInstant(period.to)}
    GROUP BY 1, 2`;
  return rows.map((row) => ({ day: row.day, kind: row.kind, available: num(row.available), pending: num(row.pending), gained: num(row.gained) }));
}

type DaySums = Record<string, { available: number; pending: number; gained: number }>;

/**
 * The period's ledger sums by day and kind. Settled days come from LedgerDay (summed from the ledger the first time
 * a view needs them, then kept); the rest — today, and yesterday in its first hour — from the ledger itself. So
 * the Home page reads a few hundred summary rows and one day of entries, however long the ledger is.
 */
async function ledgerSumsByDay(db: Db, shop: string, period: Period): Promise<KindSums[]> {
  const { settledDays: wantedDays, liveFrom } = splitAtSettled(period);

  const stored = wantedDays.length
    ? await db.ledgerDay.findMany({ where: { shop, day: { gte: wantedDays[0]!, lte: wantedDays.at(-1)! } }, select: { day: true, sums: true } })
    : [];
  const byDay = new Map(stored.map((row) => [row.day, JSON.parse(row.sums) as DaySums]));
  const missing = wantedDays.filter((day) => !byDay.has(day));
  if (missing.length) {
    const from = new Date(`${missing[0]}T00:00:00.000Z`);
    const to = new Date(new Date(`${missing.at(-1)}T00:00:00.000Z`).getTime() + DAY_MS - 1);
    const computed = new Map<string, DaySums>(missing.map((day) => [day, {}]));
    for (const row of await ledgerSumsFromEntries(db, shop, { from, to })) {
      const day = computed.get(row.day);
      if (day) day[row.kind] = { available: row.available, pending: row.pending, gained: row.gained };
    }
    try {
      await db.ledgerDay.createMany({ data: [...computed].map(([day, sums]) => ({ shop, day, sums: JSON.stringify(sums) })) });
    } catch (error) {
      // Another view summed some of the same days at the same moment; its rows hold the same sums.
      if (!isUniqueViolation(error)) throw error;
    }
    for (const [day, sums] of computed) byDay.set(day, sums);
  }

  const settled: KindSums[] = [...byDay].flatMap(([day, sums]) => Object.entries(sums).map(([kind, s]) => ({ day, kind, ...s })));
  const live = await ledgerSumsFromEntries(db, shop, { from: liveFrom, to: period.to });
  return [...settled, ...live];
}

export type OrderFigures = {
  memberOrders: number;
  guestOrders: number;
  /** Average net sales of orders, minor units; null when no order in the group has its amount recorded. */
  memberAverageMinor: number | null;
  guestAverageMinor: number | null;
  /** Of the members who ordered in the period, the share with 2+ orders in all (CustomerStats); null without any. */
  memberRepeatRate: number | null;
  /** Orders that used a redeemed reward's code, and what they sold. */
  rewardOrders: number;
  rewardOrdersNetSalesMinor: number | null;
};

/**
 * Members who ordered in the period, and how many of them have ordered at least twice in all (the returning-customer
 * rate). Counting customers is not a sum by day, so it comes from the per-customer statistics the order path keeps
 * (CustomerStats: lifetime orders and the last order's time), one pass over the shop's rows of its index, instead of
 * grouping every order of the period by customer (that grouping took most of Home's time at 460,000 orders). The
 * period ends now, so "ordered in the period" is "last order at or after its start". The hold-out is not members.
 */
async function repeatCustomers(db: SqlDb, shop: string, period: Period): Promise<{ customers: number; repeaters: number }> {
  const row = await db
    .selectFrom("CustomerStats")
    .select((eb) => [eb.fn.countAll<number>().as("customers"), eb.fn.count<number>(eb.case().when("orders", ">=", 2).then(eb.lit(1)).end()).as("repeaters")])
    .where("shop", "=", shop)
    .where("holdOut", "=", false)
    .where("orders", ">", 0)
    .where("lastOrderAt", ">=", instant(period.from))
    .where("lastOrderAt", "<=", instant(period.to))
    .executeTakeFirstOrThrow();
  return { customers: num(row.customers), repeaters: num(row.repeaters) };
}

/**
 * Orders (distinct) that used a redeemed reward's code in the period, and what they sold: the net sales are the ones
 * markCodesUsed copied onto the redemption, so this reads the index [shop, status, finishedAt, orderId,
 * orderNetSalesMinor] alone (joining the order records was most of Home's time at 460,000 orders). An order that used
 * two codes counts once.
 */
async function ordersThatUsedRewards(db: SqlDb, shop: string, period: Period) {
  const used = db
    .selectFrom("Redemption")
    .select((eb) => ["orderId", eb.fn.max("orderNetSalesMinor").as("netSales")])
    .where("shop", "=", shop)
    .where("status", "=", "used")
    .where("orderId", "is not", null)
    .where("finishedAt", ">=", instant(period.from))
    .where("finishedAt", "<=", instant(period.to))
    .groupBy("orderId")
    .as("used");
  const row = await db
    .selectFrom(used)
    .select((eb) => [eb.fn.countAll<number>().as("orders"), eb.fn.count<number>("netSales").as("withAmount"), eb.fn.sum<number>("netSales").as("netSales")])
    .executeTakeFirstOrThrow();
  return { orders: num(row.orders), withAmount: num(row.withAmount), netSalesMinor: num(row.netSales) };
}

async function orderFigures(db: SqlDb, shop: string, period: Period): Promise<OrderFigures> {
  const [sums, repeat, rewardOrders] = await Promise.all([orderSumsForPeriod(db, shop, period), repeatCustomers(db, shop, period), ordersThatUsedRewards(db, shop, period)]);
  const average = (group: OrderGroupSums) => (group.withAmount > 0 ? Math.round(group.netSalesMinor / group.withAmount) : null);
  return {
    memberOrders: sums.members.orders,
    guestOrders: sums.guests.orders,
    memberAverageMinor: average(sums.members),
    guestAverageMinor: average(sums.guests),
    memberRepeatRate: repeat.customers ? repeat.repeaters / repeat.customers : null,
    rewardOrders: rewardOrders.orders,
    rewardOrdersNetSalesMinor: rewardOrders.orders > 0 && rewardOrders.withAmount > 0 ? rewardOrders.netSalesMinor : null,
  };
}

/**
 * What one point is worth at most, as a fraction amountMinor / points of the best money-valued enabled reward, or
 * null if no reward has a money value. Outstanding points × this is the liability if every point were spent there.
 */
export function bestPointValue(rewards: Array<Pick<RewardDefinition, "type" | "pointsCost" | "amountMinor" | "enabled">>) {
  let best: { amountMinor: number; points: number } | null = null;
  for (const reward of rewards) {
    if (!reward.enabled || reward.amountMinor === null || reward.pointsCost <= 0) continue;
    if (!["fixed_amount", "store_credit", "variable_amount"].includes(reward.type)) continue;
    if (!best || reward.amountMinor * best.points > best.amountMinor * reward.pointsCost) {
      best = { amountMinor: reward.amountMinor, points: reward.pointsCost };
    }
  }
  return best;
}

/** floor(points × amountMinor / per), exact for any size. Negative outstanding (overdrawn members) counts as 0. */
export function pointsWorthMinor(points: number, value: { amountMinor: number; points: number }): number {
  if (points <= 0) return 0;
  return Number((BigInt(points) * BigInt(value.amountMinor)) / BigInt(value.points));
}

export type ProgramStats = {
  period: { days: PeriodDays; from: string; to: string };
  members: { total: number; joined: number };
  points: PointsTotals & { outstandingAvailable: number; outstandingPending: number };
  redemptionRate: number | null;
  liability: { valueMinor: number; perPoints: number; amountMinor: number } | null;
  orders: OrderFigures;
  series: DayPoints[];
};

/** `db` and `sqlDb` are the two handles of the same database (app/db.server.ts). */
export async function getProgramStats(db: Db, sqlDb: SqlDb, shop: string, days: PeriodDays, now = new Date()): Promise<ProgramStats> {
  const period = periodEndingAt(now, days);
  const [sums, totalMembers, joined, balances, rewards, orders] = await Promise.all([
    ledgerSumsByDay(db, shop, period),
    db.member.count({ where: { shop } }),
    db.member.count({ where: { shop, createdAt: { gte: period.from, lte: period.to } } }),
    db.member.aggregate({ where: { shop }, _sum: { availablePoints: true, pendingPoints: true } }),
    db.reward.findMany({ where: { shop, enabled: true }, select: { type: true, pointsCost: true, amountMinor: true, enabled: true } }),
    orderFigures(sqlDb, shop, period),
  ]);

  const totals = emptyTotals();
  const byDay = new Map<string, DayPoints>();
  for (let i = 0; i < days; i += 1) {
    const day = utcDay(new Date(period.from.getTime() + i * DAY_MS));
    byDay.set(day, { day, issued: 0, redeemed: 0 });
  }
  for (const row of sums) {
    const { issued, redeemed } = addKindSums(totals, row);
    const day = byDay.get(row.day);
    if (day) {
      day.issued += issued;
      day.redeemed += redeemed;
    }
  }
  const outstandingAvailable = numberFromBigInt(balances._sum.availablePoints ?? 0);
  const outstandingPending = numberFromBigInt(balances._sum.pendingPoints ?? 0);
  const value = bestPointValue(rewards.map((reward) => ({ ...reward, type: reward.type as RewardDefinition["type"] })));
  return {
    period: { days, from: period.from.toISOString(), to: period.to.toISOString() },
    members: { total: totalMembers, joined },
    points: { ...totals, outstandingAvailable, outstandingPending },
    redemptionRate: totals.issued > 0 ? totals.redeemed / totals.issued : null,
    liability: value
      ? { valueMinor: pointsWorthMinor(outstandingAvailable + outstandingPending, value), perPoints: value.points, amountMinor: value.amountMinor }
      : null,
    orders,
    series: [...byDay.values()],
  };
}
