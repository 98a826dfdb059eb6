import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { Badge, BlockStack, Button, Card, Checkbox, InlineGrid, InlineStack, Layout, List, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { sqlDb } from "../db.server";
import { parseRowId } from "../db/row-id";
import { badRequest, readForm, refused, requireAdmin, requireStaff } from "../admin/route-kit.server";
import { useFetcherOutcome } from "../admin/use-fetcher-outcome";
import { shopCurrency } from "../persistence/shops";
import { decideReview, referralSettings, saveReferralSettings } from "../persistence/referrals";
import { listReferrals, referralFigures } from "../persistence/referral-admin";
import {
  parseReferralSettingsForm,
  REFERRAL_LIMITS,
  REFERRAL_SETTINGS_FIELDS,
  referralSettingsToForm,
  type ReferralSettingsField,
  type ReferralSettingsFormValues,
  type ReferralSettingsIssue,
} from "../rules/referral-settings-form";
import { useAdminTranslation } from "../i18n/admin-messages";
import { formatDate, formatMoney, formatNumber, useAdminLocale } from "../components/admin-format";
import { FormSaveBar, useFormState } from "../components/form-save-bar";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const [settings, currency, referrals, review, figures] = await Promise.all([
    referralSettings(sqlDb, shop),
    shopCurrency(sqlDb, shop),
    listReferrals(sqlDb, shop, { limit: 100 }),
    listReferrals(sqlDb, shop, { status: "review", limit: 50 }),
    referralFigures(sqlDb, shop),
  ]);
  const view = (list: typeof referrals) => list.map((r) => ({ ...r, rewardAt: r.rewardAt.toISOString(), createdAt: r.createdAt.toISOString() }));
  return { form: referralSettingsToForm(settings, currency), currency, referrals: view(referrals), review: view(review), figures };
}

export type ReferralsActionResult = { ok: true; intent: string } | { ok: false; issues: ReferralSettingsIssue[] | Array<{ field: string; code: string }> };

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.clone().formData();
  const intent = form.get("intent");
  if (intent === "approve" || intent === "reject") {
    // Decisions are audited: the staff member (session token) and their reason go on the referral.
    const { shop, staffUserId } = await requireStaff(request);
    const values = await readForm(request, ["id", "note"] as const);
    const id = parseRowId(values.id);
    if (id === null) return refused("id", "unknown_referral", 404);
    const note = values.note.trim();
    if (note === "") return refused("note", "reason_required");
    if (note.length > 500) return refused("note", "reason_too_long");
    const decided = await decideReview(sqlDb, shop, id, intent, `staff ${staffUserId}`, note);
    if (!decided) return refused("id", "not_in_review", 409);
    return { ok: true as const, intent };
  }
  const { shop } = await requireAdmin(request);
  const currency = await shopCurrency(sqlDb, shop);
  const values: ReferralSettingsFormValues = await readForm(request, REFERRAL_SETTINGS_FIELDS);
  const parsed = parseReferralSettingsForm(values, currency);
  if (!parsed.ok) return badRequest(parsed.issues);
  await saveReferralSettings(sqlDb, shop, parsed.value);
  return { ok: true as const, intent: "save" };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Row = LoaderData["referrals"][number];

const STATUS_TONE: Record<string, "info" | "success" | "critical" | "warning" | "attention" | undefined> = {
  pending: "info",
  qualified: "attention",
  rewarded: "success",
  rejected: "critical",
  review: "warning",
  cancelled: undefined,
};

