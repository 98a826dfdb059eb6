// Home: how many members hold each tier (from the [shop, tierId] index).
import { BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { useAdminTranslation } from "../i18n/admin-messages";
import { formatNumber, useAdminLocale } from "./admin-format";

type TierMembers = { id: string; names: Record<string, string | undefined> & { en: string }; members: number };

export function TierMembersCard({ tiers }: { tiers: TierMembers[] | null }) {
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  if (!tiers) return null;
  const language = locale.split("-")[0] ?? "en";
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h3" variant="headingMd">
          {t("admin.home.tiersHeading")}
        </Text>
        {[...tiers].reverse().map((tier) => (
          <InlineStack key={tier.id} align="space-between">
            <Text as="span">{tier.names[language] ?? tier.names.en}</Text>
            <Text as="span" fontWeight="semibold">
              {formatNumber(tier.members, locale)}
            </Text>
          </InlineStack>
        ))}
      </BlockStack>
    </Card>
  );
}
