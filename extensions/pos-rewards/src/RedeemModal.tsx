// POS redeem modal (pos.customer-details.action.render): the rewards that fit this customer and this cart (minimum
// subtotal, tier and points as online). Redeeming asks the app for a code (short-lived, for this customer only) and
// adds it to the cart with addCartCodeDiscount; if POS refuses it the redemption is cancelled at once. Removing it —
// here, or by taking the discount off the cart — cancels it: the code is deactivated and the points come back.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { cartCodes, posRewardOptions, type AppliedCode } from "../../shared/pos-view";
import { posClient, type PosMe } from "./client";

export default async () => {
  render(<Modal />, document.body);
};

function Modal() {
  const t = shopify.i18n.translate;
  const client = posClient(shopify.session, shopify.storage);
  const customerId = String(shopify.customer.id);
  const [me, setMe] = useState<PosMe | null>(null);
  const [applied, setApplied] = useState<AppliedCode[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "success" | "critical"; text: string } | null>(null);

  const load = async () => {
    const [member, codes] = await Promise.all([client.me(customerId), client.applied()]);
    setMe(member);
    setApplied(codes.filter((c) => c.customerId === customerId));
  };
  useEffect(() => {
    load().catch((error: { status?: number }) => setMessage({ tone: "critical", text: error.status === 403 ? t("not_allowed") : t("error") }));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per customer
  }, [customerId]);

  const cart = shopify.cart.current.value;
  const inCart = cartCodes(cart.cartDiscounts);
  const codesKey = inCart.join(",");
  useEffect(() => {
    if (busy) return;
    void client.reconcile(cart.cartDiscounts).then((cancelled) => {
      if (!cancelled) return;
      setMessage({ tone: "success", text: t("removed") });
      return load();
    }, () => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- when the cart's discounts change; our own changes hold busy
  }, [codesKey]);

  const redeem = async (rewardId: number, points: number, variable: boolean) => {
    setBusy(true);
    setMessage(null);
    try {
      const answer = await client.redeem(customerId, rewardId, variable ? points : undefined);
      const code = answer.redemption.code!.toUpperCase();
      const item = { redemptionId: answer.redemption.id, code, customerId };
      try {
        await shopify.cart.addCartCodeDiscount(code);
        await client.remember(item);
        setMessage({ tone: "success", text: t("applied", { code }) });
      } catch {
        // POS refused the code: nothing was used, so the points go straight back.
        await client.cancel(item);
        setMessage({ tone: "critical", text: t("not_applied") });
      }
      await load();
    } catch {
      setMessage({ tone: "critical", text: t("error") });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (item: AppliedCode) => {
    setBusy(true);
    try {
      // A code discount is the cart's discount: removing it takes our code off the cart.
      if (inCart.includes(item.code)) await shopify.cart.removeCartDiscount();
      await client.reconcile(shopify.cart.current.value.cartDiscounts);
      setMessage({ tone: "success", text: t("removed") });
      await load();
    } catch {
      setMessage({ tone: "critical", text: t("error") });
    } finally {
      setBusy(false);
    }
  };

  const options = me ? posRewardOptions(me.member.rewards, me.member.availablePoints, cart.subtotal).filter((o) => o.disabled === null) : [];
  return (
    <s-page heading={t("modal_heading")}>
      <s-scroll-box>
        <s-stack direction="block" gap="base">
          {message ? <s-banner tone={message.tone} heading={message.text} /> : null}
          {me ? <s-text type="strong">{t("balance", { count: me.member.availablePoints })}</s-text> : <s-text>{t("loading")}</s-text>}
          {applied.filter((a) => inCart.includes(a.code)).map((item) => (
            <s-stack key={item.redemptionId} direction="inline" gap="base">
              <s-text>{t("applied", { code: item.code })}</s-text>
              <s-button variant="secondary" disabled={busy} onClick={() => void remove(item)}>
                {t("remove")}
              </s-button>
            </s-stack>
          ))}
          {me && options.length === 0 ? <s-text>{t("none_affordable")}</s-text> : null}
          {options.map(({ reward, points }) => (
            <s-button key={reward.id} disabled={busy} onClick={() => void redeem(reward.id, points, reward.type === "variable_amount")}>
              {t("apply", { reward: reward.title, count: points })}
            </s-button>
          ))}
        </s-stack>
      </s-scroll-box>
    </s-page>
  );
}
