// The program's KPIs as pure functions of counts and per-customer figures (app/persistence/customer-stats.ts keeps
// those figures; the Impact page and Home pass them in). Money is integer minor units of the shop currency.
// Every ratio is null when its denominator is zero: "no data" is not 0%.
//
// Definitions (the Impact page states them in the merchant's language, analytics.kpi.* in the locale files):
//   participation rate   members who ordered ÷ customers who ordered (members + hold-out + non-members)
//   active members       members whose last order is within `activeDays` (default 90) of now
//   redemption rate      points redeemed ÷ points issued, over the same period
//   points liability     outstanding points (available + pending) × the money one point buys, rounded half up
//   repeat-purchase rate customers with two or more orders ÷ customers with at least one
//   purchase frequency   orders ÷ customers who ordered
//   AOV                  net revenue ÷ orders (rounded half up to a minor unit)
//   LTV                  net revenue per customer who ordered, since their first order (members vs others)
//   new customers/month  customers whose first order falls in that month of the shop's time zone

export const DAY_MS = 24 * 60 * 60 * 1000;

/** What the analytics know of one customer: kept incrementally by the order path. */
export type CustomerFigures = {
  /** Paid orders less cancelled ones. */
  orders: number;
  /** Net sales of those orders less refunds, minor units. */
  revenueMinor: number;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
};

export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** Half-up division to a whole minor unit (revenue is never fractional cents). */
export function divideMinor(total: number, count: number): number | null {
  return count > 0 ? Math.round(total / count) : null;
}

export function participationRate(membersWhoOrdered: number, customersWhoOrdered: number): number | null {
  return ratio(membersWhoOrdered, customersWhoOrdered);
}

export const DEFAULT_ACTIVE_DAYS = 90;

export function isActive(lastOrderAt: Date | null, now: Date, activeDays = DEFAULT_ACTIVE_DAYS): boolean {
  return lastOrderAt !== null && now.getTime() - lastOrderAt.getTime() <= activeDays * DAY_MS;
}

export function activeMembers(members: readonly Pick<CustomerFigures, "lastOrderAt">[], now: Date, activeDays = DEFAULT_ACTIVE_DAYS): number {
  return members.filter((member) => isActive(member.lastOrderAt, now, activeDays)).length;
}

export function redemptionRate(redeemedPoints: number, issuedPoints: number): number | null {
  return ratio(redeemedPoints, issuedPoints);
}

/** What one point is worth: `minor` minor units buy `points` points (e.g. $5.00 off for 500 points: 500 / 500). */
export type PointValue = { points: number; minor: number };

/** Outstanding points as money, rounded half up to a minor unit. Null when no reward states a value. */
export function pointsLiabilityMinor(outstandingPoints: number, value: PointValue | null): number | null {
  if (!value || value.points <= 0) return null;
  return Math.round((outstandingPoints * value.minor) / value.points);
}

/** Aggregates of a group of customers, enough for every KPI below and for the intervals in analytics-impact.ts. */
export type GroupTotals = {
  /** Customers with at least one (net) order. */
  customers: number;
  /** Of them, with two or more. */
  repeatCustomers: number;
  orders: number;
  revenueMinor: number;
  /** Σ revenue² per customer, for the variance of revenue per customer (Welch interval). */
  revenueSquares: number;
};

export function emptyTotals(): GroupTotals {
  return { customers: 0, repeatCustomers: 0, orders: 0, revenueMinor: 0, revenueSquares: 0 };
}

export function totalsOf(customers: readonly Pick<CustomerFigures, "orders" | "revenueMinor">[]): GroupTotals {
  const totals = emptyTotals();
  for (const customer of customers) addCustomer(totals, customer);
  return totals;
}

/** Customers with no net order (everything cancelled) are left out: they are not customers who ordered. */
export function addCustomer(totals: GroupTotals, customer: Pick<CustomerFigures, "orders" | "revenueMinor">): GroupTotals {
  if (customer.orders <= 0) return totals;
  totals.customers += 1;
  if (customer.orders >= 2) totals.repeatCustomers += 1;
  totals.orders += customer.orders;
  totals.revenueMinor += customer.revenueMinor;
  totals.revenueSquares += customer.revenueMinor * customer.revenueMinor;
  return totals;
}

