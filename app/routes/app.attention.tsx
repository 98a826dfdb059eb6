// Needs attention: the shop's webhook deliveries that failed every attempt (the dead letters of the inbox), with why
// in words, and a Retry that sends one back to the inbox once its cause is dealt with (recorded with the staff id).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, DataTable, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { sqlDb } from "../db.server";
import { readForm, refused, requireAdmin, requireStaff, type Refused } from "../admin/route-kit.server";
import { useFetcherOutcome } from "../admin/use-fetcher-outcome";
import {
  deliveriesNeedingAttention,
  MAX_ATTEMPTS,
  retryDeliveryNeedingAttention,
} from "../shopify/webhook-inbox.server";
import { useAdminTranslation } from "../i18n/admin-messages";
import { formatDateTime, useAdminLocale } from "../components/admin-format";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const deliveries = await deliveriesNeedingAttention(sqlDb, shop);
  return {
    attempts: MAX_ATTEMPTS,
    deliveries: deliveries.map((delivery) => ({ ...delivery, receivedAt: delivery.receivedAt.toISOString() })),
  };
}

export type AttentionActionResult = { ok: true; webhookId: string } | Refused<"webhookId">;

// POST /app/attention — webhookId: send that delivery back to the inbox (recorded with the staff member).
export async function action({ request }: ActionFunctionArgs) {
  const { shop, staffUserId } = await requireStaff(request);
  const { webhookId } = await readForm(request, ["webhookId"]);
  if (!webhookId || webhookId.length > 255) return refused("webhookId", "no_delivery");
  const retried = await retryDeliveryNeedingAttention(sqlDb, shop, webhookId, staffUserId);
  // Another shop's delivery, one applied meanwhile, or one already sent back: nothing to do, and nothing written.
  if (!retried) return refused("webhookId", "not_waiting", 404);
  return { ok: true as const, webhookId };
}

function RetryButton({ webhookId }: { webhookId: string }) {
  const t = useAdminTranslation();
  const fetcher = useFetcher<AttentionActionResult>();
  const shopify = useAppBridge();
  useFetcherOutcome(fetcher, (result) => {
    const text = result.ok ? t("admin.attention.retried") : t(`admin.attention.failed.${result.issues[0]?.code ?? "no_delivery"}`);
    shopify.toast.show(text, { isError: !result.ok });
  });
  return (
    <Button
      loading={fetcher.state !== "idle"}
      onClick={() => fetcher.submit({ webhookId }, { method: "post" })}
      accessibilityLabel={t("admin.attention.retryLabel", { id: webhookId })}
    >
      {t("admin.attention.retry")}
    </Button>
  );
}

export default function NeedsAttention() {
  const { attempts, deliveries } = useLoaderData<typeof loader>();
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  return (
    <Page title={t("admin.attention.title")}>
      <TitleBar title={t("admin.attention.title")} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Text as="p">{t("admin.attention.intro", { attempts })}</Text>
            {deliveries.length === 0 ? (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    {t("admin.attention.emptyHeading")}
                  </Text>
                  <Text as="p">{t("admin.attention.empty")}</Text>
                </BlockStack>
              </Card>
            ) : (
              <Card padding="0">
                <DataTable
                  columnContentTypes={["text", "text", "text", "text"]}
                  headings={[t("admin.attention.topic"), t("admin.attention.received"), t("admin.attention.error"), ""]}
                  rows={deliveries.map((delivery) => [
                    <Text as="span" key="topic" fontWeight="medium">
                      {delivery.topic}
                    </Text>,
                    formatDateTime(delivery.receivedAt, locale),
                    <BlockStack gap="100" key="error">
                      <Text as="span">{t(`admin.attention.errorCode.${delivery.errorCode}`)}</Text>
                      {delivery.errorDetail ? (
                        <Text as="span" tone="subdued" variant="bodySm">
                          {t("admin.attention.detail", { detail: delivery.errorDetail })}
                        </Text>
                      ) : null}
                    </BlockStack>,
                    <RetryButton key="retry" webhookId={delivery.webhookId} />,
                  ])}
                />
              </Card>
            )}
            <Banner tone="info">{t("admin.attention.retryExplained")}</Banner>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
