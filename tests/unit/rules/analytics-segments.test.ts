import { describe, expect, it } from "vitest";
import { DEFAULT_SEGMENT_THRESHOLDS, parseSegmentThresholds, segmentOf, validateSegmentForm } from "../../../app/rules/analytics-segments";

const DAY = 24 * 60 * 60 * 1000;
const now = new Date("2026-12-01T12:00:00Z");
const ago = (days: number) => new Date(now.getTime() - days * DAY);
const customer = (orders: number, dollars: number, firstDaysAgo: number, lastDaysAgo: number) => ({ orders, revenueMinor: dollars * 100, firstOrderAt: ago(firstDaysAgo), lastOrderAt: ago(lastDaysAgo) });

describe("segments", () => {
  const t = DEFAULT_SEGMENT_THRESHOLDS;
  it("one segment per customer, VIP first, then new, active, at risk, lapsed (default thresholds)", () => {
    expect(segmentOf(customer(5, 100, 300, 10), t, now)).toBe("vip"); // five orders
    expect(segmentOf(customer(2, 500, 300, 170), t, now)).toBe("vip"); // $500 spent, within 180 days
    expect(segmentOf(customer(6, 900, 400, 200), t, now)).toBe("lapsed"); // a VIP who stopped ordering is lapsed
    expect(segmentOf(customer(1, 40, 30, 30), t, now)).toBe("new");
    expect(segmentOf(customer(1, 40, 31, 31), t, now)).toBe("active");
    expect(segmentOf(customer(2, 80, 60, 5), t, now)).toBe("active");
    expect(segmentOf(customer(2, 80, 200, 90), t, now)).toBe("active");
    expect(segmentOf(customer(2, 80, 200, 91), t, now)).toBe("at_risk");
    expect(segmentOf(customer(2, 80, 300, 180), t, now)).toBe("at_risk");
    expect(segmentOf(customer(2, 80, 300, 181), t, now)).toBe("lapsed");
    expect(segmentOf({ orders: 0, revenueMinor: 0, firstOrderAt: null, lastOrderAt: null }, t, now)).toBeNull();
  });

  it("thresholds: stored values over the defaults, unusable ones ignored, at risk always after active", () => {
    expect(parseSegmentThresholds("{}")).toEqual(t);
    expect(parseSegmentThresholds("not json")).toEqual(t);
    expect(parseSegmentThresholds(JSON.stringify({ vipOrders: 3, newDays: -1, activeDays: 1.5 }))).toEqual({ ...t, vipOrders: 3 });
    expect(parseSegmentThresholds(JSON.stringify({ activeDays: 200 }))).toMatchObject({ activeDays: 200, atRiskDays: 201 });
  });
});

describe("threshold form", () => {
  const toMinor = (amount: string) => (/^\d+(\.\d{1,2})?$/.test(amount) ? Math.round(Number(amount) * 100) : null);
  const form = { newDays: "30", activeDays: "90", atRiskDays: "180", vipOrders: "5", vipSpend: "500.00" };
  it("reads valid thresholds", () => {
    expect(validateSegmentForm(form, toMinor)).toEqual({ ok: true, thresholds: { newDays: 30, activeDays: 90, atRiskDays: 180, vipOrders: 5, vipSpendMinor: 50000 } });
  });
  it("names every bad field", () => {
    expect(validateSegmentForm({ ...form, newDays: "0", atRiskDays: "60", vipSpend: "abc" }, toMinor)).toEqual({
      ok: false,
      issues: [
        { field: "newDays", code: "out_of_range" },
        { field: "vipSpend", code: "out_of_range" },
        { field: "atRiskDays", code: "not_after_active" },
      ],
    });
  });
});
