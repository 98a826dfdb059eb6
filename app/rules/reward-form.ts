// The reward editor's form: a reward as the merchant types it (money as decimals in the shop's currency, numbers as
// text) to and from a RewardDefinition. Checking is rewards.ts' validateReward; its issues are mapped back onto the
// form's fields, so each problem shows on the field the merchant typed it in.
import { formatMinorUnits, toMinorUnits } from "./money";
import { REWARD_DEFAULTS, REWARD_TYPES, validateReward, RewardValidationError, type RewardDefinition, type RewardType } from "./rewards";

export type RewardFormValues = {
  type: string;
  title: string;
  pointsCost: string;
  /** Decimal in the shop's currency ("5.00"). */
  amount: string;
  percentage: string;
  variantId: string;
  minPoints: string;
  maxPoints: string;
  /** Decimal in the shop's currency, empty for none. */
  minimumSubtotal: string;
  validityDays: string;
  combinesWithProductDiscounts: string;
  combinesWithOrderDiscounts: string;
  combinesWithShippingDiscounts: string;
  codePrefix: string;
  enabled: string;
  /** A Tier id, or empty for every member. */
  minTierId: string;
};

export type RewardFormField = keyof RewardFormValues;
export type RewardFormIssue = { field: RewardFormField; code: string };

const FIELD_OF: Partial<Record<keyof RewardDefinition, RewardFormField>> = {
  amountMinor: "amount",
  minimumSubtotalMinor: "minimumSubtotal",
};

/** Which fields the editor shows for a type (the others are stored empty). */
export function fieldsForType(type: RewardType): { amount: boolean; percentage: boolean; variant: boolean; range: boolean; minimumSubtotal: boolean; code: boolean } {
  return {
    amount: type === "fixed_amount" || type === "store_credit" || type === "variable_amount",
    percentage: type === "percentage",
    variant: type === "free_product",
    range: type === "variable_amount",
    minimumSubtotal: type !== "store_credit",
    // Store credit is credited to the customer's account; there is no code to prefix, combine or expire.
    code: type !== "store_credit",
  };
}

export function emptyRewardForm(): RewardFormValues {
  return {
    type: "fixed_amount",
    title: "",
    pointsCost: "",
    amount: "",
    percentage: "",
    variantId: "",
    minPoints: "",
    maxPoints: "",
    minimumSubtotal: "",
    validityDays: String(REWARD_DEFAULTS.validityDays),
    combinesWithProductDiscounts: String(REWARD_DEFAULTS.combinesWithProductDiscounts),
    combinesWithOrderDiscounts: String(REWARD_DEFAULTS.combinesWithOrderDiscounts),
    combinesWithShippingDiscounts: String(REWARD_DEFAULTS.combinesWithShippingDiscounts),
    codePrefix: "",
    enabled: "true",
    minTierId: "",
  };
}

export function rewardToForm(reward: RewardDefinition, currency: string): RewardFormValues {
  const text = (value: number | null) => (value === null ? "" : String(value));
  const money = (value: number | null) => (value === null ? "" : formatMinorUnits(value, currency));
  return {
    type: reward.type,
    title: reward.title,
    pointsCost: String(reward.pointsCost),
    amount: money(reward.amountMinor),
    percentage: text(reward.percentage),
    variantId: reward.variantId ?? "",
    minPoints: text(reward.minPoints),
    maxPoints: text(reward.maxPoints),
    minimumSubtotal: money(reward.minimumSubtotalMinor),
    validityDays: String(reward.validityDays),
    combinesWithProductDiscounts: String(reward.combinesWithProductDiscounts),
    combinesWithOrderDiscounts: String(reward.combinesWithOrderDiscounts),
    combinesWithShippingDiscounts: String(reward.combinesWithShippingDiscounts),
    codePrefix: reward.codePrefix ?? "",
    enabled: String(reward.enabled),
    minTierId: reward.minTierId === null ? "" : String(reward.minTierId),
  };
}

/** Empty → null; a whole number → it; anything else → NaN, which validateReward refuses with its own code. */
function optionalWhole(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  return /^-?\d{1,12}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

function optionalMoney(text: string, currency: string): number | null {
  const trimmed = text.trim().replace(/\s/g, "");
  if (trimmed === "") return null;
  try {
    // Accept a decimal comma as many of our admins' languages write it.
    return toMinorUnits(trimmed.replace(",", "."), currency);
  } catch {
    return Number.NaN;
  }
}

const VARIANT_ID = /^(?:gid:\/\/shopify\/ProductVariant\/)?(\d{1,20})$/;

/** The form as a valid definition, or every problem on the field it belongs to. `tierIds`: the shop's tiers. */
export function parseRewardForm(
  form: RewardFormValues,
  currency: string,
  sortOrder: number,
  tierIds: readonly number[] = [],
): { ok: true; value: RewardDefinition } | { ok: false; issues: RewardFormIssue[] } {
  const variant = VARIANT_ID.exec(form.variantId.trim());
  const definition: RewardDefinition = {
    type: form.type as RewardType,
    title: form.title,
    pointsCost: optionalWhole(form.pointsCost) ?? Number.NaN,
    amountMinor: optionalMoney(form.amount, currency),
    percentage: optionalWhole(form.percentage),
    variantId: variant ? variant[1]! : form.variantId.trim() || null,
    minPoints: optionalWhole(form.minPoints),
    maxPoints: optionalWhole(form.maxPoints),
    minimumSubtotalMinor: optionalMoney(form.minimumSubtotal, currency),
    validityDays: optionalWhole(form.validityDays) ?? Number.NaN,
    combinesWithProductDiscounts: form.combinesWithProductDiscounts === "true",
    combinesWithOrderDiscounts: form.combinesWithOrderDiscounts === "true",
    combinesWithShippingDiscounts: form.combinesWithShippingDiscounts === "true",
    codePrefix: form.codePrefix.trim() || null,
    enabled: form.enabled === "true",
    sortOrder,
    minTierId: optionalWhole(form.minTierId ?? ""),
  };
  if (!(REWARD_TYPES as readonly string[]).includes(form.type)) return { ok: false, issues: [{ field: "type", code: "invalid_type" }] };
  try {
    return { ok: true, value: validateReward(definition, tierIds) };
  } catch (error) {
    if (!(error instanceof RewardValidationError)) throw error;
    return {
      ok: false,
      issues: error.issues.map((issue) => ({ field: FIELD_OF[issue.field] ?? (issue.field as RewardFormField), code: issue.code })),
    };
  }
}
