// The Impact page's figures: members vs the hold-out from the per-customer statistics, before/after launch and cohort
// retention from the order records, segment counts. Computed at most once an hour per shop (the scans they need are
// over indexes, but not per view) and kept in AnalyticsDay for the rest of the hour; derived data, safe to delete.
import type { SqlDb } from "../db.server";
import { sql } from "kysely";
import { instant, readInstant } from "../db/dialect";
import { COMPARISON_PERIODS, compareGroups, type Comparison, type ComparisonPeriod } from "../rules/analytics-impact";
import { DEFAULT_ACTIVE_DAYS, beforeAfter, cohortRetention, emptyTotals, addCustomer, monthIn, newCustomersPerMonth, type BeforeAfter, type GroupTotals } from "../rules/analytics";
import { SEGMENTS, type Segment, type SegmentThresholds } from "../rules/analytics-segments";
import { groupTotals } from "./customer-stats";
import { segmentCase } from "./segment-sql";
import { getAnalyticsSettings } from "./analytics-settings";
import { shopTimeZone } from "./shops";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export type ImpactFigures = {
  computedAt: string;
  holdOut: { percent: number; since: string | null };
  comparison: Comparison;
  /** Members vs the hold-out over the orders of the last 30, 90 and 365 days (periodComparisons). */
  periods: Record<ComparisonPeriod, Comparison>;
  launchedAt: string | null;
  /** Orders in the year before launch vs since: not causal (other things changed too). */
  beforeAfter: (BeforeAfter & { before: GroupTotals; after: GroupTotals }) | null;
  cohorts: { month: string; size: number; retained: number[] }[];
  newCustomers: { month: string; customers: number }[];
  segments: Record<Segment, number>;
  /** Members (not held out) whose last order is within DEFAULT_ACTIVE_DAYS. */
  activeMembers: number;
  /** Money value of rewards redeemed in the comparison window (points × the best reward's value per point). */
  rewardCostMinor: number;
  /** Points figures of the last 365 days (program-stats.ts), kept with the rest so a view reads them back too. */
  points: PointsFigures;
};

export type PointsFigures = { rewardCostMinor: number; redemptionRate: number | null; liabilityMinor: number | null };

/** Members per segment (the hold-out is left out: it is not the merchant's to target), one grouped scan of the index. */
export async function segmentCounts(db: SqlDb, shop: string, thresholds: SegmentThresholds, now: Date): Promise<Record<Segment, number>> {
  const rows = await db
    .selectFrom("CustomerStats")
    .select([segmentCase(thresholds, now).as("segment"), sql<number>`COUNT(*)`.as("count")])
    .where("shop", "=", shop)
    .where("holdOut", "=", false)
    .where("orders", ">", 0)
    .groupBy(sql`1`)
    .execute();
  const counts = Object.fromEntries(SEGMENTS.map((segment) => [segment, 0])) as Record<Segment, number>;
  for (const row of rows) counts[row.segment] = Number(row.count);
  return counts;
}

