import { useFetcher } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  InlineStack,
  ProgressBar,
  Text,
} from "@shopify/polaris";
import { useAdminTranslation } from "../i18n/admin-messages";
import { formatDate, formatNumber, useAdminLocale } from "./admin-format";
import type { HistoryActionResult } from "../routes/app.tiers.history";

export type HistoryImportView = {
  status: "queued" | "running" | "importing" | "done" | "failed";
  ordersSeen: number;
  ordersImported: number;
  lastError: string | null;
  finishedAt: string | null;
} | null;

/** "Award points for past orders": off until the merchant previews the total and confirms exactly that total. */
function AwardPastOrders() {
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const fetcher = useFetcher<HistoryActionResult>();
  const result = fetcher.data;
  const preview = result?.ok && "preview" in result ? result.preview : null;
  const awarded = result?.ok && "awarded" in result ? result.awarded : null;
  const changed = result && !result.ok;
  const busy = fetcher.state !== "idle";
  const counts = (value: {
    points: number;
    orders: number;
    members: number;
  }) => ({
    points: formatNumber(value.points, locale),
    orders: formatNumber(value.orders, locale),
    members: formatNumber(value.members, locale),
  });
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        {t("admin.tierHistory.awardHeading")}
      </Text>
      <Text as="p" tone="subdued">
        {t("admin.tierHistory.awardHelp")}
      </Text>
      {preview ? (
        <Text as="p">
          <span data-testid="history-award-preview">
            {preview.points > 0
              ? t("admin.tierHistory.awardPreview", counts(preview))
              : t("admin.tierHistory.awardNothing")}
          </span>
        </Text>
      ) : null}
      {awarded ? (
        <Banner tone="success">
          {t("admin.tierHistory.awarded", counts(awarded))}
        </Banner>
      ) : null}
      {changed ? (
        <Banner tone="warning">{t("admin.tierHistory.awardChanged")}</Banner>
      ) : null}
      <InlineStack gap="200">
        <Button
          disabled={busy}
          onClick={() =>
            fetcher.submit(
              { intent: "preview" },
              { method: "post", action: "/app/tiers/history" }
            )
          }
        >
          {t("admin.tierHistory.awardPreviewButton")}
        </Button>
        {preview && preview.points > 0 ? (
          <Button
            tone="critical"
            disabled={busy}
            onClick={() =>
              fetcher.submit(
                { intent: "award", points: String(preview.points) },
                { method: "post", action: "/app/tiers/history" }
              )
            }
          >
            {t("admin.tierHistory.awardButton", counts(preview))}
          </Button>
        ) : null}
      </InlineStack>
    </BlockStack>
  );
}

/** "Import order history": how far back it can reach, the button, and the latest import's progress. */
export function TierHistoryCard({
  latest,
  reachSince,
}: {
  latest: HistoryImportView;
  reachSince: string | null;
}) {
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const fetcher = useFetcher<HistoryActionResult>();
  const active =
    latest !== null &&
    ["queued", "running", "importing"].includes(latest.status);
  const busy = fetcher.state !== "idle";
  const progress =
    latest?.status === "done"
      ? 100
      : latest?.status === "importing"
      ? 66
      : latest?.status === "running"
      ? 33
      : 5;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="p">
          {reachSince
            ? t("admin.tierHistory.reach60", {
                date: formatDate(reachSince, locale),
              })
            : t("admin.tierHistory.reachAll")}
        </Text>
        {latest ? (
          <BlockStack gap="200">
            <Text as="p">
              <span id="history-import-label" data-testid="history-import">
                {t(`admin.tierHistory.status.${latest.status}`, {
                  seen: formatNumber(latest.ordersSeen, locale),
                  imported: formatNumber(latest.ordersImported, locale),
                })}
              </span>
            </Text>
            {latest.status !== "failed" ? (
              <ProgressBar
                progress={progress}
                size="small"
                ariaLabelledBy="history-import-label"
              />
            ) : null}
          </BlockStack>
        ) : null}
        {latest?.lastError ? (
          <Banner tone={latest.status === "failed" ? "critical" : "warning"}>
            <p>{latest.lastError}</p>
          </Banner>
        ) : null}
        <div>
          <Button
            onClick={() =>
              fetcher.submit(
                { intent: "start" },
                { method: "post", action: "/app/tiers/history" }
              )
            }
            disabled={active || busy}
            loading={busy && fetcher.formData?.get("intent") === "start"}
          >
            {t("admin.tierHistory.start")}
          </Button>
        </div>
        {latest?.status === "done" ? <AwardPastOrders /> : null}
      </BlockStack>
    </Card>
  );
}
