// The Ways to earn page's order-bonus form: what the merchant typed, checked field by field. Pure; saving checks again.
import { formatMinorUnits, MoneyFormatError, toMinorUnits } from "./money";
import { orderBonusIssues, type OrderBonusSettings } from "./program-settings";

export const ORDER_BONUS_FIELDS = ["firstOrderBonus", "orderThreshold", "orderThresholdBonus"] as const;
export type OrderBonusField = (typeof ORDER_BONUS_FIELDS)[number];
export type OrderBonusFormValues = Record<OrderBonusField, string>;
type Issue = { field: OrderBonusField; code: string };

export function orderBonusesToForm(value: OrderBonusSettings, currency: string): OrderBonusFormValues {
  return {
    firstOrderBonus: String(value.firstOrderBonus),
    orderThreshold: value.orderThresholdMinor === 0 ? "" : formatMinorUnits(value.orderThresholdMinor, currency),
    orderThresholdBonus: String(value.orderThresholdBonus),
  };
}

function points(text: string): number | null {
  const trimmed = text.trim() || "0";
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : null;
}

export function parseOrderBonusForm(values: OrderBonusFormValues, currency: string): { ok: true; value: OrderBonusSettings } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  const firstOrderBonus = points(values.firstOrderBonus);
  if (firstOrderBonus === null) issues.push({ field: "firstOrderBonus", code: "invalid_points" });
  const orderThresholdBonus = points(values.orderThresholdBonus);
  if (orderThresholdBonus === null) issues.push({ field: "orderThresholdBonus", code: "invalid_points" });
  let orderThresholdMinor: number | null = 0;
  const threshold = values.orderThreshold.trim();
  if (threshold !== "") {
    try {
      orderThresholdMinor = /^\d{1,13}(?:\.\d+)?$/.test(threshold) ? toMinorUnits(threshold, currency) : null;
    } catch (error) {
      if (!(error instanceof MoneyFormatError)) throw error;
      orderThresholdMinor = null;
    }
    if (orderThresholdMinor === null) issues.push({ field: "orderThreshold", code: "invalid_amount" });
  }
  if (issues.length > 0) return { ok: false, issues };
  const value = { firstOrderBonus: firstOrderBonus!, orderThresholdMinor: orderThresholdMinor!, orderThresholdBonus: orderThresholdBonus! };
  const more = orderBonusIssues(value).map((issue) => ({ field: issue.field === "orderThresholdMinor" ? "orderThreshold" : issue.field, code: issue.code }) as Issue);
  return more.length > 0 ? { ok: false, issues: more } : { ok: true, value };
}