async function activeMemberCount(db: SqlDb, shop: string, now: Date) {
  const row = await db
    .selectFrom("CustomerStats")
    .select(sql<number>`COUNT(*)`.as("count"))
    .where("shop", "=", shop)
    .where("holdOut", "=", false)
    .where("orders", ">", 0)
    .where("lastOrderAt", ">=", instant(new Date(now.getTime() - DEFAULT_ACTIVE_DAYS * DAY_MS)))
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/**
 * Members vs the hold-out counting only the orders paid in each of the last 30, 90 and 365 days (cancelled ones and
 * guests left out): a customer is in a period's group when they ordered in it, and "repeat" means two or more orders
 * in it. The hold-out flag comes from the customer's statistics (no row: not in the hold-out). One grouped scan of
 * the year's orders, each window a conditional sum. Rewards' cost is not split by period: these comparisons carry
 * none (the page shows incremental and net figures for the whole time since the hold-out started only).
 */
export async function periodComparisons(db: SqlDb, shop: string, now: Date): Promise<Record<ComparisonPeriod, Comparison>> {
  const from = (days: number) => instant(new Date(now.getTime() - days * DAY_MS));
  const within = (days: number, value: ReturnType<typeof sql>) => sql<number>`SUM(CASE WHEN "OrderRecord"."paidAt" >= ${from(days)} THEN ${value} ELSE 0 END)`;
  const one = sql`1`;
  const revenue = sql`COALESCE("OrderRecord"."netSalesMinor", 0)`;
  const rows = await db
    .selectFrom("OrderRecord")
    .leftJoin("CustomerStats", (join) => join.onRef("CustomerStats.shop", "=", "OrderRecord.shop").onRef("CustomerStats.customerId", "=", "OrderRecord.customerId"))
    .select([
      "CustomerStats.holdOut",
      within(30, one).as("orders30"),
      within(30, revenue).as("revenue30"),
      within(90, one).as("orders90"),
      within(90, revenue).as("revenue90"),
      within(365, one).as("orders365"),
      within(365, revenue).as("revenue365"),
    ])
    .where("OrderRecord.shop", "=", shop)
    .where("OrderRecord.paidAt", ">=", from(365))
    .where("OrderRecord.paidAt", "<=", instant(now))
    .where("OrderRecord.cancelledAt", "is", null)
    .where("OrderRecord.customerId", "is not", null)
    .groupBy(["OrderRecord.customerId", "CustomerStats.holdOut"])
    .execute();
  const empty = () => ({ ...emptyTotals(), orderSquares: 0 });
  const result = {} as Record<ComparisonPeriod, Comparison>;
  for (const period of COMPARISON_PERIODS) {
    const groups = { members: empty(), holdOut: empty() };
    for (const row of rows) {
      const orders = Number(row[`orders${period}`] ?? 0);
      if (orders <= 0) continue;
      const group = row.holdOut !== null && Number(row.holdOut) ? groups.holdOut : groups.members;
      addCustomer(group, { orders, revenueMinor: Number(row[`revenue${period}`] ?? 0) });
      group.orderSquares += orders * orders;
    }
    result[period] = compareGroups(groups.members, groups.holdOut, 0);
  }
  return result;
}

/** Per customer: orders and net sales of the order records in [from, to), cancelled orders left out. */
async function ordersBetween(db: SqlDb, shop: string, from: Date, to: Date) {
  return db
    .selectFrom("OrderRecord")
    .select(["customerId", sql<number>`COUNT(*)`.as("orders"), sql<number>`SUM(COALESCE("netSalesMinor", 0))`.as("revenue")])
    .where("shop", "=", shop)
    .where("paidAt", ">=", instant(from))
    .where("paidAt", "<", instant(to))
    .where("cancelledAt", "is", null)
    .where("customerId", "is not", null)
    .groupBy("customerId")
    .execute();
}

function totalsOfRows(rows: { orders: unknown; revenue: unknown }[]): GroupTotals {
  const totals = emptyTotals();
  for (const row of rows) addCustomer(totals, { orders: Number(row.orders), revenueMinor: Number(row.revenue ?? 0) });
  return totals;
}

async function computeFigures(db: SqlDb, shop: string, pointsFigures: () => Promise<PointsFigures>, now: Date): Promise<ImpactFigures> {
  const [settings, zone, groups, points] = await Promise.all([getAnalyticsSettings(db, shop), shopTimeZone(db, shop), groupTotals(db, shop), pointsFigures()]);
  const { rewardCostMinor } = points;
  const firstMember = await db.selectFrom("Member").select("createdAt").where("shop", "=", shop).orderBy("createdAt", "asc").limit(1).executeTakeFirst();
  const launchedAt = settings.launchedAt ?? readInstant(firstMember?.createdAt ?? null);

  let before: ImpactFigures["beforeAfter"] = null;
  if (launchedAt) {
    const [beforeRows, afterRows] = await Promise.all([
      ordersBetween(db, shop, new Date(launchedAt.getTime() - 365 * DAY_MS), launchedAt),
      ordersBetween(db, shop, launchedAt, now),
    ]);
    const b = totalsOfRows(beforeRows);
    const a = totalsOfRows(afterRows);
    before = { ...beforeAfter(b, a), before: b, after: a };
  }

  // Cohorts of the last 12 months, by the month of each customer's first order (shop time zone).
  const since = new Date(now.getTime() - 365 * DAY_MS);
  const firsts = await db
    .selectFrom("CustomerStats")
    .select(["customerId", "firstOrderAt"])
    .where("shop", "=", shop)
    .where("holdOut", "=", false)
    .where("firstOrderAt", ">=", instant(since))
    .execute();
  const orderRows = await db
    .selectFrom("OrderRecord")
    .select(["customerId", "paidAt"])
    .where("shop", "=", shop)
    .where("paidAt", ">=", instant(since))
    .where("cancelledAt", "is", null)
    .where("customerId", "is not", null)
    .execute();
  const months = new Map<string, Set<string>>();
  for (const row of orderRows) {
    const set = months.get(row.customerId!) ?? new Set<string>();
    set.add(monthIn(readInstant(row.paidAt), zone));
    months.set(row.customerId!, set);
  }
  const cohorts = cohortRetention(
    firsts.filter((row) => row.firstOrderAt).map((row) => ({ firstMonth: monthIn(readInstant(row.firstOrderAt!), zone), orderMonths: [...(months.get(row.customerId) ?? [])] })),
    monthIn(now, zone),
  );

  return {
    computedAt: now.toISOString(),
    holdOut: { percent: settings.holdOutPercent, since: settings.holdOutSince?.toISOString() ?? null },
    comparison: compareGroups(groups.members, groups.holdOut, rewardCostMinor),
    periods: await periodComparisons(db, shop, now),
    launchedAt: launchedAt?.toISOString() ?? null,
    beforeAfter: before,
    cohorts,
    newCustomers: newCustomersPerMonth(firsts.map((row) => readInstant(row.firstOrderAt)), zone),
    segments: await segmentCounts(db, shop, settings.segments, now),
    activeMembers: await activeMemberCount(db, shop, now),
    rewardCostMinor,
    points,
  };
}

/**
 * The figures as of at most an hour ago: computed on the first view that needs them, then read from AnalyticsDay.
 * `pointsFigures` (the ledger's 365-day sums, Home's costliest read) is only called when computing.
 */
export async function getImpactFigures(db: SqlDb, shop: string, pointsFigures: () => Promise<PointsFigures>, now = new Date()): Promise<ImpactFigures> {
  const day = now.toISOString().slice(0, 10);
  const stored = await db.selectFrom("AnalyticsDay").select("figures").where("shop", "=", shop).where("day", "=", day).executeTakeFirst();
  if (stored) {
    const figures = JSON.parse(stored.figures) as ImpactFigures;
    if (now.getTime() - Date.parse(figures.computedAt) < HOUR_MS && figures.points && figures.periods) return figures;
  }
  const figures = await computeFigures(db, shop, pointsFigures, now);
  await db
    .insertInto("AnalyticsDay")
    .values({ shop, day, figures: JSON.stringify(figures) })
    .onConflict((conflict) => conflict.columns(["shop", "day"]).doUpdateSet({ figures: JSON.stringify(figures) }))
    .execute();
  return figures;
}

/** Drops the stored figures (after settings change), so the next view computes them again. */
export async function forgetImpactFigures(db: SqlDb, shop: string) {
  await db.deleteFrom("AnalyticsDay").where("shop", "=", shop).execute();
}

/** The last figures stored for the shop, without computing anything (Home shows them when there are some). */
export async function storedImpactFigures(db: SqlDb, shop: string): Promise<ImpactFigures | null> {
  const row = await db.selectFrom("AnalyticsDay").select("figures").where("shop", "=", shop).orderBy("day", "desc").limit(1).executeTakeFirst();
  return row ? (JSON.parse(row.figures) as ImpactFigures) : null;
}
