// Home: the campaigns running now (what orders/paid applies: the settings row's copy), with a link to manage them.
// Nothing is drawn when none runs.
import { Link } from "@remix-run/react";
import { BlockStack, Card, Text } from "@shopify/polaris";
import { useAdminTranslation } from "../i18n/admin-messages";
import { formatNumber, useAdminLocale } from "./admin-format";

export type RunningCampaign = { id: number; names: Record<string, string | undefined>; multiplierPercent: number; bonusPoints: number; endsAt: string };

export function RunningCampaignsCard({ campaigns, zone }: { campaigns: RunningCampaign[]; zone: string }) {
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  if (campaigns.length === 0) return null;
  const end = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: zone }).format(new Date(iso));
  return (
    <section aria-labelledby="running-campaigns" data-testid="running-campaigns">
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd" id="running-campaigns">
            {t("admin.home.campaignsHeading")}
          </Text>
          <BlockStack as="ul" gap="100">
            {campaigns.map((c) => {
              const gives = [
                c.multiplierPercent !== 100 ? t("admin.campaigns.givesMultiplier", { multiplier: formatNumber(c.multiplierPercent / 100, locale) }) : null,
                c.bonusPoints > 0 ? t("admin.campaigns.givesBonus", { count: c.bonusPoints, points: formatNumber(c.bonusPoints, locale) }) : null,
              ].filter(Boolean).join(" · ");
              return (
                <li key={c.id}>
                  <Text as="span">{t("admin.home.campaignUntil", { name: c.names[locale] ?? c.names.en ?? Object.values(c.names)[0] ?? "", gives, end: end(c.endsAt) })}</Text>
                </li>
              );
            })}
          </BlockStack>
          <Link to="/app/campaigns">{t("admin.home.campaignsManage")}</Link>
        </BlockStack>
      </Card>
    </section>
  );
}
