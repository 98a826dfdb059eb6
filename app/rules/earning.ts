// Points for a paid order and how many of them a refund takes back: pure functions, no I/O.
//
// Rounding, stated once:
// - Earning rounds DOWN per line (and once for shipping): points = floor(base × pointsPerUnit / 10^exponent),
//   where base is the line's money in minor units of the shop currency. Fractions are never carried between
//   lines, so a line's points are fixed when the order is paid and each can be reversed on its own.
// - Reversal uses a CUMULATIVE floor: after k of n units are refunded, floor(P × k / n) of the line's P points
//   are gone. Each refund takes back the difference between the new and the old figure, so partial refunds
//   never overshoot, and refunding all n units, in any number of refunds, takes back exactly P.
//
// Multipliers and bonuses (app/rules/campaigns.ts states how campaigns combine):
// - a line's points are floor(base points × campaign % × tier % / 10,000): one floor, the highest campaign multiplier
//   in scope for the line, times the member's tier multiplier;
// - order bonuses are their own amounts, never multiplied: the first-order bonus (the first order the program records
//   for the customer), the order-threshold bonus ("spend 100, get 50 extra": the order's net sales — lines less their
//   discounts, without shipping and taxes, as orderNetSales — at least the threshold), and each running campaign's
//   fixed bonus (once per order with a line in its scope). Each says when a refund takes it back (bonusToReverse).
import type { PaidOrder } from "./order-events";
import type { OrderBonusSettings, ProgramSettings } from "../rules/program-settings";
import { currencyExponent } from "./money";
import { mostPointsFor } from "./points-limits";
import { appliesToChannel, appliesToTier, campaignsRunningAt, orderChannel, lineInScope, lineMultiplierPercent, type Campaign, type ProductFactsLookup } from "./campaigns";

export type EarnedLine = { lineItemId: string; quantity: number; points: number };

/**
 * A bonus of the order, credited as its own ledger entry. Taken back in FULL (never in part) when the order is
 * cancelled, when every unit of `lines` has been refunded, or — with `minNet` — when refunds bring the order's
 * remaining net sales below it.
 */
export type EarnedBonus = {
  /** "first_order", "threshold" or "campaign:<id>": part of the entry's idempotency key. */
  key: string;
  points: number;
  lines: string[];
  minNet: number | null;
};

export type OrderEarning = {
  /** Every line of the order, in order; gift cards and excluded products are listed with 0 points. */
  lines: EarnedLine[];
  shippingPoints: number;
  /** Order bonuses (first order, threshold, campaign bonuses); empty when none apply. */
  bonuses: EarnedBonus[];
  /** Lines, shipping and bonuses. */
  totalPoints: number;
};

type EarningSettings = Pick<ProgramSettings, "pointsPerUnit" | "includeShipping" | "includeTaxes" | "excludedProductIds"> &
  Partial<OrderBonusSettings> & {
    /** Products in these collections never earn (known through context.productFacts). */
    excludedCollectionIds?: readonly string[];
    /** Products with these tags never earn (case-insensitive, through context.productFacts). */
    excludedProductTags?: readonly string[];
  };

/** What else an order's points depend on besides the settings; everything optional (a plain order earns without it). */
export type EarningContext = {
  /** The member's tier multiplier (percent; 100 = none). */
  tierPercent?: number;
  /** The member's tier (for campaigns limited to tiers). */
  tierId?: string | null;
  /** The shop's campaigns; only those running at the order's paidAt apply. */
  campaigns?: readonly Campaign[];
  /** Collections and tags of the order's products (for campaign scopes by collection or tag). */
  productFacts?: ProductFactsLookup;
  /** No earlier order of this customer is recorded: the first-order bonus applies. */
  firstOrder?: boolean;
  /** Guest orders earn no bonuses (they credit nobody; their points are only recorded). */
  member?: boolean;
};

