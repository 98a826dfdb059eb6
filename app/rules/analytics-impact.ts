// Does the program pay for itself? Members compared with the hold-out group (customers left out of the program at
// random, app/rules/hold-out.ts), with 95% confidence intervals, and a verdict in words.
//
// Methods (stated on the Impact page too):
//   - repeat-purchase rate (a proportion): Newcombe's hybrid score interval for the difference of two independent
//     proportions (Newcombe 1998, method 10), built from each group's Wilson score interval;
//   - revenue per customer, orders per customer (means): Welch's t interval for the difference of two means with the
//     Welch–Satterthwaite degrees of freedom (no equal-variance assumption; exact Student t quantile below);
//   - AOV is reported per group with no interval (orders of one customer are not independent).
// Everything is closed-form and deterministic: the same figures always give the same interval.
//
// The verdict waits for MIN_GROUP_CUSTOMERS customers who ordered in each group: below that an interval is too wide
// to say anything and the page says "not enough data yet".
import { averageOrderValueMinor, divideMinor, purchaseFrequency, repeatPurchaseRate, type GroupTotals } from "./analytics";

export const MIN_GROUP_CUSTOMERS = 100;
/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

export type Interval = { estimate: number; low: number; high: number };

/** Wilson score interval for x successes out of n (95%). */
export function wilsonInterval(x: number, n: number): Interval | null {
  if (n <= 0) return null;
  const p = x / n;
  const z2 = Z95 * Z95;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (Z95 / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { estimate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Newcombe's hybrid score interval for p1 − p2 (95%). */
export function newcombeDifference(x1: number, n1: number, x2: number, n2: number): Interval | null {
  const a = wilsonInterval(x1, n1);
  const b = wilsonInterval(x2, n2);
  if (!a || !b) return null;
  const d = a.estimate - b.estimate;
  return {
    estimate: d,
    low: d - Math.sqrt((a.estimate - a.low) ** 2 + (b.high - b.estimate) ** 2),
    high: d + Math.sqrt((a.high - a.estimate) ** 2 + (b.estimate - b.low) ** 2),
  };
}

/** A sample summarised: count, sum and sum of squares. */
export type Moments = { n: number; sum: number; squares: number };

/** Welch's 95% interval for mean1 − mean2. Null with fewer than two in a group, or no variance at all. */
export function welchDifference(a: Moments, b: Moments): (Interval & { df: number }) | null {
  if (a.n < 2 || b.n < 2) return null;
  const meanA = a.sum / a.n;
  const meanB = b.sum / b.n;
  const varA = Math.max(0, (a.squares - a.n * meanA * meanA) / (a.n - 1));
  const varB = Math.max(0, (b.squares - b.n * meanB * meanB) / (b.n - 1));
  const termA = varA / a.n;
  const termB = varB / b.n;
  const se = Math.sqrt(termA + termB);
  const d = meanA - meanB;
  if (se === 0) return null;
  const df = (termA + termB) ** 2 / (termA ** 2 / (a.n - 1) + termB ** 2 / (b.n - 1));
  const t = studentTQuantile(0.975, df);
  return { estimate: d, low: d - t * se, high: d + t * se, df };
}

// ── Student's t quantile: the regularized incomplete beta (continued fraction) inverted by bisection ────────────

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for x > 0.
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let sum = c[0]!;
  for (let i = 1; i < 9; i++) sum += c[i]! / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-14) break;
  }
  return h;
}

