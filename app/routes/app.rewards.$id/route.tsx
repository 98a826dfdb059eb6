import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigate } from "@remix-run/react";
import { Banner, BlockStack, Layout, Page } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import db, { sqlDb } from "../../db.server";
import { badRequest, notFound, readForm, requireAdmin } from "../../admin/route-kit.server";
import { useFetcherOutcome } from "../../admin/use-fetcher-outcome";
import { shopCurrency } from "../../persistence/shops";
import { parseRowId } from "../../db/row-id";
import { createReward, getReward, updateReward } from "../../persistence/reward-catalog";
import { nextSortOrder } from "../../persistence/reward-order";
import { REWARD_TYPES, type RewardType } from "../../rules/rewards";
import {
  emptyRewardForm,
  fieldsForType,
  parseRewardForm,
  rewardToForm,
  type RewardFormField,
  type RewardFormIssue,
  type RewardFormValues,
} from "../../rules/reward-form";
import { useAdminTranslation } from "../../i18n/admin-messages";
import { FormSaveBar, useFormState } from "../../components/form-save-bar";
import { CodeSettingsCard } from "./code-settings-card";
import { PreviewCard } from "./preview-card";
import { RewardFieldsCard } from "./reward-fields-card";
import { StatusCard } from "./status-card";
import { TierLimitCard } from "./tier-limit-card";
import { loadTierProgram } from "../../persistence/tier-program";

// The reward editor (new or existing): loader and action here, the form's cards beside this file.

const FORM_FIELDS = Object.keys(emptyRewardForm()) as RewardFormField[];

// The document's title (axe: document-title), in the admin's language from the app layout's messages.
export const meta: MetaFunction = ({ matches }) => {
  const layout = matches.find((match) => match.id === "routes/app")?.data as { messages?: Record<string, string> } | undefined;
  return [{ title: layout?.messages?.["admin.rewards.title"] ?? "Rewards" }];
};

/** "new", or the id of a reward of this shop. */
function rewardId(param: string | undefined): number | "new" | null {
  if (param === "new") return "new";
  return parseRowId(param);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const id = rewardId(params.id) ?? notFound();
  const [currency, tiers] = await Promise.all([shopCurrency(sqlDb, shop), shopTiers(shop)]);
  if (id === "new") return { id: null, form: emptyRewardForm(), currency, tiers };
  const reward = (await getReward(db, shop, id)) ?? notFound();
  return { id: reward.id, form: rewardToForm(reward, currency), currency, tiers };
}

/** The shop's tiers, lowest first: what a reward may be limited to. */
async function shopTiers(shop: string) {
  const program = await loadTierProgram(sqlDb, shop);
  return (program?.rules.tiers ?? []).map((tier) => ({ id: tier.id, names: tier.names }));
}

export type RewardActionResult = { ok: true; id: number; created: boolean } | { ok: false; issues: RewardFormIssue[] };

export async function action({ request, params }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const id = rewardId(params.id) ?? notFound();
  const existing = id === "new" ? null : ((await getReward(db, shop, id)) ?? notFound());

  const values: RewardFormValues = await readForm(request, FORM_FIELDS);
  const currency = await shopCurrency(sqlDb, shop);
  const sortOrder = existing ? existing.sortOrder : await nextSortOrder(db, shop);
  const tierIds = (await shopTiers(shop)).map((tier) => Number(tier.id));
  const parsed = parseRewardForm(values, currency, sortOrder, tierIds);
  if (!parsed.ok) return badRequest(parsed.issues);

  if (!existing) {
    const created = await createReward(db, shop, parsed.value);
    return { ok: true as const, id: created.id, created: true };
  }
  const updated = (await updateReward(db, shop, existing.id, parsed.value)) ?? notFound();
  return { ok: true as const, id: updated.id, created: false };
}

export default function RewardEditor() {
  const { id, form: saved, currency, tiers } = useLoaderData<typeof loader>();
  const t = useAdminTranslation();
  const shopify = useAppBridge();
  const navigate = useNavigate();
  const fetcher = useFetcher<RewardActionResult>();
  const { values, set, dirty, reset, issues, setIssues, issueFor } = useFormState<RewardFormValues, RewardFormField>(saved);
  const saving = fetcher.state !== "idle";
  const type = ((REWARD_TYPES as readonly string[]).includes(values.type) ? values.type : "fixed_amount") as RewardType;
  const shows = fieldsForType(type);

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
  const title = id === null ? t("admin.reward.newTitle") : saved.title;
  const form = { values, set, error };

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
            <RewardFieldsCard {...form} type={type} shows={shows} currency={currency} />
            {shows.code ? <CodeSettingsCard {...form} currency={currency} /> : null}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <StatusCard values={values} set={set} />
            {tiers.length > 0 || values.minTierId !== "" ? <TierLimitCard {...form} tiers={tiers} /> : null}
            <PreviewCard values={values} currency={currency} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
function visibleFields(shows: ReturnType<typeof fieldsForType>): RewardFormField[] {
  const fields: RewardFormField[] = ["type", "title", "pointsCost", "enabled", "minTierId"];
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
