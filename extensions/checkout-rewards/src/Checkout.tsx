// Checkout (purchase.checkout.reductions.render-after, under the discount field): the shopper's points and the rewards
// they can afford. Redeeming asks the app for a code (POST /extension/checkout/redeem, valid 24 h) and applies it with
// applyDiscountCodeChange, which only Plus checkouts allow (instructions.discounts.canUpdateDiscountCodes); elsewhere
// it explains that points are used in the cart. Removing the code — with our button or the checkout's own discount
// tag — cancels the redemption (POST /extension/checkout/cancel: the code is deactivated, the points come back).
// Guests see what this order would earn if they signed in. What is shown and enabled: extensions/shared/rewards-view.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { backend, type ExtensionMe, type Redeemed } from "../../shared/backend";
import { estimatePoints, rewardOptions } from "../../shared/rewards-view";

export default async () => {
  render(<Extension />, document.body);
};

type Applied = { id: number; code: string };
const STORAGE_KEY = "loyalty-applied-codes";

function Extension() {
  const t = shopify.i18n.translate;
  const token = () => shopify.sessionToken.get();
  const [me, setMe] = useState<ExtensionMe | null>(null);
  const [applied, setApplied] = useState<Applied[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "success" | "critical"; text: string } | null>(null);

  const load = async () => setMe(await backend<ExtensionMe>(token, "/extension/checkout/me"));
  useEffect(() => {
    load().catch(() => setMessage({ tone: "critical", text: t("error") }));
    shopify.storage.read<Applied[]>(STORAGE_KEY).then((stored) => setApplied(stored ?? []), () => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the extension renders (load and t are recreated every render)
  }, []);

  const remember = (next: Applied[]) => {
    setApplied(next);
    void shopify.storage.write(STORAGE_KEY, next);
  };

  // A code of ours the shopper took off with the checkout's own discount tag: cancel it too.
  const codesInCheckout = shopify.discountCodes.value.map((d) => d.code.toUpperCase());
  const codesKey = codesInCheckout.join(",");
  useEffect(() => {
    const gone = applied.filter((a) => !codesInCheckout.includes(a.code));
    if (!gone.length || busy) return;
    void Promise.allSettled(gone.map((a) => backend(token, "/extension/checkout/cancel", { redemptionId: a.id }))).then(() => {
      remember(applied.filter((a) => !gone.includes(a)));
      return load();
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs when the checkout's codes change; our own changes hold busy
  }, [codesKey]);

  if (!me) return message ? <s-banner tone="critical">{message.text}</s-banner> : <s-skeleton-paragraph />;

  const subtotal = shopify.cost.subtotalAmount.value.amount;
  if (!me.signedIn || !me.member) {
    const points = estimatePoints(Math.round(subtotal * 100), me.program.pointsPerUnit);
    return points > 0 ? <s-text>{t("guest_earn", { count: points })}</s-text> : null;
  }

  const canUpdateCodes = shopify.instructions.value.discounts.canUpdateDiscountCodes;
  const options = rewardOptions(me.member.rewards, {
    signedIn: true,
    availablePoints: me.member.availablePoints,
    subtotalMinor: Math.round(subtotal * 100),
    canUpdateCodes,
  }).filter((o) => o.disabled === null);

  const redeem = async (rewardId: number, points: number, variable: boolean) => {
    setBusy(true);
    setMessage(null);
    try {
      const answer = await backend<Redeemed>(token, "/extension/checkout/redeem", variable ? { rewardId, points } : { rewardId });
      const code = answer.redemption.code!.toUpperCase();
      const result = await shopify.applyDiscountCodeChange({ type: "addDiscountCode", code });
      if (result.type === "error") {
        // Checkout refused the code: nothing was used, so the points go straight back.
        await backend(token, "/extension/checkout/cancel", { redemptionId: answer.redemption.id });
        setMessage({ tone: "critical", text: t("not_applied") });
      } else {
        remember([...applied, { id: answer.redemption.id, code }]);
        setMessage({ tone: "success", text: t("applied", { code }) });
      }
      await load();
    } catch {
      setMessage({ tone: "critical", text: t("error") });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (item: Applied) => {
    setBusy(true);
    try {
      await shopify.applyDiscountCodeChange({ type: "removeDiscountCode", code: item.code });
      await backend(token, "/extension/checkout/cancel", { redemptionId: item.id });
      remember(applied.filter((a) => a.id !== item.id));
      setMessage({ tone: "success", text: t("removed") });
      await load();
    } catch {
      setMessage({ tone: "critical", text: t("error") });
    } finally {
      setBusy(false);
    }
  };

  return (
    <s-stack gap="base">
      <s-heading>{t("heading")}</s-heading>
      <s-text>{t("balance", { count: me.member.availablePoints })}</s-text>
      {message ? <s-banner tone={message.tone}>{message.text}</s-banner> : null}
      {!canUpdateCodes ? <s-banner tone="info">{t("cannot_update_codes")}</s-banner> : null}
      {applied.map((item) => (
        <s-stack key={item.id} direction="inline" gap="base">
          <s-text>{t("applied", { code: item.code })}</s-text>
          <s-button variant="secondary" disabled={busy} onClick={() => void remove(item)}>
            {t("remove")}
          </s-button>
        </s-stack>
      ))}
      {canUpdateCodes && options.length === 0 ? <s-text color="subdued">{t("none_affordable")}</s-text> : null}
      {options.map(({ reward, points }) => (
        <s-button key={reward.id} variant="secondary" disabled={busy} onClick={() => void redeem(reward.id, points, reward.type === "variable_amount")}>
          {t("apply", { reward: reward.title, count: points })}
        </s-button>
      ))}
    </s-stack>
  );
}
