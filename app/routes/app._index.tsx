import type { LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { Badge, Banner, BlockStack, Box, Button, Card, InlineGrid, InlineStack, Layout, Page, Select, SkeletonBodyText, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { requireAdmin } from "../admin/route-kit.server";
import db, { activeDatabase, sqlDb } from "../db.server";
import { fetchShopInfo, type ShopInfo } from "../shopify/shop-info.server";
import { recordShopSeen, shopCurrency, shopTimeZone } from "../persistence/shops";
import { getProgramStats, PERIODS, type PeriodDays } from "../persistence/program-stats";
import { useAdminTranslation } from "../i18n/admin-messages";
import { formatMoney, formatNumber, formatPercent, useAdminLocale } from "../components/admin-format";
import { PointsChart } from "../components/points-chart";
import { TierMembersCard } from "../components/tier-members-card";
import { tierMembership } from "../persistence/tier-program";
import type { loader as themeStatusLoader } from "./app.theme-status";
import { log } from "../log.server";
import { cachedCampaigns } from "../persistence/campaigns";
import { campaignsRunningAt } from "../rules/campaigns";
import { RunningCampaignsCard } from "../components/running-campaigns-card";
import { storedImpactFigures } from "../persistence/analytics-figures";
import { SegmentsCard, SegmentTrendCard } from "../components/segments-card";
import { mirrorStatus } from "../persistence/customer-mirror";
import { segmentSnapshots } from "../persistence/segment-snapshots";
import { formatDate as formatCivilDate, fromDayNumber, dayNumber, localDate, shopZone } from "../rules/local-calendar";

/** Days of segment snapshots Home's trend shows. */
const TREND_DAYS = 90;

const DEFAULT_PERIOD: PeriodDays = 30;

function readPeriod(value: string | null): PeriodDays {
  const days = Number(value);
  return (PERIODS as readonly number[]).includes(days) ? (days as PeriodDays) : DEFAULT_PERIOD;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { admin, shop: shopDomain } = await requireAdmin(request);
  const period = readPeriod(new URL(request.url).searchParams.get("period"));
  const shopInfo = fetchShopInfo(admin.graphql).then(
    async (info): Promise<ShopInfo | null> => {
      await recordShopSeen(sqlDb, shopDomain, info.currencyCode, new Date(), info.ianaTimezone);
      return info;
    },
    (error) => {
      // The page still renders; the banner tells the merchant Shopify was unreachable.
      log.error("ShopInfo query failed; Home shows Shopify as unreachable", { shop: shopDomain, error });
      return null;
    },
  );
  // The zone stored from Shopify's shop data (the query above refreshes it for the next view).
  const storedZone = await shopTimeZone(sqlDb, shopDomain);
  const trendFrom = formatCivilDate(fromDayNumber(dayNumber(localDate(new Date(), shopZone(storedZone))) - (TREND_DAYS - 1)));
  const [shop, stats, known, tiers, campaigns, zone, impact, mirror, trend] = await Promise.all([
    shopInfo,
    getProgramStats(db, sqlDb, shopDomain, period),
    shopCurrency(sqlDb, shopDomain),
    tierMembership(sqlDb, shopDomain),
    cachedCampaigns(sqlDb, shopDomain),
    storedZone,
    storedImpactFigures(sqlDb, shopDomain),
    mirrorStatus(sqlDb, shopDomain),
    segmentSnapshots(sqlDb, shopDomain, trendFrom),
  ]);
  return {
    shopDomain,
    shop,
    currency: shop?.currencyCode ?? known,
    database: activeDatabase === "postgresql" ? "PostgreSQL" : "SQLite",
    stats,
    tiers,
    campaigns: campaignsRunningAt(campaigns, new Date()).map((c) => ({ id: c.id, names: c.names, multiplierPercent: c.multiplierPercent, bonusPoints: c.bonusPoints, endsAt: c.endsAt.toISOString() })),
    zone: shop?.ianaTimezone ?? zone,
    segments: impact ? { counts: impact.segments, asOf: impact.computedAt } : null,
    segmentTrend: trend,
    segmentMirror: { enabled: mirror.enabled, due: mirror.due, lastRunAt: mirror.lastRunAt?.toISOString() ?? null, lastError: mirror.lastError },
  };
}

export default function Home() {
  const { shopDomain, shop, currency, database, stats, tiers, campaigns, zone, segments, segmentMirror, segmentTrend } = useLoaderData<typeof loader>();
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const [searchParams, setSearchParams] = useSearchParams();
  const number = (value: number) => formatNumber(value, locale);
  const money = (minor: number | null) => (minor === null ? "—" : formatMoney(minor, currency, locale));
  const percent = (ratio: number | null) => (ratio === null ? "—" : formatPercent(ratio, locale));
  const { points, orders } = stats;

  return (
    <Page>
      <TitleBar title={t("admin.home.title")} />
      <BlockStack gap="400">
        {shop ? null : <Banner tone="critical">{t("admin.errors.shopUnavailable")}</Banner>}
        <EmbedStatusCard />
        <RunningCampaignsCard campaigns={campaigns} zone={zone} />

        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingLg">
            {t("admin.home.performanceHeading")}
          </Text>
          <Select
            label={t("admin.home.periodLabel")}
            labelInline
            options={PERIODS.map((days) => ({ value: String(days), label: t("admin.home.periodDays", { count: days }) }))}
            value={String(stats.period.days)}
            onChange={(value) => {
              const params = new URLSearchParams(searchParams);
              params.set("period", value);
              setSearchParams(params, { preventScrollReset: true });
            }}
          />
        </InlineStack>

        <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
          <Figure label={t("admin.home.members")} value={number(stats.members.total)} testId="figure-members">
            {t("admin.home.membersJoined", { count: number(stats.members.joined) })}
          </Figure>
          <Figure label={t("admin.home.issued")} value={number(points.issued)} testId="figure-issued">
            {points.imported ? t("admin.home.imported", { count: number(points.imported) }) : t("admin.home.issuedHelp")}
          </Figure>
          <Figure label={t("admin.home.redeemed")} value={number(points.redeemed)} testId="figure-redeemed">
            {t("admin.home.redemptionRate", { rate: percent(stats.redemptionRate) })}
          </Figure>
          <Figure
            label={t("admin.home.outstanding")}
            value={number(points.outstandingAvailable + points.outstandingPending)}
            testId="figure-outstanding"
          >
            {stats.liability
              ? t("admin.home.liability", { amount: money(stats.liability.valueMinor) })
              : t("admin.home.liabilityUnknown")}
          </Figure>
        </InlineGrid>

        <Card>
          <BlockStack gap="300">
            <Text as="h3" variant="headingMd">
              {t("admin.home.chartHeading")}
            </Text>
            <PointsChart
              series={stats.series}
              locale={locale}
              labels={{
                title: t("admin.home.chartHeading"),
                issued: t("admin.home.issued"),
                redeemed: t("admin.home.redeemed"),
                weekOf: t("admin.home.weekOf"),
                day: t("admin.home.day"),
              }}
            />
          </BlockStack>
        </Card>

        <Layout>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h3" variant="headingMd">
                  {t("admin.home.ordersHeading")}
                </Text>
                <InlineGrid columns={3} gap="300">
                  <span />
                  <Text as="span" variant="headingSm">
                    {t("admin.home.membersColumn")}
                  </Text>
                  <Text as="span" variant="headingSm">
                    {t("admin.home.guestsColumn")}
                  </Text>
                  <Text as="span">{t("admin.home.orders")}</Text>
                  <Text as="span" numeric>
                    {number(orders.memberOrders)}
                  </Text>
                  <Text as="span" numeric>
                    {number(orders.guestOrders)}
                  </Text>
                  <Text as="span">{t("admin.home.averageOrder")}</Text>
                  <Text as="span" numeric>
                    {money(orders.memberAverageMinor)}
                  </Text>
                  <Text as="span" numeric>
                    {money(orders.guestAverageMinor)}
                  </Text>
                  <Text as="span">{t("admin.home.repeatRate")}</Text>
                  <Text as="span" numeric>
                    {percent(orders.memberRepeatRate)}
                  </Text>
                  <Text as="span" tone="subdued">
                    {t("admin.home.repeatGuests")}
                  </Text>
                </InlineGrid>
                <Text as="p">
                  {t("admin.home.rewardOrders", { count: number(orders.rewardOrders), amount: money(orders.rewardOrdersNetSalesMinor) })}
                </Text>
              </BlockStack>
            </Card>
            <Box paddingBlockStart="400">
              <SegmentTrendCard trend={segmentTrend} />
            </Box>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
            <TierMembersCard tiers={tiers} />
            <SegmentsCard segments={segments?.counts ?? null} asOf={segments?.asOf ?? null} mirror={segmentMirror} />
            <Card>
              <BlockStack gap="200">
                <Text as="h3" variant="headingMd">
                  {t("admin.home.definitionsHeading")}
                </Text>
                <Text as="p" variant="bodySm" tone="subdued">
                  {t("admin.home.definitionIssued")}
                </Text>
                <Text as="p" variant="bodySm" tone="subdued">
                  {t("admin.home.definitionRedeemed")}
                </Text>
                <Text as="p" variant="bodySm" tone="subdued">
                  {stats.liability
                    ? t("admin.home.definitionLiability", {
                        points: t("admin.points", { count: stats.liability.perPoints }),
                        amount: money(stats.liability.amountMinor),
                      })
                    : t("admin.home.liabilityUnknown")}
                </Text>
                <Text as="p" variant="bodySm" tone="subdued">
                  {t("admin.home.definitionOrders")}
                </Text>
                <Text as="p" variant="bodySm" tone="subdued">
                  {t("admin.home.definitionRepeat")}
                </Text>
              </BlockStack>
            </Card>
            </BlockStack>
          </Layout.Section>
        </Layout>

        <Card>
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm">
              {t("admin.home.shopHeading")}
            </Text>
            <Text as="p" variant="bodyMd">
              {t("admin.home.shopLine", {
                name: shop?.name ?? shopDomain,
                domain: shopDomain,
                currency: shop?.currencyCode ?? "—",
              })}
            </Text>
            <Text as="p" variant="bodyMd" tone="subdued">
              {t("admin.home.databaseLine", { database })}
            </Text>
          </BlockStack>
        </Card>
      </BlockStack>
    </Page>
  );
}

function Figure({ label, value, testId, children }: { label: string; value: string; testId: string; children: ReactNode }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="heading2xl" numeric>
          <span data-testid={testId}>{value}</span>
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          {children}
        </Text>
      </BlockStack>
    </Card>
  );
}

/** Whether the storefront launcher is on, asked of Shopify after the page has painted. */
function EmbedStatusCard() {
  const t = useAdminTranslation();
  const fetcher = useFetcher<typeof themeStatusLoader>();
  useEffect(() => {
    if (fetcher.state === "idle" && !fetcher.data) fetcher.load("/app/theme-status");
  }, [fetcher]);
  const status = fetcher.data;
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("admin.home.embedHeading")}
          </Text>
          {status ? (
            <Badge tone={status.state === "on" ? "success" : status.state === "off" ? "attention" : undefined}>
              {t(`admin.home.embed.${status.state}`)}
            </Badge>
          ) : null}
        </InlineStack>
        {status ? (
          <BlockStack gap="200">
            <Text as="p" tone="subdued">
              <span data-testid="embed-status">
                {t(`admin.home.embedBody.${status.state}`, { theme: status.themeName ?? "—" })}
              </span>
            </Text>
            {status.state !== "on" ? (
              <Box>
                <Button url={status.activationUrl} target="_blank" variant="primary">
                  {t("admin.home.embedActivate")}
                </Button>
              </Box>
            ) : null}
          </BlockStack>
        ) : (
          <SkeletonBodyText lines={1} />
        )}
      </BlockStack>
    </Card>
  );
}
