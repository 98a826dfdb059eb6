// The Tiers page's form to and from tier rules (validation itself is validateTierForm in tiers.ts).
import { formatMultiplier, formatThreshold, TIER_NAME_LOCALES, type TierForm, type TierFormTier, type TierRules } from "./tiers";

export function tierRulesToForm(rules: TierRules | null, currency: string): TierForm {
  if (!rules) return { measure: "points_earned", period: "calendar_year", graceDays: "0", tiers: [] };
  return {
    measure: rules.measure,
    period: rules.period,
    graceDays: String(rules.graceDays),
    tiers: rules.tiers.map((tier, index) => ({
      id: tier.id,
      position: String(index + 1),
      names: Object.fromEntries(TIER_NAME_LOCALES.map((locale) => [locale, tier.names[locale] ?? ""])),
      threshold: formatThreshold(tier.threshold, rules.measure, currency),
      multiplier: formatMultiplier(tier.multiplierPercent),
      entryReward: String(tier.entryRewardPoints),
      freeShipping: tier.freeShipping,
      birthdayMultiplier: formatMultiplier(tier.birthdayMultiplierPercent),
    })),
  };
}

export function newFormTier(position: number): TierFormTier {
  return { id: "", position: String(position), names: { en: "", pl: "", ru: "", ro: "" }, threshold: "", multiplier: "1", entryReward: "0", freeShipping: false, birthdayMultiplier: "1" };
}

/**
 * The form as posted (JSON text) → a TierForm, or null when it is not one. New tiers get ids of their own ("new-2"),
 * never a row id, so the preview can tell them apart and saving inserts them.
 */
export function readTierForm(text: string): TierForm | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== "object") return null;
  const form = raw as Record<string, unknown>;
  const str = (value: unknown) => (typeof value === "string" ? value : "");
  if (!Array.isArray(form.tiers) || form.tiers.length > 50) return null;
  return {
    measure: str(form.measure),
    period: str(form.period),
    graceDays: str(form.graceDays),
    tiers: form.tiers.map((item, index): TierFormTier => {
      const tier = (item && typeof item === "object" ? item : {}) as Record<string, unknown>;
      const names = (tier.names && typeof tier.names === "object" ? tier.names : {}) as Record<string, unknown>;
      const id = str(tier.id);
      return {
        id: /^\d+$/.test(id) ? id : `new-${index}`,
        position: str(tier.position),
        names: Object.fromEntries(TIER_NAME_LOCALES.map((locale) => [locale, str(names[locale])])),
        threshold: str(tier.threshold),
        multiplier: str(tier.multiplier),
        entryReward: str(tier.entryReward),
        freeShipping: tier.freeShipping === true,
        birthdayMultiplier: str(tier.birthdayMultiplier),
      };
    }),
  };
}
