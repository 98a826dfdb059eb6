// Points for a paid order and how many of them a refund takes back: pure functions, no I/O.
//
// Rounding, stated once:
// - Earning rounds DOWN per line (and once for shipping): points = floor(base × pointsPerUnit / 10^exponent),
//   where base is the line's money in minor units of the shop currency. Fractions are never carried between
//   lines, so a line's points are fixed when the order is paid and each can be reversed on its own.
// - Reversal uses a CUMULATIVE floor: after k of n units are refunded, floor(P × k / n) of the line's P points
//   are gone. Each refund takes back the difference between the new and the old figure, so partial refunds
//   never overshoot, and refunding all n units, in any number of refunds, takes back exactly P.
import type { PaidOrder } from "./order-events";
import type { ProgramSettings } from "../rules/program-settings";
import { currencyExponent } from "./money";
import { mostPointsFor } from "./points-limits";

export type EarnedLine = { lineItemId: string; quantity: number; points: number };

export type OrderEarning = {
  /** Every line of the order, in order; gift cards and excluded products are listed with 0 points. */
  lines: EarnedLine[];
  shippingPoints: number;
  totalPoints: number;
};

type EarningSettings = Pick<
  ProgramSettings,
  "pointsPerUnit" | "includeShipping" | "includeTaxes" | "excludedProductIds"
>;

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
export function earnForOrder(order: PaidOrder, settings: EarningSettings): OrderEarning {
  assertWhole("pointsPerUnit", settings.pointsPerUnit);
  const exponent = currencyExponent(order.currency);
  const excluded = new Set(settings.excludedProductIds);

  const lines = order.lines.map((line): EarnedLine => {
    // Gift cards are stored value, not a purchase: points would be earned twice, on the card and on its use.
    const earns = !line.giftCard && !(line.productId !== null && excluded.has(line.productId));
    const net = line.grossAmount - line.discountAmount;
    const base = applyTaxRule(net, line.taxAmount, order.taxesIncluded, settings.includeTaxes);
    const points = earns ? pointsFor(base, settings.pointsPerUnit, exponent) : 0;
    return { lineItemId: line.lineItemId, quantity: line.quantity, points };
  });

  const shippingBase = applyTaxRule(
    order.shipping.netAmount,
    order.shipping.taxAmount,
    order.taxesIncluded,
    settings.includeTaxes,
  );
  const shippingPoints = settings.includeShipping ? pointsFor(shippingBase, settings.pointsPerUnit, exponent) : 0;
  const totalPoints = lines.reduce((sum, line) => sum + line.points, shippingPoints);
  return { lines, shippingPoints, totalPoints };
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
