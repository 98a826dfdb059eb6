import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Banner, BlockStack, Button, Card, InlineStack, Layout, List, Page, ProgressBar, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { sqlDb } from "../db.server";
import { badRequest, readForm, requireAdmin, requireStaff } from "../admin/route-kit.server";
import { useFetcherOutcome } from "../admin/use-fetcher-outcome";
import { shopCurrency } from "../persistence/shops";
import { loadTierProgram, membersPerTier } from "../persistence/tier-program";
import { shopTimeZone } from "../persistence/shops";
import { saveTierProgram } from "../persistence/tier-program";
import { latestTierJob, previewTierRules, type TierPreview } from "../persistence/tier-reevaluation";
import { enqueueTierJob } from "../jobs/tier-jobs.server";
import { MAX_TIERS, TIER_MEASURES, TIER_PERIODS, validateTierForm, type TierForm, type TierFormIssue, type TierFormTier } from "../rules/tiers";
import { newFormTier, readTierForm, tierRulesToForm } from "../rules/tier-form";
import { useAdminTranslation } from "../i18n/admin-messages";
import { countOf, formatNumber, useAdminLocale } from "../components/admin-format";
import { TierFieldsCard } from "../components/tier-fields-card";
import { TierMirrorCard } from "../components/tier-mirror-card";
import { mirrorStatus } from "../persistence/customer-mirror";
import { TierHistoryCard } from "../components/tier-history-card";
import { latestHistoryImport } from "../persistence/order-history-import";
import { grantedScopes } from "../persistence/order-history-import";
import { historyReach } from "../rules/order-history";

