import type { LoaderFunctionArgs } from "@remix-run/node";
import { sqlDb } from "../db.server";
import { advocateByCode, referralSettings } from "../persistence/referrals";
import { shopCurrency } from "../persistence/shops";
import { formatMinorUnits } from "../rules/money";
import { normaliseReferralCode, REFERRAL_CART_ATTRIBUTE } from "../rules/referrals";
import { authenticateProxy } from "../shopify/proxy.server";
import { REFERRAL_LANDING_TEXTS } from "../i18n/referral-landing";

// GET /proxy/r/CODE (storefront: https://{shop}/apps/loyalty/r/CODE): the page a referral link opens. Answered as
// Liquid (Shopify renders it inside the shop's theme, on the shop's own domain), so the page's small script can:
//   - remember the referral for the link lifetime (localStorage and a first-party cookie),
//   - put it on the cart as the `_loyalty_ref` attribute (cart/update.js), so the order is attributed even if the
//     friend never uses the code,
//   - show the welcome offer and claim the single-use code (POST /apps/loyalty/referral/claim), then apply it
//     through Shopify's /discount/CODE link.
// A link to the proxy, not `/?ref=CODE` on any page: the theme embed runs no script on page load (a checked budget),
// so only a page of the app's own can read the referral when the friend arrives.

/** JSON inside a <script>: "<" escaped so no text can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  let shop: string;
  try {
    ({ shop } = await authenticateProxy(request));
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
  const code = normaliseReferralCode(params.code);
  const settings = await referralSettings(sqlDb, shop);
  const advocate = code && settings.enabled ? await advocateByCode(sqlDb, shop, code) : null;
  const currency = await shopCurrency(sqlDb, shop);
  const offer =
    settings.friendRewardType === "percentage" ? `${settings.friendRewardValue}%` : `${formatMinorUnits(settings.friendRewardValue, currency)} ${currency}`;
  const data = {
    code: advocate ? code : null,
    days: settings.linkLifetimeDays,
    attribute: REFERRAL_CART_ATTRIBUTE,
    offer,
    texts: REFERRAL_LANDING_TEXTS,
  };
  // Liquid picks the shopper's language and whether they are signed in; everything else is the script's.
  const body = `<div id="loyalty-referral" class="page-width" style="max-width:32rem;margin:2rem auto;padding:0 1rem">
<h1 id="lr-title"></h1>
<p id="lr-intro"></p>
<form id="lr-form" novalidate>
  {% unless customer %}<label for="lr-email" id="lr-email-label"></label>
  <input id="lr-email" name="email" type="email" autocomplete="email" required style="display:block;width:100%;margin:.5rem 0">{% endunless %}
  <button type="submit" id="lr-submit" class="button"></button>
</form>
<p id="lr-status" role="status" aria-live="polite"></p>
<div id="lr-result" hidden><p id="lr-code-label"></p><p><code id="lr-code" style="font-size:1.25rem"></code></p><a id="lr-apply" class="button"></a></div>
</div>
<script>
(function () {
  var d = ${scriptJson(data)};
  var lang = ${"{{ request.locale.iso_code | json }}"}.split("-")[0];
  var t = d.texts[lang] || d.texts.en;
  var $ = function (id) { return document.getElementById(id); };
  var text = function (id, s) { var el = $(id); if (el) el.textContent = s; };
  if (!d.code) { text("lr-title", t.invalid_title); text("lr-intro", t.invalid_body); $("lr-form").hidden = true; return; }
  try { localStorage.setItem("loyalty_ref", JSON.stringify({ code: d.code, until: Date.now() + d.days * 864e5 })); } catch (e) {}
  document.cookie = "loyalty_ref=" + d.code + "; max-age=" + d.days * 86400 + "; path=/; SameSite=Lax";
  var attributes = {}; attributes[d.attribute] = d.code;
  fetch("/cart/update.js", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ attributes: attributes }) }).catch(function () {});
  text("lr-title", t.title); text("lr-intro", t.intro.replace("{offer}", d.offer));
  text("lr-email-label", t.email_label); text("lr-submit", t.submit);
  $("lr-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var email = $("lr-email");
    if (email && !email.checkValidity()) { text("lr-status", t.email_invalid); email.focus(); return; }
    $("lr-submit").disabled = true; text("lr-status", t.working);
    fetch("/apps/loyalty/referral/claim", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code: d.code, email: email ? email.value : undefined }) })
      .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, b: b }; }); })
      .then(function (a) {
        $("lr-submit").disabled = false;
        if (!a.ok) { var c = a.b && a.b.error && a.b.error.code; text("lr-status", t["error_" + c] || t.error_generic); return; }
        text("lr-status", ""); $("lr-form").hidden = true; $("lr-result").hidden = false;
        text("lr-code-label", t.code_label); text("lr-code", a.b.welcomeCode); text("lr-apply", t.apply);
        $("lr-apply").href = "/discount/" + encodeURIComponent(a.b.welcomeCode) + "?redirect=/";
        $("lr-code").focus && $("lr-code").setAttribute("tabindex", "-1");
      })
      .catch(function () { $("lr-submit").disabled = false; text("lr-status", t.error_generic); });
  });
})();
</script>`;
  return new Response(body, { status: 200, headers: { "Content-Type": "application/liquid; charset=utf-8", "Cache-Control": "private, no-store" } });
}
