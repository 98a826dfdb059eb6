// Home's segment counts, from the Impact page's stored figures (nothing is computed for Home): new, active, at risk,
// lapsed and VIP members, with a link to the Impact page where they are defined.
import { BlockStack, Button, Card, InlineGrid, Text } from "@shopify/polaris";
import { SEGMENTS, type Segment } from "../rules/analytics-segments";
import { useAdminTranslation } from "../i18n/admin-messages";
import { formatDate, formatNumber, useAdminLocale } from "./admin-format";

export function SegmentsCard({ segments, asOf }: { segments: Record<Segment, number> | null; asOf: string | null }) {
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
        <Button url="/app/impact" variant="plain">
          {t("admin.impact.title")}
        </Button>
      </BlockStack>
    </Card>
  );
}
