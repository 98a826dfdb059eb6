// Impact: is the program paying for itself? Members vs the hold-out group (customers left out at random), with 95%
// intervals and a verdict in words (app/rules/analytics-impact.ts states the methods); without a hold-out, the
// before/after-launch figures, labelled as not causal. Figures come from analytics-figures.ts (computed at most hourly).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, InlineGrid, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useState } from "react";
import db, { sqlDb } from "../db.server";
import { badRequest, readForm, requireAdmin, requireStaff } from "../admin/route-kit.server";
import { getProgramStats } from "../persistence/program-stats";
import { shopCurrency } from "../persistence/shops";
import { forgetImpactFigures, getImpactFigures } from "../persistence/analytics-figures";
import { getAnalyticsSettings, saveAnalyticsSettings } from "../persistence/analytics-settings";
import { remirrorChangedSegments } from "../persistence/segment-snapshots";
import { COMPARISON_PERIODS, MIN_GROUP_CUSTOMERS, type ComparisonPeriod, type Interval } from "../rules/analytics-impact";
import { participationRate } from "../rules/analytics";
import { MAX_HOLD_OUT_PERCENT } from "../rules/hold-out";
import { SEGMENT_FIELDS, SEGMENTS, validateSegmentForm, type SegmentField } from "../rules/analytics-segments";
import { formatMinorUnits, MoneyFormatError, toMinorUnits } from "../rules/money";
import { useAdminTranslation } from "../i18n/admin-messages";
import { formatDate, formatMoney, formatNumber, formatPercent, useAdminLocale } from "../components/admin-format";
import { MonthlyBarChart } from "../components/monthly-bar-chart";
import { visuallyHidden } from "../components/chart-axis";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  // Rewards' cost: points redeemed in the last year at the best reward's money value per point (Home's liability rate).
  // Read only when the hourly figures are computed.
  const pointsFigures = async () => {
    const stats = await getProgramStats(db, sqlDb, shop, 365);
    const rewardCostMinor = stats.liability ? Math.round((stats.points.redeemed * stats.liability.amountMinor) / stats.liability.perPoints) : 0;
    return { rewardCostMinor, redemptionRate: stats.redemptionRate, liabilityMinor: stats.liability?.valueMinor ?? null };
  };
  const [figures, currency] = await Promise.all([getImpactFigures(sqlDb, shop, pointsFigures), shopCurrency(sqlDb, shop)]);
  const kpis = {
    participationRate: participationRate(figures.comparison.members.customers, figures.comparison.members.customers + figures.comparison.holdOut.customers),
    activeMembers: figures.activeMembers,
    redemptionRate: figures.points.redemptionRate,
    liabilityMinor: figures.points.liabilityMinor,
    repeatRate: figures.comparison.members.repeatRate,
    frequency: figures.comparison.members.ordersPerCustomer,
    aovMinor: figures.comparison.members.aovMinor,
    ltvMembersMinor: figures.comparison.members.revenuePerCustomerMinor,
    ltvOthersMinor: figures.comparison.holdOut.revenuePerCustomerMinor,
  };
  const { segments: thresholds } = await getAnalyticsSettings(sqlDb, shop); // one primary-key read
  return { currency, figures, kpis, thresholds, minCustomers: MIN_GROUP_CUSTOMERS, maxPercent: MAX_HOLD_OUT_PERCENT };
}

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireStaff(request);
  const form = await readForm(request, ["holdOutPercent", ...SEGMENT_FIELDS] as const);
  const value = form.holdOutPercent.trim();
  const percent = Number(value);
  const currency = await shopCurrency(sqlDb, shop);
  const toMinor = (amount: string) => {
    try {
      return toMinorUnits(amount, currency);
    } catch (error) {
      if (error instanceof MoneyFormatError) return null;
      throw error;
    }
  };
  const segments = validateSegmentForm(form, toMinor);
  const issues: { field: "holdOutPercent" | SegmentField; code: string }[] = segments.ok ? [] : [...segments.issues];
  if (!/^\d+$/.test(value) || percent > MAX_HOLD_OUT_PERCENT) issues.unshift({ field: "holdOutPercent", code: "out_of_range" });
  if (issues.length > 0 || !segments.ok) return badRequest(issues);
  await saveAnalyticsSettings(sqlDb, shop, { holdOutPercent: percent, segments: segments.thresholds });
  await forgetImpactFigures(sqlDb, shop);
  // New thresholds move members between segments: Shopify's copy ($app.segment) follows with the next mirror run.
  await remirrorChangedSegments(sqlDb, shop);
  return { ok: true as const };
}

