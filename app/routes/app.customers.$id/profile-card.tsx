import { Banner, Button, Divider, Text } from "@shopify/polaris";
import { useAdminTranslation } from "../../i18n/admin-messages";
import { formatDate, useAdminLocale } from "../../components/admin-format";
import { TitledCard } from "../../components/admin-cards";
import type { CustomerPageData } from "./page-data";

/** Email, ids, when the member joined, and the way to the customer in Shopify admin. */
export function ProfileCard({ member }: Pick<CustomerPageData, "member">) {
  const t = useAdminTranslation();
  const locale = useAdminLocale();
  return (
    <TitledCard title={t("admin.customer.profileHeading")}>
      {member.redacted ? <Banner tone="info">{t("admin.customer.redactedBody")}</Banner> : null}
      {member.holdOut ? (
        <Banner tone="info" title={t("admin.impact.holdOutBadge")}>
          <p data-testid="hold-out-notice">{t("admin.impact.holdOutBody")}</p>
        </Banner>
      ) : null}
      <Text as="p">{member.email ?? "—"}</Text>
      <Text as="p" tone="subdued">
        {t("admin.customer.customerId", { id: member.customerId })}
      </Text>
      <Text as="p" tone="subdued">
        {t("admin.customer.joined", { date: formatDate(member.createdAt, locale) })}
      </Text>
      <Divider />
      <Button url={`shopify://admin/customers/${member.customerId}`} target="_top" variant="plain">
        {t("admin.customer.openInShopify")}
      </Button>
    </TitledCard>
  );
}