function assertWhole(name: string, value: number) {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer`);
}

/** floor(a × b / c) for non-negative integers, in BigInt so large amounts × rates stay exact. */
function mulDivFloor(a: number, b: number, c: number): number {
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/**
 * The merchant's tax choice applied to an amount: prices that include tax lose it when taxes do not count;
 * prices that exclude tax gain it when taxes do count.
 */
function applyTaxRule(amount: number, taxAmount: number, taxesIncluded: boolean, includeTaxes: boolean): number {
  if (taxesIncluded && !includeTaxes) return amount - taxAmount;
  if (!taxesIncluded && includeTaxes) return amount + taxAmount;
  return amount;
}

function pointsFor(base: number, pointsPerUnit: number, exponent: number): number {
  if (base <= 0) return 0; // discounts larger than the price earn nothing, never negative points
  return mulDivFloor(base, pointsPerUnit, 10 ** exponent);
}

/**
 * Points an order earns under the shop's settings. Computed even for guest orders: whether anyone is credited
 * is the caller's decision.
 */
export function earnForOrder(order: PaidOrder, settings: EarningSettings, context: EarningContext = {}): OrderEarning {
  assertWhole("pointsPerUnit", settings.pointsPerUnit);
  const exponent = currencyExponent(order.currency);
  const excluded = new Set(settings.excludedProductIds);
  const byScope = (settings.excludedCollectionIds?.length ?? 0) + (settings.excludedProductTags?.length ?? 0) > 0;
  const excludedByScope = (productId: string | null) =>
    byScope && productId !== null && lineInScope({ productIds: [], collectionIds: [...(settings.excludedCollectionIds ?? [])], productTags: [...(settings.excludedProductTags ?? [])], tierIds: [] }, productId, context.productFacts);
  const tierPercent = context.tierPercent ?? 100;
  const tierId = context.tierId ?? null;
  const campaigns = context.campaigns?.length ? campaignsRunningAt(context.campaigns, order.paidAt).filter((c) => appliesToTier(c, tierId) && appliesToChannel(c, orderChannel(order.sourceName))) : [];
  const multiplied = (points: number, productId: string | null) => {
    const campaignPercent = campaigns.length > 0 ? lineMultiplierPercent(campaigns, productId, context.productFacts) : 100;
    return multiplyPercents(points, campaignPercent, tierPercent);
  };
  const earningLines = new Set<string>();

  const lines = order.lines.map((line): EarnedLine => {
    // Gift cards are stored value, not a purchase: points would be earned twice, on the card and on its use.
    const earns = !line.giftCard && !(line.productId !== null && excluded.has(line.productId)) && !excludedByScope(line.productId);
    const net = line.grossAmount - line.discountAmount;
    const base = applyTaxRule(net, line.taxAmount, order.taxesIncluded, settings.includeTaxes);
    const points = earns ? multiplied(pointsFor(base, settings.pointsPerUnit, exponent), line.productId) : 0;
    if (earns) earningLines.add(line.lineItemId);
    return { lineItemId: line.lineItemId, quantity: line.quantity, points };
  });

  const shippingBase = applyTaxRule(
    order.shipping.netAmount,
    order.shipping.taxAmount,
    order.taxesIncluded,
    settings.includeTaxes,
  );
  const shippingPoints = settings.includeShipping ? multiplied(pointsFor(shippingBase, settings.pointsPerUnit, exponent), null) : 0;
  const bonuses = context.member === false ? [] : orderBonuses(order, settings, context, campaigns, earningLines);
  const totalPoints = lines.reduce((sum, line) => sum + line.points, shippingPoints) + bonuses.reduce((sum, bonus) => sum + bonus.points, 0);
  return { lines, shippingPoints, bonuses, totalPoints };
}

/** floor(points × a% × b%), exact in BigInt; 100 and 100 leave the points as they are. */
export function multiplyPercents(points: number, percentA: number, percentB: number): number {
  if ((percentA === 100 && percentB === 100) || points <= 0) return points;
  return Number((BigInt(points) * BigInt(percentA) * BigInt(percentB)) / 10_000n);
}

function orderBonuses(order: PaidOrder, settings: EarningSettings, context: EarningContext, campaigns: Campaign[], earningLines: Set<string>): EarnedBonus[] {
  const bonuses: EarnedBonus[] = [];
  // Bonuses ride on lines that earn: an order of gift cards or excluded products only earns no bonus either.
  if (earningLines.size === 0) return bonuses;
  const all = [...earningLines];
  const firstOrderBonus = settings.firstOrderBonus ?? 0;
  if (context.firstOrder && firstOrderBonus > 0) bonuses.push({ key: "first_order", points: firstOrderBonus, lines: all, minNet: null });
  const threshold = settings.orderThresholdMinor ?? 0;
  const thresholdBonus = settings.orderThresholdBonus ?? 0;
  if (threshold > 0 && thresholdBonus > 0 && orderNetSales(order) >= threshold) {
    bonuses.push({ key: "threshold", points: thresholdBonus, lines: all, minNet: threshold });
  }
  for (const campaign of campaigns) {
    if (campaign.bonusPoints <= 0) continue;
    const inScope = order.lines.filter((line) => earningLines.has(line.lineItemId) && lineInScope(campaign.scope, line.productId, context.productFacts));
    if (inScope.length > 0) bonuses.push({ key: `campaign:${campaign.id}`, points: campaign.bonusPoints, lines: inScope.map((line) => line.lineItemId), minNet: null });
  }
  return bonuses;
}

/**
 * Whether a bonus is taken back now, after refunds: `refunded` is units refunded per line (cumulative), `quantities`
 * each line's units, `lineNet` each line's net sales. All or nothing: a bonus is never reduced in part.
 */
export function bonusToReverse(
  bonus: EarnedBonus,
  refunded: Record<string, number>,
  quantities: Record<string, number>,
  lineNet: Record<string, number> | undefined,
): boolean {
  const allRefunded = bonus.lines.every((id) => (refunded[id] ?? 0) >= (quantities[id] ?? 0));
  if (allRefunded) return true;
  if (bonus.minNet === null || !lineNet) return false;
  // The order's net sales still kept: each line's net less the refunded share (the cumulative floor of earning.ts).
  let remaining = 0;
  for (const [id, net] of Object.entries(lineNet)) {
    const quantity = quantities[id] ?? 0;
    const gone = quantity === 0 ? 0 : mulDivFloor(Math.max(0, net), Math.min(refunded[id] ?? 0, quantity), quantity);
    remaining += net - gone;
  }
  return remaining < bonus.minNet;
}

/**
 * The part of `total` that goes back when `now` more of `whole` are refunded after `before` already were:
 * floor(total × after / whole) − floor(total × before / whole), with both counts capped at `whole`.
 */
function cumulativeShare(total: number, whole: number, before: number, now: number): number {
  assertWhole("points", total);
  assertWhole("whole", whole);
  assertWhole("refunded before", before);
  assertWhole("refunded now", now);
  if (whole === 0) return 0;
  const done = Math.min(before, whole);
  const after = Math.min(before + now, whole);
  return mulDivFloor(total, after, whole) - mulDivFloor(total, done, whole);
}

/** Points to take back from a line of `lineQuantity` units that earned `linePoints`, for `refundedNow` units. */
export function pointsToReverseForRefund(
  linePoints: number,
  lineQuantity: number,
  refundedBefore: number,
  refundedNow: number,
): number {
  return cumulativeShare(linePoints, lineQuantity, refundedBefore, refundedNow);
}

/** The same rule for shipping, measured in money: amounts are minor units of the shop currency. */
export function shippingPointsToReverse(
  shippingPoints: number,
  shippingNetAmount: number,
  refundedBefore: number,
  refundedNow: number,
): number {
  return cumulativeShare(shippingPoints, shippingNetAmount, refundedBefore, refundedNow);
}

/**
 * The most points the order could earn under any settings a shop may choose: every line's price less its discounts
 * with its taxes, and shipping with its taxes, at MAX_POINTS_PER_UNIT. In BigInt, so it is exact for any amounts.
 */
export function mostPointsForOrder(order: PaidOrder): bigint {
  const exponent = currencyExponent(order.currency);
  const positive = (amount: number) => (amount > 0 ? BigInt(amount) : 0n);
  const lines = order.lines.reduce((sum, line) => sum + mostPointsFor(positive(line.grossAmount - line.discountAmount) + positive(line.taxAmount), exponent), 0n);
  return lines + mostPointsFor(positive(order.shipping.netAmount) + positive(order.shipping.taxAmount), exponent);
}

/**
 * What the order sold, in minor units of its currency: every line's price × quantity less its discounts, without
 * shipping, and without taxes (taken out when prices include them). The admin's average order value and revenue from
 * orders that used a reward are sums of this (app/persistence/program-stats.ts).
 */
export function orderNetSales(order: PaidOrder): number {
  return order.lines.reduce((sum, line) => {
    const net = line.grossAmount - line.discountAmount;
    return sum + (order.taxesIncluded ? net - line.taxAmount : net);
  }, 0);
}

/** Each line's part of orderNetSales, by line id: what a refund of some of its units takes off money spent. */
export function lineNetSales(order: PaidOrder): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of order.lines) {
    const net = line.grossAmount - line.discountAmount;
    out[line.lineItemId] = (out[line.lineItemId] ?? 0) + (order.taxesIncluded ? net - line.taxAmount : net);
  }
  return out;
}
