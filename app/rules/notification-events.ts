// When the events that notify a member happen, as pure rules of plain values: the reward a balance has just become
// enough for, whether a tier change is up or down, which issued codes are about to expire, and the monthly balance
// reminder. The persistence side (app/persistence/notification-events.ts) reads the rows and writes the outbox.
import { formatDate, localDate } from "./local-calendar";
import { rank, tierAllows, tierById, tierName, TIER_NAME_LOCALES, type TierChange, type TierRules } from "./tiers";

/** A catalogue reward as these rules need it. */
export type NotifiableReward = {
  id: number;
  title: string;
  type: string;
  pointsCost: number;
  minPoints: number | null;
  maxPoints: number | null;
  amountMinor: number | null;
  minTierId: number | null;
};

/** The fewest points one redemption of the reward spends (a variable amount starts at its minimum). */
export function entryCost(reward: NotifiableReward): number {
  return reward.type === "variable_amount" ? Math.max(reward.pointsCost, reward.minPoints ?? reward.pointsCost) : reward.pointsCost;
}

/** The rewards a member of `tierId` may redeem (tier limits as at redemption; no tiers: every reward). */
export function openRewards(rewards: readonly NotifiableReward[], rules: TierRules | null, tierId: string | null): NotifiableReward[] {
  return rewards.filter((reward) => reward.minTierId === null || rules === null || tierAllows(rules, tierId, String(reward.minTierId)));
}

/** The cheapest reward of the list (by its entry cost; the first listed of equal ones). */
export function cheapestReward(rewards: readonly NotifiableReward[]): NotifiableReward | null {
  let best: NotifiableReward | null = null;
  for (const reward of rewards) if (best === null || entryCost(reward) < entryCost(best)) best = reward;
  return best;
}

/**
 * "Reward ready": the balance went from `before` to `after` and crossed the cost of the cheapest reward the member
 * can redeem (before < cost ≤ after). A rise that starts above it was already announced or never needed to be.
 */
export function rewardReadyCrossing(rewards: readonly NotifiableReward[], before: number, after: number): NotifiableReward | null {
  const cheapest = cheapestReward(rewards);
  if (!cheapest) return null;
  const cost = entryCost(cheapest);
  return before < cost && cost <= after ? cheapest : null;
}

/**
 * What `balance` is enough for: the reward worth the most that it affords (by money value where the reward has one,
 * a variable amount counted in the steps the balance buys, else by cost). Null when it affords none.
 */
export function bestAffordable(rewards: readonly NotifiableReward[], balance: number): { reward: NotifiableReward; valueMinor: number | null } | null {
  let best: { reward: NotifiableReward; valueMinor: number | null; cost: number } | null = null;
  for (const reward of rewards) {
    const cost = entryCost(reward);
    if (cost > balance) continue;
    let valueMinor: number | null = reward.amountMinor;
    let spent = cost;
    if (reward.type === "variable_amount" && reward.amountMinor !== null) {
      const cap = reward.maxPoints ?? balance;
      const steps = Math.floor(Math.min(balance, cap) / reward.pointsCost);
      spent = steps * reward.pointsCost;
      valueMinor = steps * reward.amountMinor;
    }
    const better =
      best === null ||
      (valueMinor ?? -1) > (best.valueMinor ?? -1) ||
      ((valueMinor ?? -1) === (best.valueMinor ?? -1) && spent > best.cost);
    if (better) best = { reward, valueMinor, cost: spent };
  }
  return best ? { reward: best.reward, valueMinor: best.valueMinor } : null;
}

/**
 * A tier change as a notification: up or down by the tiers' order, or none. A change caused by the merchant
 * editing the tiers (rules_changed) notifies nobody: an edit in admin should not email the whole programme.
 */
export function tierChangeKind(rules: TierRules, change: TierChange): "tier_up" | "tier_down" | null {
  if (change.cause === "rules_changed") return null;
  const from = rank(rules, change.from);
  const to = rank(rules, change.to);
  if (to === from) return null;
  return to > from ? "tier_up" : "tier_down";
}

/** The tier's name in each language (English filling gaps); "no tier" has none. */
export function tierNames(rules: TierRules, tierId: string | null): Record<string, string> | undefined {
  const tier = tierById(rules, tierId);
  if (!tier) return undefined;
  return Object.fromEntries(TIER_NAME_LOCALES.map((locale) => [locale, tierName(tier, locale)]));
}

/** Reward codes are reminded this many days before they expire. */
export const CODE_EXPIRY_LEAD_DAYS = 7;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The reminder of an issued, unused code expiring at `expiresAt`: due from `leadDays` before it until it expires.
 * `date` is the last shop-local day it can be used; `days` the whole days left, rounded up.
 */
export function codeExpiryReminder(expiresAt: Date, now: Date, zone: string, leadDays = CODE_EXPIRY_LEAD_DAYS): { date: string; days: number } | null {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0 || left > leadDays * DAY_MS) return null;
  return { date: formatDate(localDate(new Date(expiresAt.getTime() - 1), zone)), days: Math.ceil(left / DAY_MS) };
}

/** The shop-local month a balance reminder belongs to ("2027-01"): its business key, so at most one a month. */
export function reminderMonth(now: Date, zone: string): string {
  const date = localDate(now, zone);
  return `${date.year}-${String(date.month).padStart(2, "0")}`;
}
