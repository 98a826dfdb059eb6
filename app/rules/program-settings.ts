// A shop's earning settings, with the defaults a new install starts from and the limits every save is held to.
import { MAX_POINTS_PER_UNIT, MAX_SIGNUP_BONUS } from "./points-limits";

export type ProgramSettings = {
  pointsPerUnit: number;
  includeShipping: boolean;
  includeTaxes: boolean;
  excludedProductIds: string[];
  pendingDays: number;
  signupBonus: number;
  /**
   * An order that used a reward code is fully refunded (every unit of every line) or cancelled: true gives the points
   * spent on the reward back, once; false never does.
   */
  returnRewardPointsOnRefund: boolean;
};

export const DEFAULT_PROGRAM_SETTINGS: ProgramSettings = {
  pointsPerUnit: 1,
  includeShipping: false,
  includeTaxes: false,
  excludedProductIds: [],
  pendingDays: 14,
  signupBonus: 0,
  returnRewardPointsOnRefund: true,
};

export class ProgramSettingsError extends Error {}

function nonNegativeInteger(name: string, value: number, max: number) {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new ProgramSettingsError(`${name} must be a whole number from 0 to ${max}`);
  }
}

export function validateProgramSettings(settings: ProgramSettings): ProgramSettings {
  nonNegativeInteger("pointsPerUnit", settings.pointsPerUnit, MAX_POINTS_PER_UNIT);
  nonNegativeInteger("pendingDays", settings.pendingDays, 365);
  nonNegativeInteger("signupBonus", settings.signupBonus, MAX_SIGNUP_BONUS);
  if (!settings.excludedProductIds.every((id) => /^\d+$/.test(id))) {
    throw new ProgramSettingsError("excludedProductIds must be Shopify product ids (digits)");
  }
  return settings;
}

/**
 * Order bonuses (Ways to earn page), stored with the settings but saved apart from them. Amounts in minor units of the
 * shop currency; 0 switches a bonus off. app/rules/earning.ts says when each applies and when a refund takes it back.
 */
export type OrderBonusSettings = {
  /** Points for the first order the program records for a customer (once ever per customer). */
  firstOrderBonus: number;
  /** "Spend 100, get 50 extra": the order's net sales (lines less discounts, no shipping or taxes) at least this… */
  orderThresholdMinor: number;
  /** …earns these points on top. */
  orderThresholdBonus: number;
};

export const DEFAULT_ORDER_BONUSES: OrderBonusSettings = { firstOrderBonus: 0, orderThresholdMinor: 0, orderThresholdBonus: 0 };

/** A bonus and a threshold at most; the threshold up to 10^12 minor units (10 billion of a two-decimal currency). */
export const ORDER_BONUS_LIMITS = { maxBonus: MAX_SIGNUP_BONUS, maxThresholdMinor: 1_000_000_000_000 } as const;

export function orderBonusIssues(value: OrderBonusSettings): Array<{ field: keyof OrderBonusSettings; code: string }> {
  const issues: Array<{ field: keyof OrderBonusSettings; code: string }> = [];
  const whole = (n: number, max: number) => Number.isSafeInteger(n) && n >= 0 && n <= max;
  if (!whole(value.firstOrderBonus, ORDER_BONUS_LIMITS.maxBonus)) issues.push({ field: "firstOrderBonus", code: "invalid_points" });
  if (!whole(value.orderThresholdBonus, ORDER_BONUS_LIMITS.maxBonus)) issues.push({ field: "orderThresholdBonus", code: "invalid_points" });
  if (!whole(value.orderThresholdMinor, ORDER_BONUS_LIMITS.maxThresholdMinor)) issues.push({ field: "orderThresholdMinor", code: "invalid_amount" });
  else if (value.orderThresholdBonus > 0 && value.orderThresholdMinor === 0) issues.push({ field: "orderThresholdMinor", code: "threshold_required" });
  return issues;
}
