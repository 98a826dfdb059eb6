// The member's support actions, newest first: who did what to which reward, and what Shopify said.
import { BlockStack, Card, Text } from "@shopify/polaris";
import { useAdminTranslation } from "../../i18n/admin-messages";
import { formatDateTime, formatSignedNumber, useAdminLocale } from "../../components/admin-format";

export type SupportLogRow = { id: number; staffUserId: string; action: string; redemptionId: number; points: number; createdAt: string };

export function SupportLogCard({ entries }: { entries: SupportLogRow[] }) {
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("admin.support.logHeading")}
        </Text>
        {entries.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("admin.support.logEmpty")}
          </Text>
        ) : (
          entries.map((entry) => (
            <BlockStack gap="050" key={entry.id}>
              <Text as="p" fontWeight="semibold">
                <span data-testid="support-action">{t(`admin.support.action.${entry.action}`)}</span>
                {entry.points !== 0 ? ` (${formatSignedNumber(entry.points, locale)})` : ""}
              </Text>
              <Text as="p" tone="subdued">
                {formatDateTime(entry.createdAt, locale)} · {t("admin.customer.staffMember", { id: entry.staffUserId })}
              </Text>
            </BlockStack>
          ))
        )}
      </BlockStack>
    </Card>
  );
}
