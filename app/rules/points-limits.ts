// Every limit on an amount of points, in one place. Points are whole numbers held as 64-bit integers in the database
// (BigInt columns) and as JS numbers in the app, which are exact up to 2^53 − 1; the limits keep every value, and
// every sum the app computes, within that, and each is checked where the amount comes in (a webhook, a form, a CSV
// row), so anything beyond is refused with a clear error rather than failing, or rounding, later.

/** Points per unit of the shop currency an earning rule may give (program settings). */
export const MAX_POINTS_PER_UNIT = 10_000;
/** A sign-up bonus (program settings). */
export const MAX_SIGNUP_BONUS = 1_000_000;
/** A reward's points cost, and the min/max of a "points for money" reward. */
export const MAX_REWARD_POINTS = 10_000_000;
/** One staff adjustment, either way. */
export const MAX_ADJUSTMENT_POINTS = 10_000_000;
/** One row of a CSV balance import. */
export const MAX_IMPORT_ROW_POINTS = 10_000_000;

/**
 * The most points one order may earn, its lines and shipping together, at the highest rate any shop may set
 * (MAX_POINTS_PER_UNIT, taxes and shipping counted). A webhook for an order that could earn more is refused (400)
 * whatever the shop's own rate: the order's money would have to be over 10^9 units of its currency (1 billion USD,
 * yen or dinars), far beyond any real order, so refusing it loses nothing real and keeps the check free of settings.
 */
export const MAX_ORDER_POINTS = 10_000_000_000_000;

/**
 * A member's available or pending balance, either sign (staff may take a balance below zero): 2^53 − 1, the
 * largest whole number a JS number holds exactly, so balances and their sums stay exact. It is 900 orders at
 * MAX_ORDER_POINTS; an entry that would take a balance beyond it is refused and says so.
 */
export const MAX_BALANCE_POINTS = Number.MAX_SAFE_INTEGER;

/** A balance would leave the range of MAX_BALANCE_POINTS. */
export class PointsLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PointsLimitError";
  }
}

export function isWithinBalanceLimit(points: number): boolean {
  return Number.isSafeInteger(points) && Math.abs(points) <= MAX_BALANCE_POINTS;
}

/**
 * The most points `moneyMinor` (minor units of a currency with `exponent` decimals) can earn at the highest rate:
 * floor(money × MAX_POINTS_PER_UNIT / 10^exponent), exact in BigInt for any size.
 */
export function mostPointsFor(moneyMinor: bigint, exponent: number): bigint {
  if (moneyMinor <= 0n) return 0n;
  return (moneyMinor * BigInt(MAX_POINTS_PER_UNIT)) / 10n ** BigInt(exponent);
}
