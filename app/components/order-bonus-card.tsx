// The Ways to earn page's order bonuses: first-order bonus and "spend X, get N extra", with a live example.
import { useFetcher } from "@remix-run/react";
import { BlockStack, Box, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { useAdminTranslation } from "../i18n/admin-messages";
import { CardSaveButtons } from "./card-save-buttons";
import { useFetcherOutcome } from "../admin/use-fetcher-outcome";
import { formatNumber, useAdminLocale } from "./admin-format";
import { useFormState } from "./form-save-bar";
import { orderBonusesToForm, parseOrderBonusForm, type OrderBonusField, type OrderBonusFormValues } from "../rules/order-bonus-form";
import type { OrderBonusSettings } from "../rules/program-settings";
import { currencyExponent } from "../rules/money";

type Outcome = { ok: true } | { ok: false; issues: Array<{ field: string; code: string }> };

export function OrderBonusCard({ saved, currency }: { saved: OrderBonusSettings; currency: string }) {
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const shopify = useAppBridge();
  const fetcher = useFetcher<Outcome>();
  const { values, set, dirty, reset, setIssues, issueFor } = useFormState<OrderBonusFormValues, OrderBonusField>(orderBonusesToForm(saved, currency));
  useFetcherOutcome(fetcher, (result) => {
    if (result.ok) shopify.toast.show(t("admin.orderBonus.saved"));
    else setIssues(result.issues as Array<{ field: OrderBonusField; code: string }>);
  });
  const error = (field: OrderBonusField) => {
    const issue = issueFor(field);
    return issue ? t(`admin.orderBonus.error.${issue.code}`) : undefined;
  };
  const parsed = parseOrderBonusForm(values, currency);
  const example =
    parsed.ok && parsed.value.orderThresholdMinor > 0 && parsed.value.orderThresholdBonus > 0
      ? t("admin.orderBonus.example", {
          threshold: new Intl.NumberFormat(locale, { style: "currency", currency }).format(parsed.value.orderThresholdMinor / 10 ** currencyExponent(currency)),
          points: formatNumber(parsed.value.orderThresholdBonus, locale),
        })
      : null;
  return (
    <section aria-labelledby="order-bonus-title" data-testid="order-bonuses">
      <Card>
        <BlockStack gap="300">
          <Text as="h3" variant="headingMd" id="order-bonus-title">
            {t("admin.orderBonus.heading")}
          </Text>
          <TextField
            label={t("admin.orderBonus.firstOrder")}
            type="number"
            min={0}
            value={values.firstOrderBonus}
            onChange={(value) => set("firstOrderBonus", value)}
            autoComplete="off"
            helpText={t("admin.orderBonus.firstOrderHelp")}
            error={error("firstOrderBonus")}
          />
          <InlineStack gap="300" wrap>
            <TextField
              label={t("admin.orderBonus.threshold", { currency })}
              value={values.orderThreshold}
              onChange={(value) => set("orderThreshold", value)}
              autoComplete="off"
              inputMode="decimal"
              helpText={t("admin.orderBonus.thresholdHelp")}
              error={error("orderThreshold")}
            />
            <TextField
              label={t("admin.orderBonus.thresholdBonus")}
              type="number"
              min={0}
              value={values.orderThresholdBonus}
              onChange={(value) => set("orderThresholdBonus", value)}
              autoComplete="off"
              error={error("orderThresholdBonus")}
            />
          </InlineStack>
          {example ? (
            <Box background="bg-surface-secondary" padding="300" borderRadius="200">
              <Text as="p" variant="bodyMd">
                <span data-testid="order-bonus-example">{example}</span>
              </Text>
            </Box>
          ) : null}
          <InlineStack gap="200">
            <CardSaveButtons
              dirty={dirty}
              saving={fetcher.state !== "idle"}
              onSave={() => fetcher.submit({ intent: "save_order_bonuses", ...values }, { method: "post" })}
              onDiscard={reset}
              saveLabel={t("admin.orderBonus.save")}
            />
          </InlineStack>
        </BlockStack>
      </Card>
    </section>
  );
}
