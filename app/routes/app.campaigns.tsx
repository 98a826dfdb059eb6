import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Badge, Banner, BlockStack, Box, Button, Card, Checkbox, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { sqlDb } from "../db.server";
import { parseRowId } from "../db/row-id";
import { badRequest, readForm, refused, requireAdmin } from "../admin/route-kit.server";
import { useFetcherOutcome } from "../admin/use-fetcher-outcome";
import { CampaignValidationError, deleteCampaign, listCampaigns, saveCampaign } from "../persistence/campaigns";
import { getOrderBonuses, getProgramSettings } from "../persistence/program-settings";
import { shopCurrency, shopTimeZone } from "../persistence/shops";
import { shopTierRules } from "../persistence/tier-rules";
import { refreshProductFacts } from "../persistence/product-facts";
import { isRunning, type Campaign } from "../rules/campaigns";
import {
  CAMPAIGN_FORM_FIELDS,
  campaignToForm,
  parseCampaignForm,
  previewCampaign,
  type CampaignFormField,
  type CampaignFormValues,
} from "../rules/campaign-form";
import type { ACTION_LOCALES } from "../rules/earning-actions";
import { useAdminTranslation } from "../i18n/admin-messages";
import { LocaleNameFields } from "../components/locale-name-fields";
import { formatNumber, useAdminLocale } from "../components/admin-format";
import { useFormState } from "../components/form-save-bar";
import { pickResources } from "../components/resource-picker";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const [campaigns, zone, currency, settings, bonuses, tiers] = await Promise.all([
    listCampaigns(sqlDb, shop),
    shopTimeZone(sqlDb, shop),
    shopCurrency(sqlDb, shop),
    getProgramSettings(sqlDb, shop),
    getOrderBonuses(sqlDb, shop),
    shopTierRules(sqlDb, shop),
  ]);
  return {
    campaigns: campaigns.map((c) => ({ ...c, startsAt: c.startsAt.toISOString(), endsAt: c.endsAt.toISOString() })),
    zone,
    currency,
    settings: { ...settings, ...bonuses },
    tiers: (tiers?.rules.tiers ?? []).map((tier) => ({ id: tier.id, name: tier.names.en, multiplierPercent: tier.multiplierPercent })),
    now: new Date().toISOString(),
  };
}

type Outcome = { ok: true; intent: "save" | "delete"; id?: number } | { ok: false; issues: Array<{ field: string; code: string }> };

// Save (create when no id) or delete. A refusal is 400 with every field's problem and writes nothing.
export async function action({ request }: ActionFunctionArgs) {
  const { shop, admin } = await requireAdmin(request);
  const form = await readForm(request, ["intent", "id", ...CAMPAIGN_FORM_FIELDS]);
  const id = form.id === "" ? null : parseRowId(form.id);
  if (form.id !== "" && id === null) return refused("id", "unknown_campaign", 404);
  switch (form.intent) {
    case "save": {
      const parsed = parseCampaignForm(form, await shopTimeZone(sqlDb, shop));
      if (!parsed.ok) return badRequest(parsed.issues);
      try {
        const saved = await saveCampaign(sqlDb, shop, id, parsed.value);
        if (saved === null) return refused("id", "unknown_campaign", 404);
        // Products of the collections and tags it names, from Shopify, for orders/paid (rules/product-facts.ts).
        await refreshProductFacts(sqlDb, admin.graphql, shop);
        return { ok: true as const, intent: "save" as const, id: saved };
      } catch (error) {
        if (error instanceof CampaignValidationError) return badRequest(error.issues);
        throw error;
      }
    }
    case "delete":
      if (id === null || !(await deleteCampaign(sqlDb, shop, id))) return refused("id", "unknown_campaign", 404);
      await refreshProductFacts(sqlDb, admin.graphql, shop);
      return { ok: true as const, intent: "delete" as const };
    default:
      return refused("intent", "unknown_intent");
  }
}

type Data = Awaited<ReturnType<typeof loader>>;
type ListedCampaign = Data["campaigns"][number];

function revive(c: ListedCampaign): Campaign {
  return { ...c, startsAt: new Date(c.startsAt), endsAt: new Date(c.endsAt) };
}