export function repeatPurchaseRate(totals: Pick<GroupTotals, "customers" | "repeatCustomers">): number | null {
  return ratio(totals.repeatCustomers, totals.customers);
}

export function purchaseFrequency(totals: Pick<GroupTotals, "customers" | "orders">): number | null {
  return ratio(totals.orders, totals.customers);
}

export function averageOrderValueMinor(totals: Pick<GroupTotals, "orders" | "revenueMinor">): number | null {
  return divideMinor(totals.revenueMinor, totals.orders);
}

/** Lifetime value so far: net revenue per customer who ordered. */
export function lifetimeValueMinor(totals: Pick<GroupTotals, "customers" | "revenueMinor">): number | null {
  return divideMinor(totals.revenueMinor, totals.customers);
}

/** Month (YYYY-MM) of an instant in an IANA time zone. */
export function monthIn(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" }).formatToParts(at);
  const year = parts.find((part) => part.type === "year")!.value;
  const month = parts.find((part) => part.type === "month")!.value;
  return `${year}-${month}`;
}

/** New customers per shop-local month, oldest month first; months with none in between are listed with 0. */
export function newCustomersPerMonth(firstOrders: readonly (Date | null)[], timeZone: string): { month: string; customers: number }[] {
  const counts = new Map<string, number>();
  for (const at of firstOrders) {
    if (!at) continue;
    const month = monthIn(at, timeZone);
    counts.set(month, (counts.get(month) ?? 0) + 1);
  }
  const months = [...counts.keys()].sort();
  if (months.length === 0) return [];
  const result: { month: string; customers: number }[] = [];
  for (let month = months[0]!; month <= months[months.length - 1]!; month = nextMonth(month)) {
    result.push({ month, customers: counts.get(month) ?? 0 });
  }
  return result;
}

export function nextMonth(month: string): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, "0")}`;
}

/** A before/after comparison like the seed's table (AOV 120 → 160; returning customers 30% → 50%). Not causal. */
export type BeforeAfter = {
  aovMinor: { before: number | null; after: number | null; change: number | null };
  repeatRate: { before: number | null; after: number | null; change: number | null };
};

export function beforeAfter(before: GroupTotals, after: GroupTotals): BeforeAfter {
  const aovBefore = averageOrderValueMinor(before);
  const aovAfter = averageOrderValueMinor(after);
  const repeatBefore = repeatPurchaseRate(before);
  const repeatAfter = repeatPurchaseRate(after);
  return {
    aovMinor: { before: aovBefore, after: aovAfter, change: aovBefore !== null && aovAfter !== null ? aovAfter - aovBefore : null },
    repeatRate: { before: repeatBefore, after: repeatAfter, change: repeatBefore !== null && repeatAfter !== null ? repeatAfter - repeatBefore : null },
  };
}

/**
 * Cohort retention: for each month of a customer's first order, the share of that cohort who ordered again in each
 * following month (index 0 = the month they joined, always 100%). `orderMonths`: each customer's distinct order months.
 */
export function cohortRetention(customers: readonly { firstMonth: string; orderMonths: readonly string[] }[], lastMonth: string): { month: string; size: number; retained: number[] }[] {
  const cohorts = new Map<string, { size: number; counts: number[] }>();
  for (const customer of customers) {
    const cohort = cohorts.get(customer.firstMonth) ?? { size: 0, counts: [] };
    cohort.size += 1;
    const seen = new Set(customer.orderMonths);
    let offset = 0;
    for (let month = customer.firstMonth; month <= lastMonth; month = nextMonth(month), offset++) {
      if (seen.has(month) || offset === 0) cohort.counts[offset] = (cohort.counts[offset] ?? 0) + 1;
      else cohort.counts[offset] = cohort.counts[offset] ?? 0;
    }
    cohorts.set(customer.firstMonth, cohort);
  }
  return [...cohorts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([month, cohort]) => ({ month, size: cohort.size, retained: cohort.counts.map((count) => count / cohort.size) }));
}
