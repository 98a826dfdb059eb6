import { BlockStack, Checkbox, FormLayout, Text, TextField } from "@shopify/polaris";
import { useAdminTranslation } from "../../i18n/admin-messages";
import { countOf } from "../../components/admin-format";
import { TitledCard } from "../../components/admin-cards";
import type { RewardFormProps } from "./form-props";

/** The discount code's terms: minimum subtotal, validity, prefix, and which discounts it combines with. */
export function CodeSettingsCard({ values, set, error, currency }: RewardFormProps & { currency: string }) {
  const t = useAdminTranslation();
  return (
    <TitledCard title={t("admin.reward.codeHeading")} gap="300">
      <FormLayout>
        <FormLayout.Group>
          <TextField
            label={t("admin.reward.minimumSubtotal")}
            value={values.minimumSubtotal}
            onChange={(value) => set("minimumSubtotal", value)}
            autoComplete="off"
            inputMode="decimal"
            suffix={currency}
            helpText={t("admin.reward.minimumSubtotalHelp")}
            error={error("minimumSubtotal")}
          />
          <TextField
            label={t("admin.reward.validityDays")}
            type="number"
            min={1}
            max={365}
            value={values.validityDays}
            onChange={(value) => set("validityDays", value)}
            autoComplete="off"
            suffix={t("admin.program.days", { count: countOf(values.validityDays) })}
            helpText={t("admin.reward.validityHelp")}
            error={error("validityDays")}
          />
        </FormLayout.Group>
        <TextField
          label={t("admin.reward.codePrefix")}
          value={values.codePrefix}
          onChange={(value) => set("codePrefix", value.toUpperCase())}
          autoComplete="off"
          maxLength={12}
          helpText={t("admin.reward.codePrefixHelp")}
          error={error("codePrefix")}
        />
        <BlockStack gap="100">
          <Text as="p">{t("admin.reward.combinesHeading")}</Text>
          <Checkbox
            label={t("admin.reward.combinesProduct")}
            checked={values.combinesWithProductDiscounts === "true"}
            onChange={(checked) => set("combinesWithProductDiscounts", String(checked))}
          />
          <Checkbox
            label={t("admin.reward.combinesOrder")}
            checked={values.combinesWithOrderDiscounts === "true"}
            onChange={(checked) => set("combinesWithOrderDiscounts", String(checked))}
          />
          <Checkbox
            label={t("admin.reward.combinesShipping")}
            checked={values.combinesWithShippingDiscounts === "true"}
            onChange={(checked) => set("combinesWithShippingDiscounts", String(checked))}
          />
        </BlockStack>
      </FormLayout>
    </TitledCard>
  );
}