function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(a, b, x)) / a : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The t with P(T ≤ t) = p (p > 0.5), to ~1e-10. */
export function studentTQuantile(p: number, df: number): number {
  let low = 0;
  let high = 1;
  while (studentTCdf(high, df) < p) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-12; i++) {
    const mid = (low + high) / 2;
    if (studentTCdf(mid, df) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

// ── The comparison and its verdict ─────────────────────────────────────────────────────────────────────────────

export type Verdict = "not_enough_data" | "pays" | "members_buy_more" | "no_clear_difference" | "members_buy_less";

/** The Impact page's periods besides "since the hold-out started": the last 30, 90 and 365 days. */
export const COMPARISON_PERIODS = ["30", "90", "365"] as const;
export type ComparisonPeriod = (typeof COMPARISON_PERIODS)[number];

export type Comparison = {
  members: GroupSummary;
  holdOut: GroupSummary;
  repeatRateDifference: Interval | null;
  ordersPerCustomerDifference: Interval | null;
  revenuePerCustomerDifference: Interval | null;
  /** (members' revenue per customer − the hold-out's) × members who ordered: what the program added, minor units. */
  incrementalRevenueMinor: Interval | null;
  /** Incremental revenue less the money value of rewards redeemed in the same period. */
  netMinor: Interval | null;
  rewardCostMinor: number;
  verdict: Verdict;
  enoughData: boolean;
};

export type GroupSummary = {
  customers: number;
  repeatRate: number | null;
  ordersPerCustomer: number | null;
  revenuePerCustomerMinor: number | null;
  aovMinor: number | null;
};

export function summarise(totals: GroupTotals): GroupSummary {
  return {
    customers: totals.customers,
    repeatRate: repeatPurchaseRate(totals),
    ordersPerCustomer: purchaseFrequency(totals),
    revenuePerCustomerMinor: divideMinor(totals.revenueMinor, totals.customers),
    aovMinor: averageOrderValueMinor(totals),
  };
}

/** Members vs hold-out. `orderSquares`: Σ orders² per customer of each group, for the orders-per-customer interval. */
export function compareGroups(
  members: GroupTotals & { orderSquares: number },
  holdOut: GroupTotals & { orderSquares: number },
  rewardCostMinor: number,
  minCustomers = MIN_GROUP_CUSTOMERS,
): Comparison {
  const repeat = newcombeDifference(members.repeatCustomers, members.customers, holdOut.repeatCustomers, holdOut.customers);
  const orders = welchDifference({ n: members.customers, sum: members.orders, squares: members.orderSquares }, { n: holdOut.customers, sum: holdOut.orders, squares: holdOut.orderSquares });
  const revenue = welchDifference({ n: members.customers, sum: members.revenueMinor, squares: members.revenueSquares }, { n: holdOut.customers, sum: holdOut.revenueMinor, squares: holdOut.revenueSquares });
  const scale = (interval: Interval | null, by: number, less = 0): Interval | null =>
    interval ? { estimate: Math.round(interval.estimate * by) - less, low: Math.round(interval.low * by) - less, high: Math.round(interval.high * by) - less } : null;
  const incremental = scale(revenue, members.customers);
  const net = scale(revenue, members.customers, rewardCostMinor);
  const enoughData = members.customers >= minCustomers && holdOut.customers >= minCustomers;
  return {
    members: summarise(members),
    holdOut: summarise(holdOut),
    repeatRateDifference: repeat,
    ordersPerCustomerDifference: orders,
    revenuePerCustomerDifference: revenue,
    incrementalRevenueMinor: incremental,
    netMinor: net,
    rewardCostMinor,
    enoughData,
    verdict: verdictOf(enoughData, revenue, net),
  };
}

/**
 * In words: "pays" when even the interval's low end of incremental revenue exceeds what the rewards cost; "members
 * buy more" when members spend more per customer for sure but the rewards' cost is not surely covered; "members buy
 * less" when they surely spend less; otherwise no clear difference.
 */
export function verdictOf(enoughData: boolean, revenue: Interval | null, net: Interval | null): Verdict {
  if (!enoughData || !revenue) return "not_enough_data";
  if (net && net.low > 0) return "pays";
  if (revenue.low > 0) return "members_buy_more";
  if (revenue.high < 0) return "members_buy_less";
  return "no_clear_difference";
}
