import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import { useAdminTranslation } from "../../i18n/admin-messages";
import { formatNumber, useAdminLocale } from "../../components/admin-format";
import type { CustomerPageData } from "./page-data";

/** The member's available and pending points. */
export function BalanceCard({ member }: { member: CustomerPageData["member"] }) {
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  return (
    <Card>
      <InlineGrid columns={2} gap="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingSm" tone="subdued">
            {t("admin.customer.available")}
          </Text>
          <Text as="p" variant="heading2xl" numeric>
            <span data-testid="available-points">{formatNumber(member.availablePoints, locale)}</span>
          </Text>
        </BlockStack>
        <BlockStack gap="100">
          <Text as="h2" variant="headingSm" tone="subdued">
            {t("admin.customer.pending")}
          </Text>
          <Text as="p" variant="heading2xl" numeric>
            {formatNumber(member.pendingPoints, locale)}
          </Text>
        </BlockStack>
      </InlineGrid>
    </Card>
  );
}
