import { describe, expect, it } from "vitest";
import {
  activeMembers,
  averageOrderValueMinor,
  beforeAfter,
  cohortRetention,
  lifetimeValueMinor,
  newCustomersPerMonth,
  participationRate,
  pointsLiabilityMinor,
  purchaseFrequency,
  redemptionRate,
  repeatPurchaseRate,
  totalsOf,
} from "../../../app/rules/analytics";

const DAY = 24 * 60 * 60 * 1000;

/** n customers with one order each of `aov`, and r of them with a second. */
function customers(single: number, repeat: number, aovMinor: number) {
  return [
    ...Array.from({ length: single }, () => ({ orders: 1, revenueMinor: aovMinor })),
    ...Array.from({ length: repeat }, () => ({ orders: 2, revenueMinor: 2 * aovMinor })),
  ];
}

describe("KPIs", () => {
  it("the seed's before/after table: AOV 120 → 160, returning customers 30% → 50%", () => {
    // GIVEN 10 customers before launch, 3 of them returning, every order $120.00 (13 orders, $1,560.00),
    // and 10 after, 5 returning, every order $160.00 (15 orders, $2,400.00)
    const before = totalsOf(customers(7, 3, 12000));
    const after = totalsOf(customers(5, 5, 16000));
    expect(before).toMatchObject({ customers: 10, repeatCustomers: 3, orders: 13, revenueMinor: 156000 });
    // THEN the table reads as the seed's
    const table = beforeAfter(before, after);
    expect(table.aovMinor).toEqual({ before: 12000, after: 16000, change: 4000 });
    expect(table.repeatRate.before).toBeCloseTo(0.3, 12);
    expect(table.repeatRate.after).toBeCloseTo(0.5, 12);
    expect(table.repeatRate.change).toBeCloseTo(0.2, 12);
  });

  it("repeat rate, frequency, AOV and LTV of a small group, by hand", () => {
    // orders 1, 2, 3 and one fully cancelled (0): three customers who ordered, six orders, $60 + $50 + $90
    const totals = totalsOf([
      { orders: 1, revenueMinor: 6000 },
      { orders: 2, revenueMinor: 5000 },
      { orders: 3, revenueMinor: 9000 },
      { orders: 0, revenueMinor: 0 },
    ]);
    expect(totals).toEqual({ customers: 3, repeatCustomers: 2, orders: 6, revenueMinor: 20000, revenueSquares: 6000 ** 2 + 5000 ** 2 + 9000 ** 2 });
    expect(repeatPurchaseRate(totals)).toBeCloseTo(2 / 3, 12);
    expect(purchaseFrequency(totals)).toBe(2);
    expect(averageOrderValueMinor(totals)).toBe(3333); // 20000 / 6 = 3333.33 → 3333
    expect(lifetimeValueMinor(totals)).toBe(6667); // 20000 / 3 = 6666.67 → 6667 (half up)
  });

  it("no customers: every ratio is null, not zero", () => {
    const none = totalsOf([]);
    expect(repeatPurchaseRate(none)).toBeNull();
    expect(purchaseFrequency(none)).toBeNull();
    expect(averageOrderValueMinor(none)).toBeNull();
    expect(participationRate(0, 0)).toBeNull();
    expect(redemptionRate(0, 0)).toBeNull();
  });

  it("participation, redemption rate, active members", () => {
    expect(participationRate(45, 50)).toBe(0.9);
    expect(redemptionRate(2500, 10000)).toBe(0.25);
    const now = new Date("2026-12-01T12:00:00Z");
    const members = [
      { lastOrderAt: new Date(now.getTime() - 90 * DAY) }, // exactly 90 days: active
      { lastOrderAt: new Date(now.getTime() - 90 * DAY - 1) }, // a millisecond more: not
      { lastOrderAt: null },
      { lastOrderAt: new Date(now.getTime() - DAY) },
    ];
    expect(activeMembers(members, now)).toBe(2);
    expect(activeMembers(members, now, 30)).toBe(1);
  });

  it("points liability in money, rounded half up", () => {
    // "$5.00 off for 500 points": a point is one cent
    expect(pointsLiabilityMinor(12345, { points: 500, minor: 500 })).toBe(12345);
    // a cent per 100 points: 123.45 → 123, 123.50 → 124
    expect(pointsLiabilityMinor(12345, { points: 100, minor: 1 })).toBe(123);
    expect(pointsLiabilityMinor(12350, { points: 100, minor: 1 })).toBe(124);
    expect(pointsLiabilityMinor(1000, null)).toBeNull();
  });

  it("new customers per month are counted in the shop's time zone, empty months included", () => {
    const firsts = [
      new Date("2026-01-15T10:00:00Z"),
      new Date("2026-01-31T23:30:00Z"), // already 1 February in Warsaw
      null, // never ordered
      new Date("2026-04-02T08:00:00Z"),
    ];
    expect(newCustomersPerMonth(firsts, "Europe/Warsaw")).toEqual([
      { month: "2026-01", customers: 1 },
      { month: "2026-02", customers: 1 },
      { month: "2026-03", customers: 0 },
      { month: "2026-04", customers: 1 },
    ]);
    expect(newCustomersPerMonth(firsts, "UTC")[0]).toEqual({ month: "2026-01", customers: 2 });
  });

  it("cohort retention by month of joining", () => {
    const cohorts = cohortRetention(
      [
        { firstMonth: "2026-01", orderMonths: ["2026-01", "2026-03"] },
        { firstMonth: "2026-01", orderMonths: ["2026-01", "2026-02"] },
        { firstMonth: "2026-02", orderMonths: ["2026-02"] },
      ],
      "2026-03",
    );
    expect(cohorts).toEqual([
      { month: "2026-01", size: 2, retained: [1, 0.5, 0.5] },
      { month: "2026-02", size: 1, retained: [1, 0] },
    ]);
  });
});
