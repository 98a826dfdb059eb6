import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigate } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Banner, BlockStack, Box, Button, Card, Checkbox, FormLayout, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import db, { sqlDb } from "../db.server";
import { badRequest, notFound, readForm, requireAdmin } from "../admin/route-kit.server";
import { useFetcherOutcome } from "../admin/use-fetcher-outcome";
import { shopCurrency } from "../persistence/shops";
import { parseRowId } from "../db/row-id";
import { createReward, getReward, updateReward } from "../persistence/reward-catalog";
import { nextSortOrder } from "../persistence/reward-order";
import { REWARD_TYPES, type RewardType } from "../rules/rewards";
import {
  emptyRewardForm,
  fieldsForType,
  parseRewardForm,
  rewardToForm,
  type RewardFormField,
  type RewardFormIssue,
  type RewardFormValues,
} from "../rules/reward-form";
import { useAdminTranslation } from "../i18n/admin-messages";
import { useAdminLocale } from "../components/admin-format";
import { FormSaveBar, useFormState } from "../components/form-save-bar";
import { rewardCostText, rewardValueText } from "../components/reward-summary";

const FORM_FIELDS = Object.keys(emptyRewardForm()) as RewardFormField[];

/** "new", or the id of a reward of this shop. */
function rewardId(param: string | undefined): number | "new" | null {
  if (param === "new") return "new";
  return parseRowId(param);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const id = rewardId(params.id) ?? notFound();
  const currency = await shopCurrency(sqlDb, shop);
  if (id === "new") return { id: null, form: emptyRewardForm(), currency };
  const reward = (await getReward(db, shop, id)) ?? notFound();
  return { id: reward.id, form: rewardToForm(reward, currency), currency };
}

export type RewardActionResult = { ok: true; id: number; created: boolean } | { ok: false; issues: RewardFormIssue[] };

export async function action({ request, params }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const id = rewardId(params.id) ?? notFound();
  const existing = id === "new" ? null : ((await getReward(db, shop, id)) ?? notFound());

  const values: RewardFormValues = await readForm(request, FORM_FIELDS);
  const currency = await shopCurrency(sqlDb, shop);
  const sortOrder = existing ? existing.sortOrder : await nextSortOrder(db, shop);
  const parsed = parseRewardForm(values, currency, sortOrder);
  if (!parsed.ok) return badRequest(parsed.issues);

  if (!existing) {
    const created = await createReward(db, shop, parsed.value);
    return { ok: true as const, id: created.id, created: true };
  }
  const updated = (await updateReward(db, shop, existing.id, parsed.value)) ?? notFound();
  return { ok: true as const, id: updated.id, created: false };
}

export default function RewardEditor() {
  const { id, form: saved, currency } = useLoaderData<typeof loader>();
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const shopify = useAppBridge();
  const navigate = useNavigate();
  const fetcher = useFetcher<RewardActionResult>();
  const { values, set, dirty, reset, issues, setIssues, issueFor } = useFormState<RewardFormValues, RewardFormField>(saved);
  const saving = fetcher.state !== "idle";
  const type = ((REWARD_TYPES as readonly string[]).includes(values.type) ? values.type : "fixed_amount") as RewardType;
  const shows = fieldsForType(type);
  const [canPick, setCanPick] = useState(false);
  useEffect(() => setCanPick(typeof window.shopify?.resourcePicker === "function"), []);

  useFetcherOutcome(fetcher, (result) => {
    if (!result.ok) {
      setIssues(result.issues);
      return;
    }
    shopify.toast.show(t(result.created ? "admin.reward.created" : "admin.reward.saved"));
    if (result.created) navigate(`/app/rewards/${result.id}`, { replace: true });
  });

  const error = (field: RewardFormField) => {
    const issue = issueFor(field);
    return issue ? t(`admin.reward.error.${issue.code}`) : undefined;
  };
  // An issue on a field this type does not show (should not happen, but must not be silent).
  const hidden = issues.filter((issue) => !visibleFields(shows).includes(issue.field));

  const preview = parseRewardForm(values, currency, 0);
  const title = id === null ? t("admin.reward.newTitle") : saved.title;

  async function pickVariant() {
    const picked = await shopify.resourcePicker({ type: "variant", multiple: false, action: "select" });
    const variant = picked?.[0];
    if (variant) set("variantId", variant.id.replace("gid://shopify/ProductVariant/", ""));
  }

  return (
    <Page backAction={{ content: t("admin.rewards.title"), url: "/app/rewards" }} title={title}>
      <TitleBar title={title} />
      <FormSaveBar
        id="reward-save-bar"
        open={dirty || id === null}
        saving={saving}
        onSave={() => fetcher.submit(values, { method: "post" })}
        onDiscard={() => (id === null ? navigate("/app/rewards") : reset())}
      />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {hidden.length > 0 ? (
              <Banner tone="critical">{hidden.map((issue) => t(`admin.reward.error.${issue.code}`)).join(" ")}</Banner>
            ) : null}
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
                    suffix={t("admin.program.points")}
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

            {shows.code ? (
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    {t("admin.reward.codeHeading")}
                  </Text>
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
                        suffix={t("admin.program.days")}
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
                </BlockStack>
              </Card>
            ) : null}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
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
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("admin.reward.previewHeading")}
                </Text>
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
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function visibleFields(shows: ReturnType<typeof fieldsForType>): RewardFormField[] {
  const fields: RewardFormField[] = ["type", "title", "pointsCost", "enabled"];
  if (shows.amount) fields.push("amount");
  if (shows.percentage) fields.push("percentage");
  if (shows.variant) fields.push("variantId");
  if (shows.range) fields.push("minPoints", "maxPoints");
  if (shows.code) {
    fields.push("validityDays", "codePrefix", "combinesWithProductDiscounts", "combinesWithOrderDiscounts", "combinesWithShippingDiscounts");
  }
  if (shows.minimumSubtotal) fields.push("minimumSubtotal");
  return fields;
}