export default function Impact() {
  const { currency, figures, kpis, thresholds, minCustomers, maxPercent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const [percent, setPercent] = useState(String(figures.holdOut.percent));
  const [fields, setFields] = useState<Record<SegmentField, string>>({
    newDays: String(thresholds.newDays),
    activeDays: String(thresholds.activeDays),
    atRiskDays: String(thresholds.atRiskDays),
    vipOrders: String(thresholds.vipOrders),
    vipSpend: formatMinorUnits(thresholds.vipSpendMinor, currency),
  });
  const number = (value: number | null, digits = 0) => (value === null ? "—" : formatNumber(Math.round(value * 10 ** digits) / 10 ** digits, locale));
  const money = (minor: number | null) => (minor === null ? "—" : formatMoney(minor, currency, locale));
  const pct = (ratio: number | null) => (ratio === null ? "—" : formatPercent(ratio, locale));
  const { comparison: since } = figures;
  // The table compares over the chosen period; the verdict, incremental and net figures stay since the hold-out
  // started (rewards' cost is not split by period).
  const [period, setPeriod] = useState<"all" | ComparisonPeriod>("all");
  const c = period === "all" ? since : figures.periods[period];
  const periodOptions = [{ value: "all", label: t("admin.impact.period.all") }, ...COMPARISON_PERIODS.map((days) => ({ value: days, label: t("admin.impact.period.days", { count: Number(days) }) }))];
  const interval = (value: Interval | null, format: (n: number) => string) =>
    value ? t("admin.impact.interval", { estimate: format(value.estimate), low: format(value.low), high: format(value.high) }) : "—";
  const points = (n: number) => t("admin.impact.pointsDiff", { value: formatNumber(Math.round(n * 1000) / 10, locale) });
  const issues = actionData && "issues" in actionData ? actionData.issues : [];
  const issueOf = (field: string) => issues.find((issue) => issue.field === field)?.code;
  const fieldError = issueOf("holdOutPercent") ? t("admin.impact.error.out_of_range", { max: maxPercent }) : undefined;
  const segmentError = (field: SegmentField) => {
    const code = issueOf(field);
    if (!code) return undefined;
    if (code === "not_after_active") return t("admin.impact.error.not_after_active");
    return t(field === "vipSpend" ? "admin.impact.error.vip_spend" : "admin.impact.error.segment_out_of_range");
  };

  return (
    <Page>
      <TitleBar title={t("admin.impact.title")} />
      <BlockStack gap="400">
        <Card>
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">
              {t("admin.impact.verdictHeading")}
            </Text>
            <Banner tone={since.verdict === "pays" ? "success" : since.verdict === "members_buy_less" ? "warning" : "info"}>
              <p data-testid="impact-verdict">
                {t(`admin.impact.verdict.${since.verdict}`, {
                  min: formatNumber(minCustomers, locale),
                  net: money(since.netMinor?.estimate ?? null),
                  low: money(since.netMinor?.low ?? null),
                })}
              </p>
            </Banner>
            <Text as="p" variant="bodySm" tone="subdued">
              {t("admin.impact.asOf", { time: formatDate(figures.computedAt, locale) })}
            </Text>
          </BlockStack>
        </Card>

        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              {t("admin.impact.kpisHeading")}
            </Text>
            <InlineGrid columns={{ xs: 2, md: 5 }} gap="300">
              <Figure label={t("admin.impact.kpi.participation")} value={pct(kpis.participationRate)} />
              <Figure label={t("admin.impact.kpi.activeMembers")} value={number(kpis.activeMembers)} />
              <Figure label={t("admin.impact.kpi.redemptionRate")} value={pct(kpis.redemptionRate)} />
              <Figure label={t("admin.impact.kpi.liability")} value={money(kpis.liabilityMinor)} />
              <Figure label={t("admin.impact.kpi.repeatRate")} value={pct(kpis.repeatRate)} />
              <Figure label={t("admin.impact.kpi.frequency")} value={number(kpis.frequency, 2)} />
              <Figure label={t("admin.impact.kpi.aov")} value={money(kpis.aovMinor)} />
              <Figure label={t("admin.impact.kpi.ltvMembers")} value={money(kpis.ltvMembersMinor)} />
              <Figure label={t("admin.impact.kpi.ltvOthers")} value={money(kpis.ltvOthersMinor)} />
            </InlineGrid>
          </BlockStack>
        </Card>

        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              {period === "all" ? t("admin.impact.comparisonHeading") : `${t("admin.impact.period.heading")}: ${periodOptions.find((o) => o.value === period)!.label}`}
            </Text>
            <Text as="p" tone="subdued">
              {figures.holdOut.since
                ? t("admin.impact.holdOutSince", { percent: figures.holdOut.percent, date: formatDate(figures.holdOut.since, locale) })
                : t("admin.impact.noHoldOut")}
            </Text>
            <Select label={t("admin.impact.period.label")} labelInline options={periodOptions} value={period} onChange={(value) => setPeriod(value as "all" | ComparisonPeriod)} />
            <table className="impact-table" data-testid="impact-comparison" style={tableStyle}>
              <caption style={visuallyHidden}>{period === "all" ? t("admin.impact.comparisonHeading") : `${t("admin.impact.period.heading")}: ${periodOptions.find((o) => o.value === period)!.label}`}</caption>
              <thead>
                <tr>
                  <th scope="col" style={cellStyle}>{t("admin.impact.column.kpi")}</th>
                  <th scope="col" style={numericCell}>{t("admin.impact.column.members")}</th>
                  <th scope="col" style={numericCell}>{t("admin.impact.column.holdOut")}</th>
                  <th scope="col" style={numericCell}>{t("admin.impact.column.difference")}</th>
                </tr>
              </thead>
              <tbody>
                <Row label={t("admin.impact.kpi.customers")} a={number(c.members.customers)} b={number(c.holdOut.customers)} d="" />
                <Row label={t("admin.impact.kpi.repeatRate")} a={pct(c.members.repeatRate)} b={pct(c.holdOut.repeatRate)} d={interval(c.repeatRateDifference, points)} />
                <Row label={t("admin.impact.kpi.ordersPerCustomer")} a={number(c.members.ordersPerCustomer, 2)} b={number(c.holdOut.ordersPerCustomer, 2)} d={interval(c.ordersPerCustomerDifference, (n) => number(n, 2))} />
                <Row label={t("admin.impact.kpi.revenuePerCustomer")} a={money(c.members.revenuePerCustomerMinor)} b={money(c.holdOut.revenuePerCustomerMinor)} d={interval(c.revenuePerCustomerDifference, (n) => money(Math.round(n)))} />
                <Row label={t("admin.impact.kpi.aov")} a={money(c.members.aovMinor)} b={money(c.holdOut.aovMinor)} d="" />
              </tbody>
            </table>
            {period === "all" ? null : (
              <Text as="p" variant="bodySm" tone="subdued">
                {t("admin.impact.period.sinceStartOnly")}
              </Text>
            )}
            <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
              <Figure label={t("admin.impact.incremental")} value={money(since.incrementalRevenueMinor?.estimate ?? null)} />
              <Figure label={t("admin.impact.rewardCost")} value={money(since.rewardCostMinor)} />
              <Figure label={t("admin.impact.net")} value={money(since.netMinor?.estimate ?? null)} help={since.netMinor ? interval(since.netMinor, money) : undefined} />
            </InlineGrid>
            <Text as="p" variant="bodySm" tone="subdued">
              {t("admin.impact.method", { min: formatNumber(minCustomers, locale) })}
            </Text>
          </BlockStack>
        </Card>

        {figures.beforeAfter ? (
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("admin.impact.beforeAfterHeading")}
              </Text>
              <Banner tone="warning">
                <p>{t("admin.impact.notCausal", { date: figures.launchedAt ? formatDate(figures.launchedAt, locale) : "—" })}</p>
              </Banner>
              <table data-testid="impact-before-after" style={tableStyle}>
                <caption style={visuallyHidden}>{t("admin.impact.beforeAfterHeading")}</caption>
                <thead>
                  <tr>
                    <th scope="col" style={cellStyle}>{t("admin.impact.column.kpi")}</th>
                    <th scope="col" style={numericCell}>{t("admin.impact.column.before")}</th>
                    <th scope="col" style={numericCell}>{t("admin.impact.column.after")}</th>
                  </tr>
                </thead>
                <tbody>
                  <Row label={t("admin.impact.kpi.aov")} a={money(figures.beforeAfter.aovMinor.before)} b={money(figures.beforeAfter.aovMinor.after)} />
                  <Row label={t("admin.impact.kpi.repeatRate")} a={pct(figures.beforeAfter.repeatRate.before)} b={pct(figures.beforeAfter.repeatRate.after)} />
                  <Row label={t("admin.impact.kpi.customers")} a={number(figures.beforeAfter.before.customers)} b={number(figures.beforeAfter.after.customers)} />
                </tbody>
              </table>
            </BlockStack>
          </Card>
        ) : null}

        <Layout>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("admin.impact.newCustomersHeading")}
                </Text>
                <MonthlyBarChart
                  series={figures.newCustomers.map((row) => ({ month: row.month, value: row.customers }))}
                  locale={locale}
                  labels={{ title: t("admin.impact.newCustomersHeading"), month: t("admin.impact.column.month"), value: t("admin.impact.column.newCustomers") }}
                />
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("admin.impact.segmentsHeading")}
                </Text>
                {SEGMENTS.map((segment) => (
                  <InlineGrid key={segment} columns={2}>
                    <Text as="span">{t(`admin.impact.segment.${segment}`)}</Text>
                    <Text as="span" numeric alignment="end">
                      <span data-testid={`segment-${segment}`}>{number(figures.segments[segment])}</span>
                    </Text>
                  </InlineGrid>
                ))}
              </BlockStack>
            </Card>
          </Layout.Section>
        </Layout>

        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              {t("admin.impact.cohortsHeading")}
            </Text>
            <Text as="p" tone="subdued">
              {t("admin.impact.cohortsHelp")}
            </Text>
            {figures.cohorts.length === 0 ? (
              <Text as="p">{t("admin.impact.noOrders")}</Text>
            ) : (
              <div style={{ overflowX: "auto" }}>
                <table data-testid="impact-cohorts" style={tableStyle}>
                  <caption style={visuallyHidden}>{t("admin.impact.cohortsHeading")}</caption>
                  <thead>
                    <tr>
                      <th scope="col" style={cellStyle}>{t("admin.impact.column.cohort")}</th>
                      <th scope="col" style={numericCell}>{t("admin.impact.column.size")}</th>
                      {Array.from({ length: Math.max(...figures.cohorts.map((row) => row.retained.length)) }, (_, i) => (
                        <th key={i} scope="col" style={numericCell}>
                          {t("admin.impact.column.monthN", { n: i })}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {figures.cohorts.map((row) => (
                      <tr key={row.month}>
                        <th scope="row" style={cellStyle}>{row.month}</th>
                        <td style={numericCell}>{number(row.size)}</td>
                        {row.retained.map((share, i) => (
                          // Shade shows the share; the number is always written, so colour is never the only cue.
                          <td key={i} style={{ ...numericCell, background: `rgba(44, 110, 203, ${(0.08 + share * 0.5).toFixed(2)})` }}>
                            {pct(share)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </BlockStack>
        </Card>

        <Layout>
          <Layout.Section>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("admin.impact.definitionsHeading")}
                </Text>
                {["participation", "activeMembers", "redemptionRate", "liability", "repeatRate", "frequency", "aov", "ltv", "newCustomers", "segments"].map((key) => (
                  <Text key={key} as="p" variant="bodySm">
                    {t(`admin.impact.definition.${key}`, {
                      vipOrders: thresholds.vipOrders,
                      vipSpend: money(thresholds.vipSpendMinor),
                      atRiskDays: thresholds.atRiskDays,
                      newDays: thresholds.newDays,
                      activeDays: thresholds.activeDays,
                    })}
                  </Text>
                ))}
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <Card>
              <Form method="post">
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    {t("admin.impact.settingsHeading")}
                  </Text>
                  <TextField
                    label={t("admin.impact.holdOutPercent")}
                    name="holdOutPercent"
                    type="number"
                    min={0}
                    max={maxPercent}
                    suffix="%"
                    autoComplete="off"
                    value={percent}
                    onChange={setPercent}
                    error={fieldError}
                    helpText={t("admin.impact.holdOutHelp")}
                  />
                  <Text as="h3" variant="headingSm">
                    {t("admin.impact.thresholdsHeading")}
                  </Text>
                  {SEGMENT_FIELDS.map((field) => (
                    <TextField
                      key={field}
                      label={t(`admin.impact.threshold.${field}`)}
                      name={field}
                      type={field === "vipSpend" ? "text" : "number"}
                      inputMode={field === "vipSpend" ? "decimal" : "numeric"}
                      autoComplete="off"
                      value={fields[field]}
                      onChange={(next) => setFields((current) => ({ ...current, [field]: next }))}
                      error={segmentError(field)}
                    />
                  ))}
                  <Box>
                    <Button submit variant="primary" loading={navigation.state === "submitting"}>
                      {t("admin.form.save")}
                    </Button>
                  </Box>
                </BlockStack>
              </Form>
            </Card>
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}

function Row({ label, a, b, d }: { label: string; a: string; b: string; d?: string }) {
  return (
    <tr>
      <th scope="row" style={cellStyle}>{label}</th>
      <td style={numericCell}>{a}</td>
      <td style={numericCell}>{b}</td>
      {d === undefined ? null : <td style={numericCell}>{d}</td>}
    </tr>
  );
}

function Figure({ label, value, help }: { label: string; value: string; help?: string }) {
  return (
    <BlockStack gap="100">
      <Text as="h3" variant="headingSm" tone="subdued">
        {label}
      </Text>
      <Text as="p" variant="headingLg" numeric>
        {value}
      </Text>
      {help ? (
        <Text as="p" variant="bodySm" tone="subdued">
          {help}
        </Text>
      ) : null}
    </BlockStack>
  );
}

const tableStyle = { width: "100%", borderCollapse: "collapse" } as const;
const cellStyle = { textAlign: "left", padding: "6px 8px", borderBottom: "1px solid #e3e3e3", fontWeight: 400 } as const;
const numericCell = { ...cellStyle, textAlign: "right", fontVariantNumeric: "tabular-nums" } as const;
