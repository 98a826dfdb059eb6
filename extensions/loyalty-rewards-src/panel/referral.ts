// The panel's "Refer a friend" section: shown when the shop's program offers referrals (/proxy/program `referral`);
// the member's own link is asked for (/proxy/referral) only when they press the button, so opening the panel costs
// nothing more. Copy, share by email, WhatsApp, X, Facebook, and the device's share sheet where there is one.
import { html, type Html } from "./dom";

export type ReferralOffer = { advocatePoints: number; friendOffer: { type: "percentage" | "fixed_amount"; value: number } };
export type ReferralLink = ReferralOffer & { code: string; link: string };

type T = (key: string, values?: Record<string, string | number>) => string;

export function referralShareLinks(t: T, link: string): Array<[string, string]> {
  const message = t("referral.share_text", { link });
  const text = encodeURIComponent(message);
  return [
    ["email", `mailto:?subject=${encodeURIComponent(t("referral.share_subject"))}&body=${text}`],
    ["whatsapp", `https://wa.me/?text=${text}`],
    ["x", `https://x.com/intent/post?text=${text}`],
    ["facebook", `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(link)}`],
  ];
}

export function referralSection(t: T, offer: ReferralOffer, mine: ReferralLink | null, error: Html | null, button: (id: string, action: string, label: string) => Html, points: (n: number) => string): Html {
  const intro = html`<p class="muted">${t("referral.intro", { points: points(offer.advocatePoints) })}</p>`;
  if (!mine) return html`${intro}${error}${button("ref-get", "ref-get", t("referral.get_link"))}`;
  const canShare = typeof navigator !== "undefined" && typeof navigator.share === "function";
  return html`${intro}<label for="ref-link" class="small">${t("referral.link_label")}</label><input id="ref-link" readonly value="${mine.link}"><p class="small">${t(
    "referral.code_label",
  )} <code>${mine.code}</code></p><div class="actions">${button("ref-copy", "ref-copy", t("copy"))}${
    canShare && button("ref-share", "ref-share", t("referral.share"))
  }</div><ul class="share">${referralShareLinks(t, mine.link).map(
    ([network, href]) => html`<li><a href="${href}" target="_blank" rel="noopener" id="ref-${network}">${t(`referral.share_${network}`)}</a></li>`,
  )}</ul>`;
}