function campaignStatus(c: Campaign, now: Date): "running" | "scheduled" | "ended" {
  if (isRunning(c, now)) return "running";
  return c.startsAt.getTime() > now.getTime() ? "scheduled" : "ended";
}

function CampaignList({ data, onEdit }: { data: Data; onEdit: (id: number) => void }) {
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const remover = useFetcher<Outcome>();
  const now = new Date(data.now);
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: data.zone }).format(new Date(iso));
  if (data.campaigns.length === 0) return <Text as="p" tone="subdued">{t("admin.campaigns.none")}</Text>;
  return (
    <BlockStack gap="200" as="ul">
      {data.campaigns.map((listed) => {
        const c = revive(listed);
        const status = campaignStatus(c, now);
        const name = c.names[locale as (typeof ACTION_LOCALES)[number]] || c.names.en || Object.values(c.names)[0] || "";
        return (
          <Box as="li" key={c.id} padding="300" borderColor="border" borderWidth="025" borderRadius="200">
            <InlineStack align="space-between" blockAlign="center" gap="200">
              <BlockStack gap="100">
                <InlineStack gap="200" blockAlign="center">
                  <Text as="span" fontWeight="semibold">{name}</Text>
                  <Badge tone={status === "running" ? "success" : status === "scheduled" ? "info" : undefined}>{t(`admin.campaigns.status.${status}`)}</Badge>
                  {c.scope.channel ? <Badge>{t(`admin.campaigns.channelOption.${c.scope.channel}`)}</Badge> : null}
                </InlineStack>
                <Text as="span" tone="subdued">
                  {t("admin.campaigns.schedule", { start: when(listed.startsAt), end: when(listed.endsAt) })}
                </Text>
                <Text as="span">{gives(t, c, locale)}</Text>
              </BlockStack>
              <InlineStack gap="200">
                <Button onClick={() => onEdit(c.id)} accessibilityLabel={t("admin.campaigns.editNamed", { name })}>
                  {t("admin.campaigns.edit")}
                </Button>
                <Button
                  tone="critical"
                  accessibilityLabel={t("admin.campaigns.deleteNamed", { name })}
                  onClick={() => remover.submit({ intent: "delete", id: String(c.id) }, { method: "post" })}
                >
                  {t("admin.campaigns.delete")}
                </Button>
              </InlineStack>
            </InlineStack>
          </Box>
        );
      })}
    </BlockStack>
  );
}

type T = ReturnType<typeof useAdminTranslation>;

function gives(t: T, c: Pick<Campaign, "multiplierPercent" | "bonusPoints">, locale: string): string {
  const parts: string[] = [];
  if (c.multiplierPercent !== 100) parts.push(t("admin.campaigns.givesMultiplier", { multiplier: formatNumber(c.multiplierPercent / 100, locale) }));
  if (c.bonusPoints > 0) parts.push(t("admin.campaigns.givesBonus", { count: c.bonusPoints, points: formatNumber(c.bonusPoints, locale) }));
  return parts.join(" · ");
}

