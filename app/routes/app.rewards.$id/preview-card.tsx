import { BlockStack, Box, Text } from "@shopify/polaris";
import { parseRewardForm } from "../../rules/reward-form";
import { useAdminTranslation } from "../../i18n/admin-messages";
import { useAdminLocale } from "../../components/admin-format";
import { rewardCostText, rewardValueText } from "../../components/reward-summary";
import { TitledCard } from "../../components/admin-cards";
import type { RewardFormProps } from "./form-props";

/** The reward as shoppers will see it, from the form's current values (once they are valid). */
export function PreviewCard({ values, currency }: Pick<RewardFormProps, "values"> & { currency: string }) {
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const preview = parseRewardForm(values, currency, 0);
  return (
    <TitledCard title={t("admin.reward.previewHeading")}>
      <Box>
        {preview.ok ? (
          <BlockStack gap="100">
            <Text as="p" fontWeight="semibold">
              {preview.value.title}
            </Text>
            <Text as="p">{rewardValueText(preview.value, currency, locale, t)}</Text>
            <Text as="p" tone="subdued">
              {rewardCostText(preview.value, locale, t)}
            </Text>
          </BlockStack>
        ) : (
          <Text as="p" tone="subdued">
            {t("admin.reward.previewIncomplete")}
          </Text>
        )}
      </Box>
    </TitledCard>
  );
}
