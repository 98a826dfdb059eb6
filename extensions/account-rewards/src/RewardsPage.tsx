// Customer account full page "Rewards" (customer-account.page.render): balance, tier and progress, rewards to redeem
// (each with why it cannot be yet), the codes issued, and the history. Redeeming here gives a code for later (the
// reward's own validity), shown at once. Logic: extensions/shared/rewards-view.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { backend, type ExtensionMe, type Redeemed } from "../../shared/backend";
import { formatBirthday, formatShopDate, formatTierRemaining, rewardOptions, tierProgress } from "../../shared/rewards-view";

export default async () => {
  render(<Extension />, document.body);
};

function Extension() {
  const t = shopify.i18n.translate;
  const locale = shopify.localization.language.value.isoCode;
  const token = () => shopify.sessionToken.get();
  const [me, setMe] = useState<ExtensionMe | null>(null);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const load = () => backend<ExtensionMe>(token, "/extension/account/me").then(setMe, () => setFailed(true));
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the page renders (load is recreated every render)
  }, []);

  if (failed) return <s-page heading={t("title")}><s-banner tone="critical">{t("error")}</s-banner></s-page>;
  if (!me?.member) return <s-page heading={t("title")}><s-skeleton-paragraph /></s-page>;
  const member = me.member;
  const zone = me.program.timeZone;
  const date = (iso: string) => formatShopDate(new Date(iso), locale, zone);
  const tierName = (names: Record<string, string>) => names[locale.split("-")[0]!] ?? names.en ?? "";
  const progress = tierProgress(member.tier);
  const options = rewardOptions(member.rewards, { signedIn: true, availablePoints: member.availablePoints });

  const redeem = async (rewardId: number, points: number, variable: boolean) => {
    setBusy(true);
    setNotice(null);
    try {
      const answer = await backend<Redeemed>(token, "/extension/account/redeem", variable ? { rewardId, points } : { rewardId });
      setNotice(answer.redemption.code ? String(t("redeemed", { code: answer.redemption.code })) : null);
      await load();
    } catch {
      setNotice(String(t("error")));
    } finally {
      setBusy(false);
    }
  };

  const codes = member.issuedRewards.filter((r) => r.code && (r.status === "issued" || r.status === "used"));
  return (
    <s-page heading={t("title")}>
      <s-stack gap="base">
        <s-section>
          <s-stack gap="small-200">
            <s-heading>{t("balance", { count: member.availablePoints })}</s-heading>
            {member.pendingPoints > 0 ? <s-text color="subdued">{t("pending", { count: member.pendingPoints })}</s-text> : null}
            {member.tier?.current ? <s-text>{t("tier_current", { tier: tierName(member.tier.current.names) })}</s-text> : null}
            {progress && member.tier?.next ? (
              <s-text color="subdued">{t("tier_progress", { remaining: formatTierRemaining(progress.remaining, member.tier.measure, locale, me.program.currency), tier: tierName(member.tier.next.names) })}</s-text>
            ) : null}
            {member.birthday ? <s-text>{t("birthday", { date: formatBirthday(member.birthday, locale) })}</s-text> : null}
          </s-stack>
        </s-section>
        {notice ? <s-banner tone="info">{notice}</s-banner> : null}
        <s-section heading={t("rewards_heading")}>
          <s-stack gap="small-200">
            {options.map(({ reward, points, missingPoints, disabled }) => (
              <s-stack key={reward.id} direction="inline" gap="base">
                <s-text>{reward.title}</s-text>
                <s-button disabled={busy || (disabled !== null && disabled !== "not_a_code")} onClick={() => void redeem(reward.id, points, reward.type === "variable_amount")}>
                  {t("redeem", { count: points })}
                </s-button>
                {disabled === "not_enough_points" ? <s-text color="subdued">{t("not_enough", { count: missingPoints })}</s-text> : null}
                {disabled === "not_a_code" ? <s-text color="subdued">{t("not_a_code")}</s-text> : null}
              </s-stack>
            ))}
          </s-stack>
        </s-section>
        {codes.length ? (
          <s-section heading={t("codes_heading")}>
            <s-stack gap="small-200">
              {codes.map((r) => (
                <s-text key={r.id}>
                  {t("code_line", { title: r.title, code: r.code! })} · {t(r.status === "used" ? "status_used" : "status_issued")}
                  {r.status === "issued" && r.expiresAt ? ` · ${t("expires", { date: date(r.expiresAt) })}` : ""}
                </s-text>
              ))}
            </s-stack>
          </s-section>
        ) : null}
        <s-section heading={t("history_heading")}>
          <s-stack gap="small-200">
            {member.history.entries.length === 0 ? <s-text color="subdued">{t("no_history")}</s-text> : null}
            {member.history.entries.map((e) => {
              const delta = e.availableDelta + e.pendingDelta;
              return <s-text key={e.id}>{t("history_line", { date: date(e.createdAt), reason: e.reason, delta: `${delta > 0 ? "+" : ""}${delta.toLocaleString(locale)}` })}</s-text>;
            })}
          </s-stack>
        </s-section>
      </s-stack>
    </s-page>
  );
}
