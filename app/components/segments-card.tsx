// Home's segment counts, from the Impact page's stored figures (nothing is computed for Home): new, active, at risk,
// lapsed and VIP members, with a link to the Impact page where they are defined, and whether Shopify has them (the
// $app.segment customer metafield the mirror writes, app/jobs/customer-mirror-job.ts) so the merchant knows they can
// target them in Shopify Segments, Email and discounts.
import { BlockStack, Button, Card, InlineGrid, InlineStack, Text } from "@shopify/polaris";
import { SEGMENTS, type Segment } from "../rules/analytics-segments";
import { useAdminTranslation } from "../i18n/admin-messages";
import { formatDate, formatDateTime, formatNumber, useAdminLocale } from "./admin-format";
import { SegmentTrendChart, type SegmentTrendPoint } from "./segment-trend-chart";

export type SegmentMirrorView = { enabled: boolean; due: number; lastRunAt: string | null; lastError: string | null };

export function SegmentsCard({
  segments,
  asOf,
  mirror,
}: {
  segments: Record<Segment, number> | null;
  asOf: string | null;
  mirror?: SegmentMirrorView | null;
}) {
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h3" variant="headingMd">
          {t("admin.impact.homeSegments")}
        </Text>
        {segments ? (
          SEGMENTS.map((segment) => (
            <InlineGrid key={segment} columns={2}>
              <Text as="span">{t(`admin.impact.segment.${segment}`)}</Text>
              <Text as="span" numeric alignment="end">
                <span data-testid={`home-segment-${segment}`}>{formatNumber(segments[segment], locale)}</span>
              </Text>
            </InlineGrid>
          ))
        ) : null}
        {asOf ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {t("admin.impact.asOf", { time: formatDate(asOf, locale) })}
          </Text>
        ) : null}
        {mirror ? (
          <BlockStack gap="100">
            <Text as="p" variant="bodySm" tone="subdued">
              <span data-testid="segment-mirror-status">{mirror.enabled ? t("admin.segments.mirrorOn") : t("admin.segments.mirrorOff")}</span>
            </Text>
            {mirror.enabled ? (
              <Text as="p" variant="bodySm" tone="subdued">
                <span data-testid="segment-mirror-due">
                  {t("admin.segments.mirrorDue", {
                    count: mirror.due,
                    lastRun: mirror.lastRunAt ? formatDateTime(mirror.lastRunAt, locale) : t("admin.tierMirror.never"),
                  })}
                </span>
              </Text>
            ) : null}
            {mirror.enabled && mirror.lastError ? (
              <Text as="p" variant="bodySm" tone="caution">
                {t("admin.segments.mirrorError")}
              </Text>
            ) : null}
          </BlockStack>
        ) : null}
        <InlineStack gap="300">
          <Button url="/app/impact" variant="plain">
            {t("admin.impact.title")}
          </Button>
          {mirror ? (
            <Button url="/app/tiers" variant="plain">
              {t("admin.segments.mirrorSettings")}
            </Button>
          ) : null}
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

/** Home's segment trend: members per segment over the daily snapshots (oldest first); a trend needs two days. */
export function SegmentTrendCard({ trend }: { trend: SegmentTrendPoint[] }) {
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h3" variant="headingMd">
          {t("admin.segments.trendHeading")}
        </Text>
        {trend.length >= 2 ? (
          <SegmentTrendChart
            series={trend}
            locale={locale}
            labels={{ title: t("admin.segments.trendHeading"), day: t("admin.home.day"), ...(Object.fromEntries(SEGMENTS.map((segment) => [segment, t(`admin.impact.segment.${segment}`)])) as Record<Segment, string>) }}
          />
        ) : (
          <Text as="p" variant="bodySm" tone="subdued">
            {t("admin.segments.trendEmpty")}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