function ReviewRow({ row }: { row: Row }) {
  const t = useAdminTranslation();
  const shopify = useAppBridge();
  const fetcher = useFetcher<ReferralsActionResult>();
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | undefined>();
  useFetcherOutcome(fetcher, (result) => {
    if (result.ok) shopify.toast.show(t(result.intent === "approve" ? "admin.referrals.approved" : "admin.referrals.rejected"));
    else setError(t(`admin.referrals.error.${result.issues[0]?.code ?? "failed"}`));
  });
  const submit = (intent: "approve" | "reject") => fetcher.submit({ intent, id: String(row.id), note }, { method: "post" });
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm">
          {t("admin.referrals.reviewItem", { advocate: row.advocate.email ?? row.advocate.customerId, friend: row.friend, order: row.orderId })}
        </Text>
        <List>
          {row.reasons.map((reason, i) => (
            <List.Item key={i}>{reason.reason}</List.Item>
          ))}
        </List>
        <TextField label={t("admin.referrals.decisionNote")} value={note} onChange={setNote} autoComplete="off" error={error} maxLength={500} />
        <InlineStack gap="200">
          <Button variant="primary" onClick={() => submit("approve")} loading={fetcher.state !== "idle"}>
            {t("admin.referrals.approve")}
          </Button>
          <Button tone="critical" onClick={() => submit("reject")} loading={fetcher.state !== "idle"}>
            {t("admin.referrals.reject")}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

export default function Referrals() {
  const { form: saved, currency, referrals, review, figures } = useLoaderData<typeof loader>();
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const shopify = useAppBridge();
  const fetcher = useFetcher<ReferralsActionResult>();
  const { values, set, dirty, reset, setIssues, issueFor } = useFormState<ReferralSettingsFormValues, ReferralSettingsField>(saved);
  useFetcherOutcome(fetcher, (result) => {
    if (result.ok) shopify.toast.show(t("admin.referrals.saved"));
    else setIssues(result.issues as ReferralSettingsIssue[]);
  });
  const error = (field: ReferralSettingsField) => {
    const issue = issueFor(field);
    return issue ? t(`admin.referrals.error.${issue.code}`) : undefined;
  };
  const number = (field: ReferralSettingsField, label: string, max: number, help?: string) => (
    <TextField label={label} type="number" min={0} max={max} value={values[field]} onChange={(v) => set(field, v)} autoComplete="off" error={error(field)} helpText={help} />
  );
  const revenue = figures.revenue.map((r) => formatMoney(r.minor, r.currency, locale)).join(" + ") || formatMoney(0, currency, locale);

  return (
    <Page>
      <TitleBar title={t("admin.referrals.title")} />
      <FormSaveBar id="referrals-save-bar" open={dirty} saving={fetcher.state !== "idle"} onSave={() => fetcher.submit(values, { method: "post" })} onDiscard={reset} />
      <Layout>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 4 }} gap="400">
            {[
              ["admin.referrals.figure.referredOrders", formatNumber(figures.referredOrders, locale)],
              ["admin.referrals.figure.conversions", formatNumber(figures.conversions, locale)],
              ["admin.referrals.figure.revenue", revenue],
              ["admin.referrals.figure.inReview", formatNumber(figures.inReview, locale)],
            ].map(([key, value]) => (
              <Card key={key}>
                <BlockStack gap="100">
                  <Text as="h2" variant="headingSm">
                    {t(key!)}
                  </Text>
                  <Text as="p" variant="headingLg">
                    {value}
                  </Text>
                </BlockStack>
              </Card>
            ))}
          </InlineGrid>
        </Layout.Section>

        <Layout.AnnotatedSection title={t("admin.referrals.settingsHeading")} description={t("admin.referrals.settingsDescription")}>
          <Card>
            <BlockStack gap="400">
              <Checkbox label={t("admin.referrals.enabled")} checked={values.enabled === "true"} onChange={(c) => set("enabled", String(c))} error={error("enabled")} />
              {number("advocatePoints", t("admin.referrals.advocatePoints"), REFERRAL_LIMITS.advocatePoints, t("admin.referrals.advocatePointsHelp"))}
              <Select
                label={t("admin.referrals.friendRewardType")}
                options={[
                  { value: "percentage", label: t("admin.referrals.friendReward.percentage") },
                  { value: "fixed_amount", label: t("admin.referrals.friendReward.fixed_amount", { currency }) },
                ]}
                value={values.friendRewardType}
                onChange={(v) => set("friendRewardType", v)}
                error={error("friendRewardType")}
              />
              <TextField
                label={t("admin.referrals.friendRewardValue")}
                value={values.friendRewardValue}
                onChange={(v) => set("friendRewardValue", v)}
                autoComplete="off"
                suffix={values.friendRewardType === "percentage" ? "%" : currency}
                error={error("friendRewardValue")}
              />
              <TextField label={t("admin.referrals.minSubtotal")} value={values.minSubtotal} onChange={(v) => set("minSubtotal", v)} autoComplete="off" suffix={currency} error={error("minSubtotal")} helpText={t("admin.referrals.minSubtotalHelp")} />
              {number("monthlyCapPerAdvocate", t("admin.referrals.monthlyCap"), REFERRAL_LIMITS.monthlyCap, t("admin.referrals.monthlyCapHelp"))}
              {number("linkLifetimeDays", t("admin.referrals.linkLifetimeDays"), REFERRAL_LIMITS.linkLifetimeDays, t("admin.referrals.linkLifetimeHelp"))}
              {number("pendingDays", t("admin.referrals.pendingDays"), REFERRAL_LIMITS.pendingDays, t("admin.referrals.pendingDaysHelp"))}
            </BlockStack>
          </Card>
        </Layout.AnnotatedSection>

        <Layout.Section>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              {t("admin.referrals.reviewHeading")}
            </Text>
            {review.length === 0 ? <Text as="p">{t("admin.referrals.reviewEmpty")}</Text> : review.map((row) => <ReviewRow key={row.id} row={row} />)}
          </BlockStack>
        </Layout.Section>

        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("admin.referrals.listHeading")}
              </Text>
              {referrals.length === 0 ? (
                <Text as="p">{t("admin.referrals.listEmpty")}</Text>
              ) : (
                <table className="referrals-table" style={{ width: "100%", borderCollapse: "collapse" }}>
                  <thead>
                    <tr>
                      {["status", "advocate", "friend", "order", "subtotal", "reason", "date"].map((column) => (
                        <th key={column} scope="col" style={{ textAlign: "left", padding: "4px" }}>
                          {t(`admin.referrals.column.${column}`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {referrals.map((row) => (
                      <tr key={row.id} data-testid={`referral-${row.id}`}>
                        <td style={{ padding: "4px" }}>
                          <Badge tone={STATUS_TONE[row.status]}>{t(`admin.referrals.status.${row.status}`)}</Badge>
                        </td>
                        <td style={{ padding: "4px" }}>{row.advocate.email ?? row.advocate.customerId}</td>
                        <td style={{ padding: "4px" }}>{row.friend}</td>
                        <td style={{ padding: "4px" }}>{row.orderId}</td>
                        <td style={{ padding: "4px" }}>{formatMoney(row.subtotalMinor, row.currency, locale)}</td>
                        <td style={{ padding: "4px" }}>{row.reasons.length === 0 ? t("admin.referrals.noFindings") : row.reasons.map((r) => r.reason).join(" ")}</td>
                        <td style={{ padding: "4px" }}>{formatDate(row.createdAt, locale)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
