// The rewards a shop offers for points: what each type means, how it is validated, and what a redemption costs
// and is worth. Pure functions; storage is in reward-catalog.ts, redeeming in redemption.ts.
//
// Money is integer minor units in the shop's currency (see money.ts). Points are integers.
import { MAX_REWARD_POINTS } from "./points-limits";

export const REWARD_TYPES = [
  "fixed_amount", // a fixed amount off the order
  "percentage", // a percentage off the order
  "free_shipping",
  "free_product", // one unit of a chosen product variant free
  "variable_amount", // "points for money": the shopper picks how many points, in steps, within min/max
  "store_credit", // Shopify store credit on the customer's account
] as const;
export type RewardType = (typeof REWARD_TYPES)[number];

export type RewardDefinition = {
  type: RewardType;
  title: string;
  /** Points per redemption; for variable_amount, points per step. */
  pointsCost: number;
  /** fixed_amount, store_credit: the value; variable_amount: the value of one step. Minor units. */
  amountMinor: number | null;
  /** percentage: 1–100. */
  percentage: number | null;
  /** free_product: the Shopify product variant id (digits). */
  variantId: string | null;
  /** variable_amount: the fewest and most points one redemption may spend (multiples of pointsCost). */
  minPoints: number | null;
  maxPoints: number | null;
  /** The order subtotal the code requires, minor units; null = none. Not used by store credit. */
  minimumSubtotalMinor: number | null;
  /** How long an issued code stays usable. */
  validityDays: number;
  combinesWithProductDiscounts: boolean;
  combinesWithOrderDiscounts: boolean;
  combinesWithShippingDiscounts: boolean;
  /** Optional merchant prefix for codes, e.g. "LOYAL-". */
  codePrefix: string | null;
  enabled: boolean;
  sortOrder: number;
  /** Only members of this tier (Tier.id) and above may redeem it; null for everyone. See tiers.ts tierAllows. */
  minTierId: number | null;
};

export type Reward = RewardDefinition & { id: number; shop: string };

/** One problem with a reward definition: a stable code for translated UIs, the field, and an English message. */
export type RewardIssue = { field: keyof RewardDefinition; code: string; message: string };

export class RewardValidationError extends Error {
  constructor(readonly issues: RewardIssue[]) {
    super(issues.map((issue) => issue.message).join("; "));
    this.name = "RewardValidationError";
  }
}

const MAX_POINTS = MAX_REWARD_POINTS;
const MAX_AMOUNT_MINOR = 100_000_000;
const CODE_PREFIX = /^[A-Z0-9-]{0,12}$/;

export const REWARD_DEFAULTS: Omit<RewardDefinition, "type" | "title" | "pointsCost"> = {
  amountMinor: null,
  percentage: null,
  variantId: null,
  minPoints: null,
  maxPoints: null,
  minimumSubtotalMinor: null,
  validityDays: 30,
  combinesWithProductDiscounts: false,
  combinesWithOrderDiscounts: false,
  combinesWithShippingDiscounts: true,
  codePrefix: null,
  enabled: true,
  sortOrder: 0,
  minTierId: null,
};

function isWhole(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= min && value <= max;
}

/**
 * Checks a definition and returns it normalised, or throws RewardValidationError listing every problem. `tierIds`:
 * the shop's tiers, when the caller knows them (a reward may only be limited to one of them).
 */