// The document's title (axe: document-title), in the admin's language from the app layout's messages.
export const meta: MetaFunction = ({ matches }) => {
  const layout = matches.find((match) => match.id === "routes/app")?.data as { messages?: Record<string, string> } | undefined;
  return [{ title: layout?.messages?.["admin.tiers.title"] ?? "VIP tiers" }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const [program, currency, zone, job, perTier, mirror] = await Promise.all([
    loadTierProgram(sqlDb, shop),
    shopCurrency(sqlDb, shop),
    shopTimeZone(sqlDb, shop),
    latestTierJob(sqlDb, shop),
    membersPerTier(sqlDb, shop),
    mirrorStatus(sqlDb, shop),
  ]);
  const [history, scopes] = await Promise.all([latestHistoryImport(sqlDb, shop), grantedScopes(sqlDb, shop)]);
  return {
    form: tierRulesToForm(program?.rules ?? null, currency),
    currency,
    zone,
    job,
    membersPerTier: Object.fromEntries(perTier),
    mirror: { ...mirror, lastRunAt: mirror.lastRunAt?.toISOString() ?? null },
    history: history && { ...history, before: history.before.toISOString(), createdAt: history.createdAt.toISOString(), finishedAt: history.finishedAt?.toISOString() ?? null },
    // Without read_all_orders the import reaches back 60 days: the page says to when.
    historyReachSince: historyReach(scopes, new Date())?.toISOString() ?? null,
  };
}

export type TiersActionResult = { ok: true; preview: TierPreview } | { ok: true; jobId: number } | { ok: false; issues: TierFormIssue[] };

export async function action({ request }: ActionFunctionArgs) {
  const { shop, staffUserId } = await requireStaff(request);
  const { intent, program } = await readForm(request, ["intent", "program"]);
  const form = readTierForm(program);
  if (!form) return badRequest([{ field: "program", code: "invalid" }]);
  const currency = await shopCurrency(sqlDb, shop);
  const parsed = validateTierForm(form, currency);
  if (!parsed.ok) return badRequest(parsed.issues);
  if (intent === "preview") {
    return { ok: true as const, preview: await previewTierRules(sqlDb, shop, parsed.rules, await shopTimeZone(sqlDb, shop)) };
  }
  if (intent !== "save") return badRequest([{ field: "intent", code: "invalid" }]);
  const jobId = await saveTierProgram(sqlDb, shop, parsed.rules, staffUserId);
  enqueueTierJob(sqlDb, shop, jobId);
  return { ok: true as const, jobId };
}

export default function Tiers() {
  const { form: saved, currency, zone, job, membersPerTier, mirror, history, historyReachSince } = useLoaderData<typeof loader>();
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const fetcher = useFetcher<TiersActionResult>();
  const revalidator = useRevalidator();
  const [form, setForm] = useState<TierForm>(saved);
  const [issues, setIssues] = useState<TierFormIssue[]>([]);
  const [preview, setPreview] = useState<{ result: TierPreview; of: string } | null>(null);
  const savedKey = JSON.stringify(saved);
  useEffect(() => setForm(JSON.parse(savedKey) as TierForm), [savedKey]);
  const formKey = JSON.stringify(form);
  const busy = fetcher.state !== "idle";
  const importing = history !== null && ["queued", "running", "importing"].includes(history.status);
  const running = (job !== null && (job.status === "queued" || job.status === "running")) || importing;

  // While a re-evaluation runs, its progress is re-read every two seconds.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 2000);
    return () => clearInterval(timer);
  }, [running, revalidator]);

  useFetcherOutcome(fetcher, (result) => {
    if (!result.ok) {
      setIssues(result.issues);
      setPreview(null);
    } else if ("preview" in result) {
      setIssues([]);
      setPreview({ result: result.preview, of: formKey });
    } else {
      setIssues([]);
      setPreview(null);
    }
  });

  const submit = (intent: "preview" | "save") => fetcher.submit({ intent, program: formKey }, { method: "post" });
  const error = (field: string) => {
    const issue = issues.find((candidate) => candidate.field === field);
    return issue ? t(`admin.tiers.error.${issue.code}`, { max: MAX_TIERS }) : undefined;
  };
  const setTier = (index: number, tier: TierFormTier) => setForm({ ...form, tiers: form.tiers.map((old, i) => (i === index ? tier : old)) });
  const removeTier = (index: number) => setForm({ ...form, tiers: form.tiers.filter((_, i) => i !== index) });
  const addTier = () => setForm({ ...form, tiers: [...form.tiers, newFormTier(form.tiers.length + 1)] });
  const thresholdLabel = t(`admin.tiers.threshold.${form.measure}`, { currency });
  const previewCurrent = preview !== null && preview.of === formKey;
  const listError = error("tiers");

  return (
    <Page>
      <TitleBar title={t("admin.tiers.title")} />
      <Layout>
        <Layout.AnnotatedSection title={t("admin.tiers.programHeading")} description={t("admin.tiers.programDescription", { zone })}>
          <Card>
            <BlockStack gap="300">
              <Select
                label={t("admin.tiers.measure")}
                options={TIER_MEASURES.map((value) => ({ value, label: t(`admin.tiers.measure.${value}`) }))}
                value={form.measure}
                onChange={(measure) => setForm({ ...form, measure })}
                error={error("measure")}
              />
              <Select
                label={t("admin.tiers.period")}
                options={TIER_PERIODS.map((value) => ({ value, label: t(`admin.tiers.period.${value}`) }))}
                value={form.period}
                onChange={(period) => setForm({ ...form, period })}
                error={error("period")}
              />
              <TextField
                label={t("admin.tiers.graceDays")}
                type="number"
                min={0}
                value={form.graceDays}
                onChange={(graceDays) => setForm({ ...form, graceDays })}
                autoComplete="off"
                suffix={t("admin.program.days", { count: countOf(form.graceDays) })}
                error={error("graceDays")}
                helpText={t("admin.tiers.graceDaysHelp")}
              />
              <List>
                <List.Item>{t("admin.tiers.ruleUp")}</List.Item>
                <List.Item>{t("admin.tiers.ruleDown")}</List.Item>
                <List.Item>{t("admin.tiers.ruleRefunds")}</List.Item>
                <List.Item>{t("admin.tiers.ruleEdits")}</List.Item>
                <List.Item>{t("admin.tiers.ruleMultiplier")}</List.Item>
              </List>
            </BlockStack>
          </Card>
        </Layout.AnnotatedSection>

        <Layout.AnnotatedSection title={t("admin.tiers.tiersHeading")} description={t("admin.tiers.tiersDescription", { max: MAX_TIERS })}>
          <BlockStack gap="400">
            {listError ? <Banner tone="critical">{listError}</Banner> : null}
            {form.tiers.length === 0 ? (
              <Card>
                <Text as="p">{t("admin.tiers.none")}</Text>
              </Card>
            ) : null}
            {form.tiers.map((tier, index) => (
              <TierFieldsCard
                key={`${tier.id || "new"}-${index}`}
                index={index}
                tier={tier}
                thresholdLabel={thresholdLabel}
                members={tier.id ? (membersPerTier[tier.id] ?? 0) : null}
                error={(field) => error(`tiers.${index}.${field}`)}
                onChange={(next) => setTier(index, next)}
                onRemove={() => removeTier(index)}
              />
            ))}
            <InlineStack gap="200">
              <Button onClick={addTier} disabled={form.tiers.length >= MAX_TIERS}>
                {t("admin.tiers.add")}
              </Button>
            </InlineStack>
          </BlockStack>
        </Layout.AnnotatedSection>

        <Layout.AnnotatedSection title={t("admin.tiers.saveHeading")} description={t("admin.tiers.saveDescription")}>
          <Card>
            <BlockStack gap="300">
              {previewCurrent ? (
                <Banner tone="info" title={t("admin.tiers.previewTitle")}>
                  <p data-testid="tier-preview">
                    {t("admin.tiers.previewText", {
                      up: formatNumber(preview.result.up, locale),
                      down: formatNumber(preview.result.downAtPeriodEnd, locale),
                      deleted: formatNumber(preview.result.tierDeleted, locale),
                      members: formatNumber(preview.result.members, locale),
                    })}
                  </p>
                </Banner>
              ) : null}
              {fetcher.data?.ok && "jobId" in fetcher.data && fetcher.state === "idle" ? <Banner tone="success">{t("admin.tiers.saved")}</Banner> : null}
              {job ? (
                <BlockStack gap="200">
                  <Text as="p" variant="bodyMd">
                    <span data-testid="tier-job" id="tier-job-label">
                      {t(`admin.tiers.job.${job.status}`, {
                        processed: formatNumber(job.processedMembers, locale),
                        total: formatNumber(job.totalMembers, locale),
                        up: formatNumber(job.movedUp, locale),
                        down: formatNumber(job.movingDown, locale),
                      })}
                    </span>
                  </Text>
                  <ProgressBar progress={job.totalMembers === 0 ? 100 : Math.round((100 * job.processedMembers) / job.totalMembers)} size="small" ariaLabelledBy="tier-job-label" />
                </BlockStack>
              ) : null}
              <InlineStack gap="200">
                <Button onClick={() => submit("preview")} loading={busy && fetcher.formData?.get("intent") === "preview"}>
                  {t("admin.tiers.preview")}
                </Button>
                <Button variant="primary" onClick={() => submit("save")} disabled={!previewCurrent || busy} loading={busy && fetcher.formData?.get("intent") === "save"}>
                  {t("admin.tiers.save")}
                </Button>
              </InlineStack>
              {!previewCurrent ? (
                <Text as="p" tone="subdued">
                  {t("admin.tiers.previewFirst")}
                </Text>
              ) : null}
            </BlockStack>
          </Card>
        </Layout.AnnotatedSection>

        <Layout.AnnotatedSection title={t("admin.tierHistory.heading")} description={t("admin.tierHistory.description")}>
          <TierHistoryCard latest={history} reachSince={historyReachSince} />
        </Layout.AnnotatedSection>

        <Layout.AnnotatedSection title={t("admin.tierMirror.heading")} description={t("admin.tierMirror.description")}>
          <TierMirrorCard status={mirror} />
        </Layout.AnnotatedSection>
      </Layout>
    </Page>
  );
}
