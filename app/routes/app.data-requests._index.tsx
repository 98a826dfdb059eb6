// GET /app/data-requests: the customers/data_request exports Shopify asked for, newest first, each downloadable as
// JSON for the merchant to hand to the customer (Shopify forwards the request; the app answers it with this file).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Button, Card, DataTable, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import db from "../db.server";
import { requireAdmin } from "../admin/route-kit.server";
import { listDataRequests } from "../persistence/privacy";
import { useAdminTranslation } from "../i18n/admin-messages";
import { formatDateTime, formatNumber, useAdminLocale } from "../components/admin-format";
import { downloadFromApp } from "../components/download";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const requests = await listDataRequests(db, shop);
  return { requests: requests.map((entry) => ({ ...entry, requestedAt: entry.requestedAt.toISOString() })) };
}

export default function DataRequests() {
  const { requests } = useLoaderData<typeof loader>();
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  return (
    <Page>
      <TitleBar title={t("admin.dataRequests.title")} />
      <BlockStack gap="400">
        <Text as="p" tone="subdued">
          {t("admin.dataRequests.help")}
        </Text>
        <Card padding={requests.length === 0 ? undefined : "0"}>
          {requests.length === 0 ? (
            <Text as="p" tone="subdued">
              {t("admin.dataRequests.empty")}
            </Text>
          ) : (
            <DataTable
              columnContentTypes={["text", "text", "numeric", "text"]}
              headings={[
                t("admin.dataRequests.column.requested"),
                t("admin.dataRequests.column.customer"),
                t("admin.dataRequests.column.size"),
                t("admin.dataRequests.column.export"),
              ]}
              rows={requests.map((entry) => [
                formatDateTime(entry.requestedAt, locale),
                t("admin.customer.customerId", { id: entry.customerId }),
                formatNumber(entry.bytes, locale),
                <Button key="download" variant="plain" onClick={() => downloadFromApp(`/app/data-requests/${entry.id}`, locale)}>
                  {t("admin.dataRequests.download")}
                </Button>,
              ])}
            />
          )}
        </Card>
      </BlockStack>
    </Page>
  );
}
