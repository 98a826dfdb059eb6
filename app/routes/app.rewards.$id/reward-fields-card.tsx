import { useEffect, useState } from "react";
import { BlockStack, Button, Card, FormLayout, InlineStack, Select, TextField } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { REWARD_TYPES, type RewardType } from "../../rules/rewards";
import type { fieldsForType } from "../../rules/reward-form";
import { useAdminTranslation } from "../../i18n/admin-messages";
import { countOf } from "../../components/admin-format";
import type { RewardFormProps } from "./form-props";

/** Type, title, cost and what the reward gives (amount, percentage, product, range), as the type needs. */
export function RewardFieldsCard({
  values,
  set,
  error,
  type,
  shows,
  currency,
}: RewardFormProps & { type: RewardType; shows: ReturnType<typeof fieldsForType>; currency: string }) {
  const t = useAdminTranslation();
  const shopify = useAppBridge();
  // The resource picker is App Bridge's; offline stand-ins may not have it, so the button appears only when it does.
  const [canPick, setCanPick] = useState(false);
  useEffect(() => setCanPick(typeof window.shopify?.resourcePicker === "function"), []);

  async function pickVariant() {
    const picked = await shopify.resourcePicker({ type: "variant", multiple: false, action: "select" });
    const variant = picked?.[0];
    if (variant) set("variantId", variant.id.replace("gid://shopify/ProductVariant/", ""));
  }

  return (
    <Card>
      <FormLayout>
        <Select
          label={t("admin.reward.type")}
          options={REWARD_TYPES.map((value) => ({ value, label: t(`admin.rewards.type.${value}`) }))}
          value={type}
          onChange={(value) => set("type", value)}
          helpText={t(`admin.reward.typeHelp.${type}`)}
          error={error("type")}
        />
        <TextField
          label={t("admin.reward.titleLabel")}
          value={values.title}
          onChange={(value) => set("title", value)}
          autoComplete="off"
          maxLength={100}
          helpText={t("admin.reward.titleHelp")}
          error={error("title")}
        />
        <FormLayout.Group>
          <TextField
            label={t(type === "variable_amount" ? "admin.reward.pointsPerStep" : "admin.reward.pointsCost")}
            type="number"
            min={1}
            value={values.pointsCost}
            onChange={(value) => set("pointsCost", value)}
            autoComplete="off"
            suffix={t("admin.program.points", { count: countOf(values.pointsCost) })}
            error={error("pointsCost")}
          />
          {shows.amount ? (
            <TextField
              label={t(type === "variable_amount" ? "admin.reward.amountPerStep" : "admin.reward.amount")}
              value={values.amount}
              onChange={(value) => set("amount", value)}
              autoComplete="off"
              inputMode="decimal"
              suffix={currency}
              error={error("amount")}
            />
          ) : null}
          {shows.percentage ? (
            <TextField
              label={t("admin.reward.percentage")}
              type="number"
              min={1}
              max={100}
              value={values.percentage}
              onChange={(value) => set("percentage", value)}
              autoComplete="off"
              suffix="%"
              error={error("percentage")}
            />
          ) : null}
        </FormLayout.Group>
        {shows.range ? (
          <FormLayout.Group>
            <TextField
              label={t("admin.reward.minPoints")}
              type="number"
              value={values.minPoints}
              onChange={(value) => set("minPoints", value)}
              autoComplete="off"
              error={error("minPoints")}
            />
            <TextField
              label={t("admin.reward.maxPoints")}
              type="number"
              value={values.maxPoints}
              onChange={(value) => set("maxPoints", value)}
              autoComplete="off"
              error={error("maxPoints")}
            />
          </FormLayout.Group>
        ) : null}
        {shows.variant ? (
          <BlockStack gap="200">
            <TextField
              label={t("admin.reward.variantId")}
              value={values.variantId}
              onChange={(value) => set("variantId", value)}
              autoComplete="off"
              helpText={t("admin.reward.variantHelp")}
              error={error("variantId")}
            />
            {canPick ? (
              <InlineStack>
                <Button onClick={pickVariant}>{t("admin.reward.pickVariant")}</Button>
              </InlineStack>
            ) : null}
          </BlockStack>
        ) : null}
      </FormLayout>
    </Card>
  );
}
