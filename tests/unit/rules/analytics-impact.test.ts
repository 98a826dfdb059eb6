import { describe, expect, it } from "vitest";
import { compareGroups, MIN_GROUP_CUSTOMERS, newcombeDifference, studentTQuantile, welchDifference, wilsonInterval } from "../../../app/rules/analytics-impact";

describe("intervals", () => {
  it("Wilson: 81 of 263 gives 0.2553 to 0.3662 (Newcombe 1998, table I)", () => {
    const interval = wilsonInterval(81, 263)!;
    expect(interval.low).toBeCloseTo(0.2553, 4);
    expect(interval.high).toBeCloseTo(0.3662, 4);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it("Newcombe hybrid score: 56/70 − 48/80 gives 0.0524 to 0.3339 (Newcombe 1998, table II, method 10)", () => {
    const interval = newcombeDifference(56, 70, 48, 80)!;
    expect(interval.estimate).toBeCloseTo(0.2, 12);
    expect(interval.low).toBeCloseTo(0.0524, 4);
    expect(interval.high).toBeCloseTo(0.3339, 4);
  });

  it("Student t quantiles match the tables", () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062, 3);
    expect(studentTQuantile(0.975, 3)).toBeCloseTo(3.1824, 4);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.2281, 4);
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.96, 3);
  });

  it("Welch: [100, 200, 300] vs [50, 150, 50, 150], by hand", () => {
    // means 200 and 100; variances 10000 and 3333.3; se² = 10000/3 + 3333.3/4 = 4166.7; df = 3 exactly
    const interval = welchDifference({ n: 3, sum: 600, squares: 140000 }, { n: 4, sum: 400, squares: 50000 })!;
    expect(interval.estimate).toBe(100);
    expect(interval.df).toBeCloseTo(3, 9);
    const half = 3.182446 * Math.sqrt(4166.6667);
    expect(interval.low).toBeCloseTo(100 - half, 2);
    expect(interval.high).toBeCloseTo(100 + half, 2);
    expect(welchDifference({ n: 1, sum: 1, squares: 1 }, { n: 4, sum: 400, squares: 50000 })).toBeNull();
  });
});

/** A group of n customers with mean revenue `mean` and standard deviation `sd`, one or two orders each. */
function group(n: number, mean: number, sd: number, repeat: number) {
  return {
    customers: n,
    repeatCustomers: repeat,
    orders: n + repeat,
    orderSquares: n - repeat + 4 * repeat,
    revenueMinor: n * mean,
    revenueSquares: (n - 1) * sd * sd + n * mean * mean,
  };
}

describe("verdict", () => {
  it(`says "not enough data yet" below ${MIN_GROUP_CUSTOMERS} customers who ordered in either group`, () => {
    const comparison = compareGroups(group(500, 10000, 1000, 200), group(MIN_GROUP_CUSTOMERS - 1, 8000, 1000, 20), 0);
    expect(comparison.enoughData).toBe(false);
    expect(comparison.verdict).toBe("not_enough_data");
    // the interval is still shown
    expect(comparison.revenuePerCustomerDifference!.estimate).toBe(2000);
  });

  it("pays when even the low end of incremental revenue covers the rewards; buys more when it does not", () => {
    // members: 200 customers, $100.00 each (sd $10); hold-out: 100 customers, $80.00 each (sd $10)
    // se = √(10⁶/200 + 10⁶/100) = 122.47; difference 2000 ± ~243 minor per customer; × 200 members
    const members = group(200, 10000, 1000, 80);
    const holdOut = group(100, 8000, 1000, 25);
    const paying = compareGroups(members, holdOut, 100000);
    expect(paying.incrementalRevenueMinor!.estimate).toBe(400000);
    expect(paying.incrementalRevenueMinor!.low).toBeGreaterThan(350000);
    expect(paying.netMinor!.estimate).toBe(300000);
    expect(paying.verdict).toBe("pays");
    expect(paying.repeatRateDifference!.estimate).toBeCloseTo(0.4 - 0.25, 12);
    expect(compareGroups(members, holdOut, 380000).verdict).toBe("members_buy_more");
    expect(compareGroups(holdOut, members, 0).verdict).toBe("members_buy_less");
    expect(compareGroups(group(200, 10000, 5000, 80), group(100, 9900, 5000, 25), 0).verdict).toBe("no_clear_difference");
  });
});
