// Admin: points expiry. The policy (none, after N months without activity, or N months after each earning), and
// before saving, how many points would expire in the next 30 and 90 days under it. A new or changed policy never
// expires anything sooner than 30 days from the change (the first reminder's lead), and the preview counts that.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Banner, BlockStack, Button, Card, FormLayout, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { sqlDb } from "../db.server";
import { badRequest, readForm, requireAdmin } from "../admin/route-kit.server";
import { useFetcherOutcome } from "../admin/use-fetcher-outcome";
import { useAdminTranslation } from "../i18n/admin-messages";
import { getExpirySettings, previewExpiry, saveExpiryPolicy } from "../persistence/points-expiry";
import { parseExpiryForm } from "../rules/expiry";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const settings = await getExpirySettings(sqlDb, shop);
  return { policy: settings.policy.kind, months: String(settings.months), changedAt: settings.changedAt?.toISOString() ?? null, sweptAt: settings.sweptAt?.toISOString() ?? null };
}

export type ExpiryActionResult =
  | { ok: true; intent: "save" }
  | { ok: true; intent: "preview"; days30: number; days90: number; members30: number; members90: number }
  | { ok: false; issues: Array<{ field: string; code: string; values?: Record<string, number> }> };

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const form = await readForm(request, ["intent", "policy", "months"]);
  const parsed = parseExpiryForm(form);
  if (!parsed.ok) return badRequest(parsed.issues);
  const now = new Date();
  if (form.intent === "preview") {
    // The grace runs from the change; re-saving the same policy keeps its original date.
    const current = await getExpirySettings(sqlDb, shop);
    const unchanged = current.changedAt && current.policy.kind === parsed.policy.kind && (parsed.policy.kind === "none" || current.months === parsed.policy.months);
    const preview = await previewExpiry(sqlDb, shop, parsed.policy, unchanged ? current.changedAt! : now, now);
    return { ok: true as const, intent: "preview" as const, ...preview };
  }
  await saveExpiryPolicy(sqlDb, shop, parsed.policy, now);
  return { ok: true as const, intent: "save" as const };
}

export default function Expiry() {
  const saved = useLoaderData<typeof loader>();
  const t = useAdminTranslation();
  const shopify = useAppBridge();
  const fetcher = useFetcher<ExpiryActionResult>();
  const previewFetcher = useFetcher<ExpiryActionResult>();
  const [policy, setPolicy] = useState(saved.policy);
  const [months, setMonths] = useState(saved.months);
  const [issues, setIssues] = useState<Array<{ field: string; code: string; values?: Record<string, number> }>>([]);
  useEffect(() => {
    setPolicy(saved.policy);
    setMonths(saved.months);
  }, [saved.policy, saved.months]);
  useFetcherOutcome(fetcher, (result) => {
    if (!result.ok) setIssues(result.issues);
    else shopify.toast.show(t("admin.expiry.saved"));
  });
  useFetcherOutcome(previewFetcher, (result) => {
    if (!result.ok) setIssues(result.issues);
  });
  const preview = previewFetcher.data?.ok && previewFetcher.data.intent === "preview" ? previewFetcher.data : null;
  const error = (field: string) => {
    const issue = issues.find((i) => i.field === field);
    return issue ? t(`admin.expiry.error.${issue.code}`, issue.values ?? {}) : undefined;
  };
  const values = { policy, months };
  return (
    <Page>
      <TitleBar title={t("admin.expiry.title")} />
      <Layout>
        <Layout.AnnotatedSection title={t("admin.expiry.policyHeading")} description={t("admin.expiry.policyDescription")}>
          <Card>
            <BlockStack gap="400">
              <FormLayout>
                <Select
                  label={t("admin.expiry.policy")}
                  options={["none", "inactivity", "per_lot"].map((value) => ({ value, label: t(`admin.expiry.policy.${value}`) }))}
                  value={policy}
                  onChange={(value) => {
                    setPolicy(value as typeof policy);
                    setIssues([]);
                  }}
                  error={error("policy")}
                />
                {policy !== "none" ? (
                  <TextField label={t("admin.expiry.months")} type="number" value={months} onChange={(value) => { setMonths(value); setIssues([]); }} autoComplete="off" helpText={t(`admin.expiry.monthsHelp.${policy}`)} error={error("months")} />
                ) : null}
              </FormLayout>
              <Text as="p" tone="subdued">
                {t("admin.expiry.rules")}
              </Text>
              <InlineStack gap="200">
                <Button onClick={() => previewFetcher.submit({ ...values, intent: "preview" }, { method: "post" })} loading={previewFetcher.state !== "idle"}>
                  {t("admin.expiry.preview")}
                </Button>
                <Button variant="primary" onClick={() => fetcher.submit({ ...values, intent: "save" }, { method: "post" })} loading={fetcher.state !== "idle"}>
                  {t("admin.expiry.save")}
                </Button>
              </InlineStack>
              {preview ? (
                <Banner tone="info" title={t("admin.expiry.previewTitle")}>
                  <p data-testid="expiry-preview">{t("admin.expiry.previewBody", { days30: preview.days30, members30: preview.members30, days90: preview.days90, members90: preview.members90 })}</p>
                </Banner>
              ) : null}
            </BlockStack>
          </Card>
        </Layout.AnnotatedSection>
      </Layout>
    </Page>
  );
}