function CampaignEditor({ data, editing, onDone }: { data: Data; editing: Campaign | null; onDone: () => void }) {
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const shopify = useAppBridge();
  const fetcher = useFetcher<Outcome>();
  const { values, set, dirty, reset, setIssues, issueFor } = useFormState<CampaignFormValues, CampaignFormField>(
    campaignToForm(editing, data.zone, new Date(data.now)),
  );
  // App Bridge's resource picker; the buttons appear only where it exists (the typed fields always work).
  const [canPick, setCanPick] = useState(false);
  useEffect(() => setCanPick(typeof window.shopify?.resourcePicker === "function"), []);
  const [sampleAmount, setSampleAmount] = useState("100");
  const [sampleInScope, setSampleInScope] = useState(true);
  const [sampleTier, setSampleTier] = useState("");
  useFetcherOutcome(fetcher, (result) => {
    if (result.ok) {
      shopify.toast.show(t("admin.campaigns.saved"));
      onDone();
    } else setIssues(result.issues as Array<{ field: CampaignFormField; code: string }>);
  });
  const error = (field: CampaignFormField) => {
    const issue = issueFor(field);
    return issue ? t(`admin.campaigns.error.${issue.code}`) : undefined;
  };
  const parsed = parseCampaignForm(values, data.zone);
  const amount = Number(sampleAmount);
  const tier = data.tiers.find((candidate) => candidate.id === sampleTier) ?? null;
  const preview =
    parsed.ok && Number.isFinite(amount) && amount >= 0 && amount <= 1_000_000
      ? previewCampaign(parsed.value, data.settings, data.currency, { amount, inScope: sampleInScope, tier })
      : null;
  const tierIds = values.tierIds.split(",").filter(Boolean);
  const money = new Intl.NumberFormat(locale, { style: "currency", currency: data.currency }).format(Number.isFinite(amount) ? amount : 0);
  const pick = async (type: "product" | "collection", field: "productIds" | "collectionIds") => {
    const picked = await pickResources(shopify, type, values[field]);
    if (picked !== null) set(field, picked.join(", "));
  };

  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {editing ? t("admin.campaigns.editHeading") : t("admin.campaigns.newHeading")}
        </Text>
        <LocaleNameFields values={values} set={set} error={error} label={(lang) => t(`admin.campaigns.nameIn.${lang}`)} />
        <InlineStack gap="300" wrap>
          <TextField
            label={t("admin.campaigns.multiplier")}
            value={values.multiplier}
            onChange={(value) => set("multiplier", value)}
            autoComplete="off"
            helpText={t("admin.campaigns.multiplierHelp")}
            error={error("multiplier")}
          />
          <TextField
            label={t("admin.campaigns.bonusPoints")}
            type="number"
            min={0}
            value={values.bonusPoints}
            onChange={(value) => set("bonusPoints", value)}
            autoComplete="off"
            helpText={t("admin.campaigns.bonusHelp")}
            error={error("bonusPoints")}
          />
        </InlineStack>
        <InlineStack gap="300" wrap>
          <TextField
            label={t("admin.campaigns.startsAt")}
            type="datetime-local"
            value={values.startsAt}
            onChange={(value) => set("startsAt", value)}
            autoComplete="off"
            helpText={t("admin.campaigns.zone", { zone: data.zone })}
            error={error("startsAt")}
          />
          <TextField
            label={t("admin.campaigns.endsAt")}
            type="datetime-local"
            value={values.endsAt}
            onChange={(value) => set("endsAt", value)}
            autoComplete="off"
            helpText={t("admin.campaigns.endsHelp")}
            error={error("endsAt")}
          />
        </InlineStack>
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">{t("admin.campaigns.scope")}</Text>
          <Text as="p" tone="subdued">{t("admin.campaigns.scopeHelp")}</Text>
          <InlineStack gap="200" blockAlign="end" wrap={false}>
            <Box width="100%">
              <TextField
                label={t("admin.campaigns.productIds")}
                value={values.productIds}
                onChange={(value) => set("productIds", value)}
                autoComplete="off"
                error={error("productIds")}
              />
            </Box>
            {canPick ? <Button onClick={() => void pick("product", "productIds")}>{t("admin.campaigns.pickProducts")}</Button> : null}
          </InlineStack>
          <InlineStack gap="200" blockAlign="end" wrap={false}>
            <Box width="100%">
              <TextField
                label={t("admin.campaigns.collectionIds")}
                value={values.collectionIds}
                onChange={(value) => set("collectionIds", value)}
                autoComplete="off"
                error={error("collectionIds")}
              />
            </Box>
            {canPick ? <Button onClick={() => void pick("collection", "collectionIds")}>{t("admin.campaigns.pickCollections")}</Button> : null}
          </InlineStack>
          <TextField
            label={t("admin.campaigns.productTags")}
            value={values.productTags}
            onChange={(value) => set("productTags", value)}
            autoComplete="off"
            helpText={t("admin.campaigns.productTagsHelp")}
            error={error("productTags")}
          />
          {data.tiers.length > 0 ? (
            <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
              <legend>
                <Text as="span">{t("admin.campaigns.tiers")}</Text>
              </legend>
              <InlineStack gap="300" wrap>
                {data.tiers.map((candidate) => (
                  <Checkbox
                    key={candidate.id}
                    label={candidate.name}
                    checked={tierIds.includes(candidate.id)}
                    onChange={(checked) =>
                      set("tierIds", (checked ? [...tierIds, candidate.id] : tierIds.filter((id) => id !== candidate.id)).join(","))
                    }
                  />
                ))}
              </InlineStack>
              {error("tierIds") ? <Text as="p" tone="critical">{error("tierIds")}</Text> : null}
            </fieldset>
          ) : null}
          <Select
            label={t("admin.campaigns.channel")}
            options={["all", "online", "pos"].map((value) => ({ value, label: t(`admin.campaigns.channelOption.${value}`) }))}
            value={values.channel || "all"}
            onChange={(value) => set("channel", value)}
            helpText={t("admin.campaigns.channelHelp")}
            error={error("channel")}
          />
        </BlockStack>
        <Box background="bg-surface-secondary" padding="300" borderRadius="200">
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">{t("admin.campaigns.preview")}</Text>
            <InlineStack gap="300" wrap blockAlign="end">
              <TextField
                label={t("admin.campaigns.sampleAmount", { currency: data.currency })}
                type="number"
                min={0}
                value={sampleAmount}
                onChange={setSampleAmount}
                autoComplete="off"
              />
              <Checkbox label={t("admin.campaigns.sampleInScope")} checked={sampleInScope} onChange={setSampleInScope} />
              {data.tiers.length > 0 ? (
                <Select
                  label={t("admin.campaigns.sampleTier")}
                  options={[{ label: t("admin.campaigns.sampleNoTier"), value: "" }, ...data.tiers.map((tr) => ({ label: tr.name, value: tr.id }))]}
                  value={sampleTier}
                  onChange={setSampleTier}
                />
              ) : null}
            </InlineStack>
            <p aria-live="polite" data-testid="campaign-preview">
              {preview
                ? t("admin.campaigns.previewText", {
                    amount: money,
                    without: formatNumber(preview.without.totalPoints, locale),
                    with: formatNumber(preview.with.totalPoints, locale),
                  })
                : t("admin.campaigns.previewUnavailable")}
            </p>
          </BlockStack>
        </Box>
        <InlineStack gap="200">
          <Button variant="primary" loading={fetcher.state !== "idle"} disabled={editing !== null && !dirty} onClick={() => fetcher.submit({ intent: "save", id: editing ? String(editing.id) : "", ...values }, { method: "post" })}>
            {editing ? t("admin.campaigns.save") : t("admin.campaigns.create")}
          </Button>
          <Button
            onClick={() => {
              reset();
              onDone();
            }}
          >
            {t("admin.campaigns.cancel")}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

export default function Campaigns() {
  const data = useLoaderData<typeof loader>();
  const t = useAdminTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const editParam = params.get("edit");
  const editing = editParam && editParam !== "new" ? (data.campaigns.find((c) => String(c.id) === editParam) ?? null) : null;
  const open = editParam === "new" || editing !== null;
  const go = (edit: string | null) => navigate(edit ? `?edit=${edit}` : ".", { replace: true, preventScrollReset: true });
  return (
    <Page>
      <TitleBar title={t("admin.campaigns.title")} />
      <Layout>
        <Layout.Section>
          <Banner tone="info" title={t("admin.campaigns.ruleTitle")}>
            <Text as="p">{t("admin.campaigns.rule")}</Text>
          </Banner>
        </Layout.Section>
        <Layout.Section>
          {open ? (
            <CampaignEditor key={editParam ?? "none"} data={data} editing={editing ? revive(editing) : null} onDone={() => go(null)} />
          ) : (
            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h2" variant="headingMd">{t("admin.campaigns.listHeading")}</Text>
                  <Button variant="primary" onClick={() => go("new")}>
                    {t("admin.campaigns.new")}
                  </Button>
                </InlineStack>
                <CampaignList data={data} onEdit={(id) => go(String(id))} />
              </BlockStack>
            </Card>
          )}
        </Layout.Section>
      </Layout>
    </Page>
  );
}
