// One tier on the Tiers page: its position (tiers are reordered by number, no dragging), names per language,
// threshold and benefits. Errors come from validateTierForm, keyed `tiers.<index>.<field>`.
import { BlockStack, Button, Card, Checkbox, FormLayout, InlineStack, Text, TextField } from "@shopify/polaris";
import { useAdminTranslation } from "../i18n/admin-messages";
import { TIER_NAME_LOCALES, type TierFormTier } from "../rules/tiers";

type Props = {
  index: number;
  tier: TierFormTier;
  thresholdLabel: string;
  members: number | null;
  error: (field: string) => string | undefined;
  onChange: (tier: TierFormTier) => void;
  onRemove: () => void;
};

export function TierFieldsCard({ index, tier, thresholdLabel, members, error, onChange, onRemove }: Props) {
  const t = useAdminTranslation();
  const set = (patch: Partial<TierFormTier>) => onChange({ ...tier, ...patch });
  const title = tier.names.en?.trim() || t("admin.tiers.untitled", { n: index + 1 });
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h3" variant="headingSm">
            {title}
          </Text>
          <InlineStack gap="200" blockAlign="center">
            {members !== null ? <Text as="span" tone="subdued">{t("admin.tiers.members", { count: members })}</Text> : null}
            <Button variant="plain" tone="critical" onClick={onRemove} accessibilityLabel={t("admin.tiers.removeNamed", { name: title })}>
              {t("admin.tiers.remove")}
            </Button>
          </InlineStack>
        </InlineStack>
        <FormLayout>
          <FormLayout.Group condensed>
            <TextField label={t("admin.tiers.position")} type="number" min={1} value={tier.position} onChange={(position) => set({ position })} autoComplete="off" error={error("position")} helpText={t("admin.tiers.positionHelp")} />
            <TextField label={thresholdLabel} value={tier.threshold} onChange={(threshold) => set({ threshold })} autoComplete="off" error={error("threshold")} />
          </FormLayout.Group>
          <FormLayout.Group condensed>
            {TIER_NAME_LOCALES.map((locale) => (
              <TextField
                key={locale}
                label={t(`admin.tiers.name.${locale}`)}
                value={tier.names[locale] ?? ""}
                onChange={(name) => set({ names: { ...tier.names, [locale]: name } })}
                autoComplete="off"
                error={error(`names.${locale}`)}
              />
            ))}
          </FormLayout.Group>
          <FormLayout.Group condensed>
            <TextField label={t("admin.tiers.multiplier")} value={tier.multiplier} onChange={(multiplier) => set({ multiplier })} autoComplete="off" suffix="×" error={error("multiplier")} helpText={t("admin.tiers.multiplierHelp")} />
            <TextField label={t("admin.tiers.entryReward")} type="number" min={0} value={tier.entryReward} onChange={(entryReward) => set({ entryReward })} autoComplete="off" error={error("entryReward")} helpText={t("admin.tiers.entryRewardHelp")} />
            <TextField label={t("admin.tiers.birthdayMultiplier")} value={tier.birthdayMultiplier} onChange={(birthdayMultiplier) => set({ birthdayMultiplier })} autoComplete="off" suffix="×" error={error("birthdayMultiplier")} />
          </FormLayout.Group>
          <Checkbox label={t("admin.tiers.freeShipping")} checked={tier.freeShipping} onChange={(freeShipping) => set({ freeShipping })} />
        </FormLayout>
      </BlockStack>
    </Card>
  );
}
