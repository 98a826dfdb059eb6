import { Checkbox } from "@shopify/polaris";
import { useAdminTranslation } from "../../i18n/admin-messages";
import { TitledCard } from "../../components/admin-cards";
import type { RewardFormProps } from "./form-props";

/** Whether shoppers can redeem the reward. */
export function StatusCard({ values, set }: Pick<RewardFormProps, "values" | "set">) {
  const t = useAdminTranslation();
  return (
    <TitledCard title={t("admin.reward.statusHeading")}>
      <Checkbox
        label={t("admin.reward.enabled")}
        helpText={t("admin.reward.enabledHelp")}
        checked={values.enabled === "true"}
        onChange={(checked) => set("enabled", String(checked))}
      />
    </TitledCard>
  );
}
