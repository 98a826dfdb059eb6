import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { BlockStack, Box, Button, Card, Checkbox, ChoiceList, InlineStack, Layout, List, Page, Text, TextField } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { sqlDb } from "../db.server";
import { badRequest, readForm, requireAdmin } from "../admin/route-kit.server";
import { useFetcherOutcome } from "../admin/use-fetcher-outcome";
import { shopCurrency } from "../persistence/shops";
import { getProgramSettings, saveProgramSettings } from "../persistence/program-settings";
import {
  earningExample,
  LIMITS,
  parseProductIds,
  parseProgramSettingsForm,
  settingsToForm,
  type ProgramSettingsField,
  type ProgramSettingsFormValues,
  type ProgramSettingsIssue,
} from "../rules/program-settings-form";
import { useAdminTranslation } from "../i18n/admin-messages";
import { countOf, formatMoney, formatNumber, useAdminLocale } from "../components/admin-format";
import { FormSaveBar, useFormState } from "../components/form-save-bar";
import { RedemptionSurfacesCard } from "../components/redemption-surfaces-card";
import { pickTitledResources } from "../components/resource-picker";
import { productTitles } from "../shopify/product-titles.server";

const FIELDS: ProgramSettingsField[] = ["pointsPerUnit", "includeShipping", "includeTaxes", "excludedProductIds", "pendingDays", "signupBonus", "rewardRefund"];

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop, admin } = await requireAdmin(request);
  const [settings, currency] = await Promise.all([getProgramSettings(sqlDb, shop), shopCurrency(sqlDb, shop)]);
  // Titles only for showing: the stored ids are what earning reads. Shopify failing shows the ids instead.
  const titles = await productTitles(admin.graphql, settings.excludedProductIds);
  return { form: settingsToForm(settings), currency, productTitles: Object.fromEntries(titles) };
}

export type ProgramActionResult = { ok: true } | { ok: false; issues: ProgramSettingsIssue[] };

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const values: ProgramSettingsFormValues = await readForm(request, FIELDS);
  const parsed = parseProgramSettingsForm(values);
  if (!parsed.ok) return badRequest(parsed.issues);
  await saveProgramSettings(sqlDb, shop, parsed.value);
  return { ok: true as const };
}

