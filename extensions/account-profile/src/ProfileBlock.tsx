// Customer account profile block (customer-account.profile.block.render): the balance, and a link to the full
// "Rewards" page (the account-rewards extension).
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { backend, type ExtensionMe } from "../../shared/backend";

export default async () => {
  render(<Extension />, document.body);
};

function Extension() {
  const t = shopify.i18n.translate;
  const [me, setMe] = useState<ExtensionMe | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    backend<ExtensionMe>(() => shopify.sessionToken.get(), "/extension/account/me").then(setMe, () => setFailed(true));
  }, []);
  if (failed) return <s-banner tone="critical">{t("error")}</s-banner>;
  if (!me?.member) return <s-skeleton-paragraph />;
  return (
    <s-section heading={t("title")}>
      <s-stack gap="small-200">
        <s-text type="strong">{t("balance", { count: me.member.availablePoints })}</s-text>
        {me.member.pendingPoints > 0 ? <s-text color="subdued">{t("pending", { count: me.member.pendingPoints })}</s-text> : null}
        <s-link href="extension:account-rewards/">{t("open_page")}</s-link>
      </s-stack>
    </s-section>
  );
}
