// Customer segments by recency, frequency and spend (RFM), from each customer's statistics (CustomerStats). One
// segment per customer, checked in this order:
//   VIP       at least `vipOrders` orders or `vipSpendMinor` spent, and ordered within `atRiskDays`
//   new       first order within `newDays`, and only one order
//   active    last order within `activeDays`
//   at risk   last order more than `activeDays` but at most `atRiskDays` ago
//   lapsed    last order more than `atRiskDays` ago
// Customers with no order have no segment.
import { DAY_MS, type CustomerFigures } from "./analytics";

export const SEGMENTS = ["vip", "new", "active", "at_risk", "lapsed"] as const;
export type Segment = (typeof SEGMENTS)[number];

export type SegmentThresholds = { newDays: number; activeDays: number; atRiskDays: number; vipOrders: number; vipSpendMinor: number };

export const DEFAULT_SEGMENT_THRESHOLDS: SegmentThresholds = { newDays: 30, activeDays: 90, atRiskDays: 180, vipOrders: 5, vipSpendMinor: 50000 };

/** Stored thresholds (JSON) over the defaults; a missing or unusable value takes its default. */
export function parseSegmentThresholds(json: string): SegmentThresholds {
  let parsed: Record<string, unknown> = {};
  try {
    const value: unknown = JSON.parse(json);
    if (value && typeof value === "object") parsed = value as Record<string, unknown>;
  } catch {
    // stored by this app; unreadable means defaults
  }
  const result = { ...DEFAULT_SEGMENT_THRESHOLDS };
  for (const key of Object.keys(result) as (keyof SegmentThresholds)[]) {
    const value = parsed[key];
    if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) result[key] = value;
  }
  if (result.atRiskDays <= result.activeDays) result.atRiskDays = result.activeDays + 1;
  return result;
}

export function segmentOf(customer: CustomerFigures, thresholds: SegmentThresholds, now: Date): Segment | null {
  if (customer.orders <= 0 || !customer.lastOrderAt) return null;
  const sinceLast = now.getTime() - customer.lastOrderAt.getTime();
  const recent = (days: number) => sinceLast <= days * DAY_MS;
  if ((customer.orders >= thresholds.vipOrders || customer.revenueMinor >= thresholds.vipSpendMinor) && recent(thresholds.atRiskDays)) return "vip";
  if (customer.orders === 1 && customer.firstOrderAt && now.getTime() - customer.firstOrderAt.getTime() <= thresholds.newDays * DAY_MS) return "new";
  if (recent(thresholds.activeDays)) return "active";
  if (recent(thresholds.atRiskDays)) return "at_risk";
  return "lapsed";
}

/**
 * The same rule as conditions on the statistics' columns, for counting and filtering in SQL: each segment as bounds
 * on last/first order time and orders/spend, relative to `now`.
 */
export function segmentBounds(thresholds: SegmentThresholds, now: Date) {
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  return { newSince: ago(thresholds.newDays), activeSince: ago(thresholds.activeDays), atRiskSince: ago(thresholds.atRiskDays), vipOrders: thresholds.vipOrders, vipSpendMinor: thresholds.vipSpendMinor };
}

export const SEGMENT_FIELDS = ["newDays", "activeDays", "atRiskDays", "vipOrders", "vipSpend"] as const;
export type SegmentField = (typeof SEGMENT_FIELDS)[number];
const MAX_DAYS = 3650;
const MAX_ORDERS = 10_000;

/**
 * The Impact page's threshold fields: whole days (1–3650), whole orders (1–10,000), and the VIP spend as a decimal
 * amount of the shop currency (read exactly by the caller's `toMinor`, > 0). At risk must come after active.
 */
export function validateSegmentForm(
  form: Record<SegmentField, string>,
  toMinor: (amount: string) => number | null,
): { ok: true; thresholds: SegmentThresholds } | { ok: false; issues: { field: SegmentField; code: string }[] } {
  const issues: { field: SegmentField; code: string }[] = [];
  const whole = (field: SegmentField, max: number) => {
    const value = form[field].trim();
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < 1 || number > max) {
      issues.push({ field, code: "out_of_range" });
      return 0;
    }
    return number;
  };
  const newDays = whole("newDays", MAX_DAYS);
  const activeDays = whole("activeDays", MAX_DAYS);
  const atRiskDays = whole("atRiskDays", MAX_DAYS);
  const vipOrders = whole("vipOrders", MAX_ORDERS);
  const vipSpendMinor = toMinor(form.vipSpend.trim());
  if (vipSpendMinor === null || vipSpendMinor <= 0) issues.push({ field: "vipSpend", code: "out_of_range" });
  if (activeDays > 0 && atRiskDays > 0 && atRiskDays <= activeDays) issues.push({ field: "atRiskDays", code: "not_after_active" });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, thresholds: { newDays, activeDays, atRiskDays, vipOrders, vipSpendMinor: vipSpendMinor! } };
}
