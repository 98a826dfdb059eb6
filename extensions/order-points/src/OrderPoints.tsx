// What an order earned, for the thank-you page and the order-status page (both targets render this with their own
// order id, subtotal and sign-in state): "You earned N points; they become available on <date>" (the recorded
// figures once orders/paid is applied, the estimate until then), the new balance and tier progress; a guest is told
// how many points the order earns and to create an account to claim them. Logic: extensions/shared/rewards-view.
import { useEffect, useState } from "preact/hooks";
import { backend, type ExtensionMe } from "../../shared/backend";
import { earnedMessage, estimatePoints, formatTierRemaining, tierProgress } from "../../shared/rewards-view";

export type OrderPointsProps = {
  /** "checkout" for the thank-you page's token, "account" for the order-status page's. */
  surface: "checkout" | "account";
  orderId: string | null;
  subtotal: number;
  locale: string;
  translate: (key: string, options?: Record<string, string | number>) => string;
  token: () => Promise<string>;
};

export function OrderPoints({ surface, orderId, subtotal, locale, translate: t, token }: OrderPointsProps) {
  const [me, setMe] = useState<ExtensionMe | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const query = orderId ? `?order=${encodeURIComponent(orderId)}` : "";
    backend<ExtensionMe>(token, `/extension/${surface}/me${query}`).then(setMe, () => setFailed(true));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- per order: the token getter is a new function every render
  }, [orderId]);

  if (failed) return <s-banner tone="critical">{t("error")}</s-banner>;
  if (!me) return <s-skeleton-paragraph />;
  const message = earnedMessage({
    signedIn: me.signedIn,
    recorded: me.order,
    estimatePoints: estimatePoints(Math.round(subtotal * 100), me.program.pointsPerUnit),
    pendingDays: me.program.pendingDays,
    now: new Date(),
    locale,
    timeZone: me.program.timeZone,
  });
  if (message.kind === "none") return null;
  if (message.kind === "guest") return <s-banner heading={t("heading")}>{t("guest", { count: message.points })}</s-banner>;
  const tier = me.member?.tier ?? null;
  const progress = tierProgress(tier);
  const tierName = (names: Record<string, string> | undefined) => (names ? (names[locale.split("-")[0]!] ?? names.en ?? "") : "");
  return (
    <s-banner heading={t("heading")} tone="success">
      <s-stack gap="small-200">
        <s-text>
          {t("earned", { count: message.points })}
          {message.availableOn ? ` ${t("available_on", { date: message.availableOn })}` : ""}
        </s-text>
        {me.member ? <s-text>{t("balance", { count: me.member.availablePoints })}</s-text> : null}
        {tier?.current ? <s-text>{t("tier_current", { tier: tierName(tier.current.names) })}</s-text> : null}
        {progress && tier?.next ? <s-text color="subdued">{t("tier_progress", { remaining: formatTierRemaining(progress.remaining, tier.measure, locale, me.program.currency), tier: tierName(tier.next.names) })}</s-text> : null}
      </s-stack>
    </s-banner>
  );
}
