import { Select } from "@shopify/polaris";
import { useAdminTranslation } from "../../i18n/admin-messages";
import { useAdminLocale } from "../../components/admin-format";
import { TitledCard } from "../../components/admin-cards";
import type { RewardFormProps } from "./form-props";

export type TierOption = { id: string; names: Record<string, string | undefined> & { en: string } };

/** "Rewards only for that tier and above": every member, or the members of one tier and the tiers above it. */
export function TierLimitCard({ values, set, error, tiers }: RewardFormProps & { tiers: TierOption[] }) {
  const t = useAdminTranslation();
  const language = useAdminLocale().split("-")[0] ?? "en";
  const options = [
    { value: "", label: t("admin.reward.minTierEveryone") },
    ...tiers.map((tier) => ({ value: tier.id, label: t("admin.reward.minTierAndAbove", { tier: tier.names[language] ?? tier.names.en }) })),
  ];
  return (
    <TitledCard title={t("admin.reward.minTierHeading")}>
      <Select
        label={t("admin.reward.minTier")}
        options={options}
        value={values.minTierId}
        onChange={(value) => set("minTierId", value)}
        helpText={t("admin.reward.minTierHelp")}
        error={error("minTierId")}
      />
    </TitledCard>
  );
}
