import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, ProgressBar, Text } from "@shopify/polaris";
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

/** "Import order history": how far back it can reach, the button, and the latest import's progress. */
export function TierHistoryCard({ latest, reachSince }: { latest: HistoryImportView; reachSince: string | null }) {
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  const fetcher = useFetcher<HistoryActionResult>();
  const active = latest !== null && ["queued", "running", "importing"].includes(latest.status);
  const busy = fetcher.state !== "idle";
  const progress = latest?.status === "done" ? 100 : latest?.status === "importing" ? 66 : latest?.status === "running" ? 33 : 5;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="p">{reachSince ? t("admin.tierHistory.reach60", { date: formatDate(reachSince, locale) }) : t("admin.tierHistory.reachAll")}</Text>
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
            {latest.status !== "failed" ? <ProgressBar progress={progress} size="small" ariaLabelledBy="history-import-label" /> : null}
          </BlockStack>
        ) : null}
        {latest?.lastError ? (
          <Banner tone={latest.status === "failed" ? "critical" : "warning"}>
            <p>{latest.lastError}</p>
          </Banner>
        ) : null}
        <div>
          <Button onClick={() => fetcher.submit({ intent: "start" }, { method: "post", action: "/app/tiers/history" })} disabled={active || busy} loading={busy}>
            {t("admin.tierHistory.start")}
          </Button>
        </div>
      </BlockStack>
    </Card>
  );
}