export function validateReward(input: RewardDefinition, tierIds?: readonly number[]): RewardDefinition {
  const issues: RewardIssue[] = [];
  const issue = (field: keyof RewardDefinition, code: string, message: string) => issues.push({ field, code, message });
  const reward = { ...input, minTierId: input.minTierId ?? null, title: String(input.title ?? "").trim(), codePrefix: input.codePrefix?.trim().toUpperCase() || null };

  if (!REWARD_TYPES.includes(reward.type)) issue("type", "invalid_type", `type must be one of ${REWARD_TYPES.join(", ")}`);
  if (reward.title.length === 0 || reward.title.length > 100) issue("title", "invalid_title", "title must be 1 to 100 characters");
  if (!isWhole(reward.pointsCost, 1, MAX_POINTS)) {
    issue("pointsCost", "invalid_points_cost", `pointsCost must be a whole number from 1 to ${MAX_POINTS}`);
  }
  if (!isWhole(reward.validityDays, 1, 365)) issue("validityDays", "invalid_validity", "validityDays must be from 1 to 365");
  if (reward.minimumSubtotalMinor !== null && !isWhole(reward.minimumSubtotalMinor, 1, MAX_AMOUNT_MINOR)) {
    issue("minimumSubtotalMinor", "invalid_minimum_subtotal", "minimumSubtotal must be a positive amount or empty");
  }
  if (reward.codePrefix !== null && !CODE_PREFIX.test(reward.codePrefix)) {
    issue("codePrefix", "invalid_code_prefix", "codePrefix may have up to 12 letters, digits and dashes");
  }
  if (!isWhole(reward.sortOrder, 0, 100_000)) issue("sortOrder", "invalid_sort_order", "sortOrder must be from 0 to 100000");
  // Whether the tier is one of the shop's is for the caller to say (validateReward's `tierIds`): rules know no shop.
  if (reward.minTierId !== null && (!isWhole(reward.minTierId, 1, Number.MAX_SAFE_INTEGER) || (tierIds && !tierIds.includes(reward.minTierId)))) {
    issue("minTierId", "unknown_tier", "minTierId must be one of the shop's tiers, or empty for everyone");
  }

  const needsAmount = reward.type === "fixed_amount" || reward.type === "store_credit" || reward.type === "variable_amount";
  if (needsAmount && !isWhole(reward.amountMinor, 1, MAX_AMOUNT_MINOR)) {
    issue("amountMinor", "invalid_amount", "amount must be a positive amount of the shop's currency");
  }
  if (reward.type === "percentage" && !isWhole(reward.percentage, 1, 100)) {
    issue("percentage", "invalid_percentage", "percentage must be a whole number from 1 to 100");
  }
  if (reward.type === "free_product" && !(typeof reward.variantId === "string" && /^\d+$/.test(reward.variantId))) {
    issue("variantId", "variant_required", "a free product reward needs a product variant");
  }
  if (reward.type === "variable_amount") {
    const step = reward.pointsCost;
    if (!isWhole(reward.minPoints, 1, MAX_POINTS) || (isWhole(step, 1, MAX_POINTS) && reward.minPoints % step !== 0)) {
      issue("minPoints", "invalid_min_points", "minPoints must be a positive multiple of the points per step");
    }
    if (!isWhole(reward.maxPoints, 1, MAX_POINTS) || (isWhole(step, 1, MAX_POINTS) && reward.maxPoints % step !== 0)) {
      issue("maxPoints", "invalid_max_points", "maxPoints must be a positive multiple of the points per step");
    } else if (isWhole(reward.minPoints, 1, MAX_POINTS) && reward.maxPoints < reward.minPoints) {
      issue("maxPoints", "max_below_min", "maxPoints must not be less than minPoints");
    }
  }
  if (issues.length > 0) throw new RewardValidationError(issues);

  // Fields that mean nothing for the type are stored empty, so a later type change cannot resurrect them.
  return {
    ...reward,
    amountMinor: needsAmount ? reward.amountMinor : null,
    percentage: reward.type === "percentage" ? reward.percentage : null,
    variantId: reward.type === "free_product" ? reward.variantId : null,
    minPoints: reward.type === "variable_amount" ? reward.minPoints : null,
    maxPoints: reward.type === "variable_amount" ? reward.maxPoints : null,
    minimumSubtotalMinor: reward.type === "store_credit" ? null : reward.minimumSubtotalMinor,
    // Shopify refuses a free-shipping code that combines with other shipping discounts
    // (INVALID_COMBINES_WITH_FOR_DISCOUNT_CLASS): two shipping discounts cannot stack.
    combinesWithShippingDiscounts: reward.type === "free_shipping" ? false : reward.combinesWithShippingDiscounts,
  };
}

/** What one redemption costs and is worth. */
export type RedemptionQuote = { points: number; valueMinor: number | null };

export class RedemptionInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RedemptionInputError";
  }
}

/**
 * The points a redemption spends and the money it is worth. `points` is only for variable_amount (the shopper's
 * choice, a multiple of the step within min/max); other types have a fixed cost and ignore it.
 */
export function quoteRedemption(reward: RewardDefinition, points?: number): RedemptionQuote {
  if (reward.type !== "variable_amount") {
    const valueMinor = reward.type === "fixed_amount" || reward.type === "store_credit" ? reward.amountMinor : null;
    return { points: reward.pointsCost, valueMinor };
  }
  const min = reward.minPoints!;
  const max = reward.maxPoints!;
  if (points === undefined || !Number.isSafeInteger(points)) {
    throw new RedemptionInputError("points_required", `choose how many points to spend: ${min} to ${max}`);
  }
  if (points < min || points > max || points % reward.pointsCost !== 0) {
    throw new RedemptionInputError(
      "points_out_of_range",
      `points must be from ${min} to ${max}, in steps of ${reward.pointsCost}`,
    );
  }
  return { points, valueMinor: (points / reward.pointsCost) * reward.amountMinor! };
}

/** The cheapest redemption of a reward: what a balance must reach for it to be affordable. */
export function cheapestPoints(reward: Pick<RewardDefinition, "type" | "pointsCost" | "minPoints">): number {
  return reward.type === "variable_amount" ? reward.minPoints! : reward.pointsCost;
}
