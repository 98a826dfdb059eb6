// What the shopper-facing surfaces (the cart block, the checkout, thank-you and customer account extensions) show
// and enable, as pure functions of the API's answers (docs/proxy-api.md): which rewards can be redeemed here and why
// the others cannot, what an order earned and when, in the shopper's locale and the shop's time zone. No DOM, no
// fetch: unit-tested in tests/unit/extensions/rewards-view.test.ts and bundled into each surface.

/** A reward as /me lists it (the fields these views read). */
export type ListedReward = {
  id: number;
  type: string;
  title: string;
  pointsCost: number;
  cheapestPoints: number;
  minimumSubtotalMinor: number | null;
};

/** Why a reward cannot be redeemed here; null when it can. */
export type DisabledReason = "not_enough_points" | "not_a_code" | "subtotal_too_low" | "sign_in" | "cannot_update_codes" | null;

export type RewardOption = { reward: ListedReward; points: number; missingPoints: number; disabled: DisabledReason };

export type OptionContext = {
  signedIn: boolean;
  availablePoints: number;
  /** The cart's or checkout's subtotal in minor units, when known (a code's minimum subtotal is checked then). */
  subtotalMinor?: number | null;
  /** Checkout: whether the extension may change the discount codes (Plus, and the merchant's setting). */
  canUpdateCodes?: boolean;
};

/**
 * Every reward with what it costs here and, if it cannot be redeemed, the first reason: sign in, codes cannot be
 * changed here, it is store credit (not a code for this cart), the subtotal is below its minimum, too few points.
 * Affordable ones first, then by cost.
 */
export function rewardOptions(rewards: readonly ListedReward[], context: OptionContext): RewardOption[] {
  const options = rewards.map((reward): RewardOption => {
    const points = reward.cheapestPoints;
    const missingPoints = Math.max(0, points - context.availablePoints);
    let disabled: DisabledReason = null;
    if (!context.signedIn) disabled = "sign_in";
    else if (context.canUpdateCodes === false) disabled = "cannot_update_codes";
    else if (reward.type === "store_credit") disabled = "not_a_code";
    else if (reward.minimumSubtotalMinor !== null && context.subtotalMinor != null && context.subtotalMinor < reward.minimumSubtotalMinor) disabled = "subtotal_too_low";
    else if (missingPoints > 0) disabled = "not_enough_points";
    return { reward, points, missingPoints, disabled };
  });
  return options.sort((a, b) => Number(a.disabled !== null) - Number(b.disabled !== null) || a.points - b.points);
}

/** The rewards a signed-in shopper can redeem into this cart or checkout now. */
export function affordableRewards(rewards: readonly ListedReward[], context: OptionContext): ListedReward[] {
  return rewardOptions(rewards, context)
    .filter((o) => o.disabled === null)
    .map((o) => o.reward);
}

/** CLDR plural category of `count` in `locale` (one, few, many, other; en has one/other, pl/ru one/few/many). */
export function pluralCategory(locale: string, count: number): "one" | "few" | "many" | "other" {
  const category = new Intl.PluralRules(locale).select(count);
  return category === "one" || category === "few" || category === "many" ? category : "other";
}

/** `{name}` placeholders filled from `values`. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Points an order would earn: whole currency units of `amountMinor` times the rate, rounded down (as orders/paid). */
export function estimatePoints(amountMinor: number, pointsPerUnit: number, minorPerUnit = 100): number {
  if (!(amountMinor > 0) || !(pointsPerUnit > 0)) return 0;
  return Math.floor((amountMinor / minorPerUnit) * pointsPerUnit);
}

/** `date` as the shopper reads it: their locale, the shop's time zone (a day in the shop's calendar). */
export function formatShopDate(date: Date, locale: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone }).format(date);
  } catch {
    // An unknown zone (or locale) must not blank the page: UTC in English-like form still says the day.
    return new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(date);
  }
}

export type EarnedMessage =
  | { kind: "earned"; points: number; availableOn: string | null }
  | { kind: "guest"; points: number }
  | { kind: "none" };

/**
 * The thank-you / order-status message. Signed in: what the order earned as recorded (or, until orders/paid is
 * applied, the estimate) and the day those points become available (recorded release, or today + pendingDays), none
 * when already released. Guest: the estimate, to claim by creating an account.
 */
export function earnedMessage(input: {
  signedIn: boolean;
  recorded: { points: number; releaseAt: string; released: boolean; cancelled: boolean } | null;
  estimatePoints: number;
  pendingDays: number;
  now: Date;
  locale: string;
  timeZone: string;
}): EarnedMessage {
  if (!input.signedIn) return input.estimatePoints > 0 ? { kind: "guest", points: input.estimatePoints } : { kind: "none" };
  if (input.recorded) {
    if (input.recorded.cancelled || input.recorded.points <= 0) return { kind: "none" };
    return { kind: "earned", points: input.recorded.points, availableOn: input.recorded.released ? null : formatShopDate(new Date(input.recorded.releaseAt), input.locale, input.timeZone) };
  }
  if (input.estimatePoints <= 0) return { kind: "none" };
  const release = new Date(input.now.getTime() + input.pendingDays * 86_400_000);
  return { kind: "earned", points: input.estimatePoints, availableOn: input.pendingDays > 0 ? formatShopDate(release, input.locale, input.timeZone) : null };
}

/**
 * Tier progress toward the next tier as a 0–100 percentage: /me's tier has `progress` (so far, in the measure's unit)
 * and `needed` (still needed for the next tier, 0 when there is none). Null: no tiers, or already at the top.
 */
export function tierProgress(tier: { progress: number; needed: number; next: unknown } | null | undefined): { percent: number; remaining: number } | null {
  if (!tier || !tier.next || tier.needed <= 0) return null;
  const total = Math.max(0, tier.progress) + tier.needed;
  return { percent: Math.floor((Math.max(0, tier.progress) / total) * 100), remaining: tier.needed };
}

/** What is still needed for the next tier, in the tier measure's unit: money (minor units) as currency, else a count. */
export function formatTierRemaining(remaining: number, measure: string, locale: string, currency: string): string {
  if (measure === "money_spent") {
    const format = new Intl.NumberFormat(locale, { style: "currency", currency });
    return format.format(remaining / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
  }
  return new Intl.NumberFormat(locale).format(remaining);
}

/** A birthday (month 1–12, day) as the shopper reads it, without a year: "March 14", "14 marca". */
export function formatBirthday(birthday: { month: number; day: number }, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: "long", day: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(2000, birthday.month - 1, birthday.day)));
}