export default function Program() {
  const { form: saved, currency, productTitles: savedTitles } = useLoaderData<typeof loader>();
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const shopify = useAppBridge();
  const fetcher = useFetcher<ProgramActionResult>();
  const { values, set, dirty, reset, setIssues, issueFor } = useFormState<ProgramSettingsFormValues, ProgramSettingsField>(saved);
  const saving = fetcher.state !== "idle";
  // The resource picker is App Bridge's; offline stand-ins may not have it, so the button appears only when it does.
  const [canPick, setCanPick] = useState(false);
  useEffect(() => setCanPick(typeof window !== "undefined" && typeof window.shopify?.resourcePicker === "function"), []);

  useFetcherOutcome(fetcher, (result) => {
    if (result.ok) shopify.toast.show(t("admin.program.saved"));
    else setIssues(result.issues);
  });

  const error = (field: ProgramSettingsField) => {
    const issue = issueFor(field);
    const max = field === "excludedProductIds" ? LIMITS.excludedProducts : LIMITS[field as "pointsPerUnit" | "pendingDays" | "signupBonus"];
    return issue ? t(`admin.program.error.${issue.code}`, { max: formatNumber(max ?? 0, locale) }) : undefined;
  };

  const rate = Number(values.pointsPerUnit);
  const example = Number.isSafeInteger(rate) && rate >= 0 && rate <= LIMITS.pointsPerUnit
    ? earningExample({ pointsPerUnit: rate, includeShipping: values.includeShipping === "true", includeTaxes: values.includeTaxes === "true" }, currency)
    : null;
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const excludedCount = parseProductIds(values.excludedProductIds)?.length ?? null;

  // Titles of the excluded products: Shopify's for the saved ones, the picker's for those picked since.
  const [titles, setTitles] = useState<Record<string, string>>(savedTitles);
  const excludedIds = parseProductIds(values.excludedProductIds) ?? [];

  async function pickProducts() {
    const picked = await pickTitledResources(shopify, "product", values.excludedProductIds);
    if (!picked) return;
    setTitles((known) => ({ ...known, ...Object.fromEntries(picked.filter((p) => p.title).map((p) => [p.id, p.title])) }));
    set("excludedProductIds", picked.map((product) => product.id).join(", "));
  }
  const removeExcluded = (id: string) => set("excludedProductIds", excludedIds.filter((other) => other !== id).join(", "));

  return (
    <Page>
      <TitleBar title={t("admin.program.title")} />
      <FormSaveBar
        id="program-save-bar"
        open={dirty}
        saving={saving}
        onSave={() => fetcher.submit(values, { method: "post" })}
        onDiscard={reset}
      />
      <Layout>
        <Layout.AnnotatedSection title={t("admin.program.earningHeading")} description={t("admin.program.earningDescription")}>
          <Card>
            <BlockStack gap="400">
              <TextField
                label={t("admin.program.pointsPerUnit", { currency })}
                type="number"
                min={0}
                max={LIMITS.pointsPerUnit}
                value={values.pointsPerUnit}
                onChange={(value) => set("pointsPerUnit", value)}
                autoComplete="off"
                suffix={t("admin.program.pointsPerUnitSuffix", { currency, count: countOf(values.pointsPerUnit) })}
                error={error("pointsPerUnit")}
                helpText={t("admin.program.pointsPerUnitHelp")}
              />
              <Checkbox
                label={t("admin.program.includeShipping")}
                checked={values.includeShipping === "true"}
                onChange={(checked) => set("includeShipping", String(checked))}
                error={error("includeShipping")}
              />
              <Checkbox
                label={t("admin.program.includeTaxes")}
                checked={values.includeTaxes === "true"}
                onChange={(checked) => set("includeTaxes", String(checked))}
                error={error("includeTaxes")}
              />
              <Box background="bg-surface-secondary" padding="300" borderRadius="200">
                <BlockStack gap="200">
                  <Text as="h3" variant="headingSm">
                    {t("admin.program.exampleHeading")}
                  </Text>
                  <Text as="p" variant="bodyMd">
                    <span data-testid="earning-example">
                      {example
                        ? t("admin.program.example", {
                            items: money(example.itemsMinor),
                            shipping: money(example.shippingMinor),
                            tax: money(example.taxMinor),
                            points: t("admin.points", { count: example.points }),
                          })
                        : t("admin.program.exampleUnavailable")}
                    </span>
                  </Text>
                  <List>
                    <List.Item>{t("admin.program.roundingPerLine")}</List.Item>
                    <List.Item>{t("admin.program.roundingDiscounts")}</List.Item>
                    <List.Item>{t("admin.program.roundingRefunds")}</List.Item>
                    <List.Item>{t("admin.program.roundingGiftCards")}</List.Item>
                  </List>
                </BlockStack>
              </Box>
            </BlockStack>
          </Card>
        </Layout.AnnotatedSection>

        <Layout.AnnotatedSection title={t("admin.program.exclusionsHeading")} description={t("admin.program.exclusionsDescription")}>
          <Card>
            <BlockStack gap="300">
              {canPick ? (
                <>
                  {excludedIds.length === 0 ? (
                    <Text as="p" tone="subdued">
                      {t("admin.program.excludedNone")}
                    </Text>
                  ) : (
                    <BlockStack gap="200">
                      <Text as="p" variant="bodyMd">
                        {t("admin.program.excludedCount", { count: formatNumber(excludedIds.length, locale) })}
                      </Text>
                      <ul data-testid="excluded-products" style={{ margin: 0, paddingInlineStart: "1.25rem" }}>
                        {excludedIds.map((id) => {
                          const title = titles[id] ?? t("admin.program.unknownProduct", { id });
                          return (
                            <li key={id}>
                              <InlineStack gap="200" blockAlign="center">
                                <Text as="span">{title}</Text>
                                <Button variant="plain" onClick={() => removeExcluded(id)} accessibilityLabel={t("admin.program.removeExcluded", { title })}>
                                  {t("admin.program.remove")}
                                </Button>
                              </InlineStack>
                            </li>
                          );
                        })}
                      </ul>
                    </BlockStack>
                  )}
                  {error("excludedProductIds") ? (
                    <Text as="p" tone="critical">
                      {error("excludedProductIds")}
                    </Text>
                  ) : null}
                  <InlineStack>
                    <Button onClick={pickProducts}>{t("admin.program.browseProducts")}</Button>
                  </InlineStack>
                </>
              ) : (
                // Without App Bridge (an offline stand-in lacking the picker) the ids can still be typed.
                <TextField
                  label={t("admin.program.excludedProducts")}
                  value={values.excludedProductIds}
                  onChange={(value) => set("excludedProductIds", value)}
                  multiline={2}
                  autoComplete="off"
                  placeholder="632910392, 632910393"
                  helpText={
                    !excludedCount
                      ? t("admin.program.excludedProductsHelp")
                      : t("admin.program.excludedCount", { count: formatNumber(excludedCount, locale) })
                  }
                  error={error("excludedProductIds")}
                />
              )}
            </BlockStack>
          </Card>
        </Layout.AnnotatedSection>

        <Layout.AnnotatedSection title={t("admin.program.pendingHeading")} description={t("admin.program.pendingDescription")}>
          <Card>
            <TextField
              label={t("admin.program.pendingDays")}
              type="number"
              min={0}
              max={LIMITS.pendingDays}
              value={values.pendingDays}
              onChange={(value) => set("pendingDays", value)}
              autoComplete="off"
              suffix={t("admin.program.days", { count: countOf(values.pendingDays) })}
              error={error("pendingDays")}
              helpText={t("admin.program.pendingDaysHelp")}
            />
          </Card>
        </Layout.AnnotatedSection>

        <Layout.AnnotatedSection title={t("admin.program.signupHeading")} description={t("admin.program.signupDescription")}>
          <Card>
            <TextField
              label={t("admin.program.signupBonus")}
              type="number"
              min={0}
              max={LIMITS.signupBonus}
              value={values.signupBonus}
              onChange={(value) => set("signupBonus", value)}
              autoComplete="off"
              suffix={t("admin.program.points", { count: countOf(values.signupBonus) })}
              error={error("signupBonus")}
              helpText={t("admin.program.signupBonusHelp")}
            />
          </Card>
        </Layout.AnnotatedSection>

        <Layout.AnnotatedSection title={t("admin.program.rewardRefundHeading")} description={t("admin.program.rewardRefundDescription")}>
          <Card>
            <ChoiceList
              title={t("admin.program.rewardRefundLabel")}
              choices={[
                { value: "return", label: t("admin.program.rewardRefund.return") },
                { value: "never", label: t("admin.program.rewardRefund.never") },
              ]}
              selected={[values.rewardRefund]}
              onChange={([choice]) => set("rewardRefund", choice ?? "return")}
              error={error("rewardRefund")}
            />
          </Card>
        </Layout.AnnotatedSection>

        <RedemptionSurfacesCard />
      </Layout>
    </Page>
  );
}
