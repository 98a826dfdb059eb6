// One line saying what a reward gives and what it costs, in the admin's language.
import type { RewardDefinition } from "../rules/rewards";
import type { Translate } from "../i18n";
import { formatMoney, formatNumber } from "./admin-format";

export function rewardValueText(reward: RewardDefinition, currency: string, locale: string, t: Translate): string {
  const money = (minor: number | null) => (minor === null ? "—" : formatMoney(minor, currency, locale));
  switch (reward.type) {
    case "fixed_amount":
      return t("admin.rewards.value.fixed_amount", { amount: money(reward.amountMinor) });
    case "percentage":
      return t("admin.rewards.value.percentage", { percentage: reward.percentage ?? 0 });
    case "free_shipping":
      return t("admin.rewards.value.free_shipping");
    case "free_product":
      return t("admin.rewards.value.free_product", { variant: reward.variantId ?? "—" });
    case "variable_amount":
      return t("admin.rewards.value.variable_amount", { amount: money(reward.amountMinor) });
    case "store_credit":
      return t("admin.rewards.value.store_credit", { amount: money(reward.amountMinor) });
  }
}

export function rewardCostText(reward: RewardDefinition, locale: string, t: Translate): string {
  if (reward.type === "variable_amount") {
    return t("admin.rewards.cost.variable", {
      step: t("admin.points", { count: reward.pointsCost }),
      min: formatNumber(reward.minPoints ?? 0, locale),
      max: t("admin.points", { count: reward.maxPoints ?? 0 }),
    });
  }
  return t("admin.points", { count: reward.pointsCost });
}
