// The Program page's form: what the merchant typed, checked field by field (stable codes the admin translates),
// and the worked example the page shows. Pure functions; saving goes through program-settings.ts, which checks
// again.
import { earnForOrder } from "./earning";
import { MAX_POINTS_PER_UNIT, MAX_SIGNUP_BONUS } from "./points-limits";
import { currencyExponent } from "./money";
import type { PaidOrder } from "./order-events";
import type { ProgramSettings } from "../rules/program-settings";

export const LIMITS = {
  pointsPerUnit: MAX_POINTS_PER_UNIT,
  pendingDays: 365,
  signupBonus: MAX_SIGNUP_BONUS,
  excludedProducts: 500,
} as const;

export type ProgramSettingsFormValues = {
  pointsPerUnit: string;
  includeShipping: string;
  includeTaxes: string;
  excludedProductIds: string;
  pendingDays: string;
  signupBonus: string;
  /** "return" | "never" */
  rewardRefund: string;
};

export type ProgramSettingsField = keyof ProgramSettingsFormValues;
export type ProgramSettingsIssue = { field: ProgramSettingsField; code: string };

const PRODUCT_ID = /^(?:gid:\/\/shopify\/Product\/)?(\d{1,20})$/;

/**
 * Product ids as typed or picked: numbers or Shopify product GIDs, separated by commas, spaces or new lines.
 * Duplicates are dropped; order is kept. Null if any item is not a product id.
 */
export function parseProductIds(text: string): string[] | null {
  const items = text.split(/[\s,;]+/).filter(Boolean);
  const ids: string[] = [];
  for (const item of items) {
    const match = PRODUCT_ID.exec(item);
    if (!match) return null;
    if (!ids.includes(match[1]!)) ids.push(match[1]!);
  }
  return ids;
}

function wholeNumber(text: string, max: number): number | "not_whole" | "out_of_range" {
  const trimmed = text.trim();
  if (!/^\d{1,9}$/.test(trimmed)) return /^-\d+$/.test(trimmed) ? "out_of_range" : "not_whole";
  const value = Number(trimmed);
  return value > max ? "out_of_range" : value;
}

export function settingsToForm(settings: ProgramSettings): ProgramSettingsFormValues {
  return {
    pointsPerUnit: String(settings.pointsPerUnit),
    includeShipping: String(settings.includeShipping),
    includeTaxes: String(settings.includeTaxes),
    excludedProductIds: settings.excludedProductIds.join(", "),
    pendingDays: String(settings.pendingDays),
    signupBonus: String(settings.signupBonus),
    rewardRefund: settings.returnRewardPointsOnRefund ? "return" : "never",
  };
}

export function parseProgramSettingsForm(
  form: ProgramSettingsFormValues,
): { ok: true; value: ProgramSettings } | { ok: false; issues: ProgramSettingsIssue[] } {
  const issues: ProgramSettingsIssue[] = [];
  const numbers = {} as Record<"pointsPerUnit" | "pendingDays" | "signupBonus", number>;
  for (const field of ["pointsPerUnit", "pendingDays", "signupBonus"] as const) {
    const parsed = wholeNumber(form[field], LIMITS[field]);
    if (typeof parsed === "number") numbers[field] = parsed;
    else issues.push({ field, code: parsed });
  }
  const booleans = {} as Record<"includeShipping" | "includeTaxes", boolean>;
  for (const field of ["includeShipping", "includeTaxes"] as const) {
    if (form[field] === "true" || form[field] === "false") booleans[field] = form[field] === "true";
    else issues.push({ field, code: "not_boolean" });
  }
  if (form.rewardRefund !== "return" && form.rewardRefund !== "never") issues.push({ field: "rewardRefund", code: "not_a_choice" });
  const excluded = parseProductIds(form.excludedProductIds);
  if (excluded === null) issues.push({ field: "excludedProductIds", code: "invalid_product_id" });
  else if (excluded.length > LIMITS.excludedProducts) issues.push({ field: "excludedProductIds", code: "too_many_products" });
  if (issues.length > 0 || excluded === null) return { ok: false, issues };
  return {
    ok: true,
    value: { ...numbers, ...booleans, excludedProductIds: excluded, returnRewardPointsOnRefund: form.rewardRefund === "return" },
  };
}

export type EarningExample = {
  currency: string;
  /** The example order, minor units: one line, shipping and tax (tax not included in prices). */
  itemsMinor: number;
  shippingMinor: number;
  taxMinor: number;
  points: number;
};

/**
 * What an order of 100 whole units of the shop's currency (plus 10 shipping and 8 tax) earns under `settings`,
 * computed by the same rule that credits real orders.
 */
export function earningExample(settings: Pick<ProgramSettings, "pointsPerUnit" | "includeShipping" | "includeTaxes">, currency: string): EarningExample {
  const unit = 10 ** currencyExponent(currency);
  const itemsMinor = 100 * unit;
  const shippingMinor = 10 * unit;
  const taxMinor = 8 * unit;
  const order: PaidOrder = {
    orderId: "example",
    customer: null,
    currency,
    taxesIncluded: false,
    lines: [{ lineItemId: "1", productId: null, quantity: 1, giftCard: false, grossAmount: itemsMinor, discountAmount: 0, taxAmount: taxMinor }],
    shipping: { netAmount: shippingMinor, taxAmount: 0 },
    paidAt: new Date(0),
    discountCodes: [],
  };
  const { totalPoints } = earnForOrder(order, { ...settings, excludedProductIds: [] });
  return { currency, itemsMinor, shippingMinor, taxMinor, points: totalPoints };
}
