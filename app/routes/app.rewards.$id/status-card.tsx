import { BlockStack, Card, Checkbox, Text } from "@shopify/polaris";
import { useAdminTranslation } from "../../i18n/admin-messages";
import type { RewardFormProps } from "./form-props";

/** Whether shoppers can redeem the reward. */
export function StatusCard({ values, set }: Pick<RewardFormProps, "values" | "set">) {
  const t = useAdminTranslation();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("admin.reward.statusHeading")}
        </Text>
        <Checkbox
          label={t("admin.reward.enabled")}
          helpText={t("admin.reward.enabledHelp")}
          checked={values.enabled === "true"}
          onChange={(checked) => set("enabled", String(checked))}
        />
      </BlockStack>
    </Card>
  );
}
