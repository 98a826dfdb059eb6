// POS customer details block (pos.customer-details.block.render): the customer's balance, pending points, tier and
// progress, how many rewards fit this cart, recent history, and a button opening the redeem modal
// (pos.customer-details.action.render). It also reconciles the cart: a code of ours taken off the cart is cancelled.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { posSummary } from "../../shared/pos-view";
import { formatTierRemaining } from "../../shared/rewards-view";
import { posClient, type PosMe } from "./client";

export default async () => {
  render(<Block />, document.body);
};

function Block() {
  const t = shopify.i18n.translate;
  const client = posClient(shopify.session, shopify.storage);
  const [me, setMe] = useState<PosMe | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const customerId = String(shopify.customer.id);
  const load = () =>
    client.me(customerId).then(setMe, (error: { status?: number }) => setFailed(error.status === 403 ? t("not_allowed") : t("error")));
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per customer shown
  }, [customerId]);

  const cart = shopify.cart.current.value;
  const codesKey = cart.cartDiscounts.map((d) => d.discountDescription).join(",");
  useEffect(() => {
    void client.reconcile(cart.cartDiscounts).then((cancelled) => (cancelled ? load() : undefined), () => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- when the cart's discounts change
  }, [codesKey]);

  if (failed) return <s-pos-block><s-text tone="critical">{failed}</s-text></s-pos-block>;
  if (!me) return <s-pos-block><s-text>{t("loading")}</s-text></s-pos-block>;
  const locale = shopify.locale.current.value;
  const summary = posSummary(me.member, locale, cart.subtotal);
  const tier = me.member.tier;
  return (
    <s-pos-block>
      <s-stack direction="block" gap="small">
        <s-heading>{t("block_heading")}</s-heading>
        <s-text type="strong">{t("balance", { count: summary.availablePoints })}</s-text>
        {summary.pendingPoints > 0 ? <s-text>{t("pending", { count: summary.pendingPoints })}</s-text> : null}
        {summary.tierName ? <s-text>{t("tier", { tier: summary.tierName })}</s-text> : null}
        {summary.progress && summary.nextTierName && tier ? (
          <s-text>{t("tier_progress", { remaining: formatTierRemaining(summary.progress.remaining, tier.measure, locale, me.program.currency), next: summary.nextTierName })}</s-text>
        ) : null}
        <s-text>{t("affordable", { count: summary.affordableCount })}</s-text>
        {summary.recent.length ? <s-text type="strong">{t("history_heading")}</s-text> : null}
        {summary.recent.map((entry) => (
          <s-text key={entry.id}>{t("history_entry", { reason: entry.reason, delta: entry.availableDelta + entry.pendingDelta })}</s-text>
        ))}
        <s-button onClick={() => shopify.action.presentModal()}>{t("redeem_button")}</s-button>
      </s-stack>
    </s-pos-block>
  );
}
