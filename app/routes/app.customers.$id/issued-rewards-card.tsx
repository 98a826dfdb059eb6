import { Badge, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { useAdminTranslation } from "../../i18n/admin-messages";
import { formatDate, formatMoney, useAdminLocale } from "../../components/admin-format";
import type { CustomerPageData } from "./page-data";

const STATUS_TONES: Record<string, "success" | "critical" | "info" | "attention" | undefined> = {
  issued: "success",
  used: "info",
  reserved: "attention",
  failed: "critical",
  expired: undefined,
};

/** The rewards this member redeemed: code, cost, value and status. */
export function IssuedRewardsCard({ issued, currency }: Pick<CustomerPageData, "issued" | "currency">) {
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("admin.customer.rewardsHeading")}
        </Text>
        {issued.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("admin.customer.rewardsEmpty")}
          </Text>
        ) : (
          issued.map((reward) => (
            <BlockStack gap="100" key={reward.id}>
              <InlineStack align="space-between" blockAlign="center" gap="200">
                <Text as="span" fontWeight="semibold">
                  {reward.title}
                </Text>
                <Badge tone={STATUS_TONES[reward.status]}>{t(`admin.redemptionStatus.${reward.status}`)}</Badge>
              </InlineStack>
              <Text as="p" tone="subdued">
                {[
                  reward.code,
                  t("admin.points", { count: reward.points }),
                  reward.valueMinor !== null ? formatMoney(reward.valueMinor, reward.currency || currency, locale) : null,
                  reward.expiresAt ? t("admin.customer.rewardExpires", { date: formatDate(reward.expiresAt, locale) }) : null,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </Text>
            </BlockStack>
          ))
        )}
      </BlockStack>
    </Card>
  );
}
