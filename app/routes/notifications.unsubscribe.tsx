// /notifications/unsubscribe?shop=…&m=…&sig=… — the link in every email, working without logging in (the signature
// names the member: app/rules/unsubscribe-token.ts).
//   GET  shows a page with one button (a link scanner that follows links must not unsubscribe anyone);
//   POST unsubscribes: the button, or the mail client's one-click POST of RFC 8058 (body List-Unsubscribe=One-Click).
// A wrong or missing signature gets 401 and changes nothing.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { sqlDb } from "../db.server";
import { formatMessage, messagesFor, resolveLocale } from "../i18n";
import { unsubscribeMember } from "../persistence/notification-outbox";
import { verifyUnsubscribe } from "../rules/unsubscribe-token";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

async function pageLocale(shop: string | null) {
  if (!shop) return resolveLocale(null);
  const row = await sqlDb.selectFrom("NotificationSettings").select("locale").where("shop", "=", shop).executeTakeFirst();
  return resolveLocale(row?.locale);
}

function page(status: number, locale: string, title: string, body: string, form?: { action: string; button: string }) {
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><meta name="robots" content="noindex"></head>
<body style="font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#202223">
<main><h1 style="font-size:1.4rem">${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p>${
    form
      ? `<form method="post" action="${escapeHtml(form.action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit" style="font-size:1rem;padding:.5rem 1rem">${escapeHtml(form.button)}</button></form>`
      : ""
  }</main></body></html>`;
  return new Response(html, {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex" },
  });
}

function secret() {
  return process.env.SHOPIFY_API_SECRET ?? "";
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const target = verifyUnsubscribe(secret(), url.searchParams);
  const locale = await pageLocale(target?.shop ?? null);
  const m = messagesFor(locale, "notify.");
  if (!target) return page(401, locale, formatMessage(m, "notify.unsubscribe.invalidTitle", {}, locale), formatMessage(m, "notify.unsubscribe.invalidBody", {}, locale));
  return page(200, locale, formatMessage(m, "notify.unsubscribe.title", {}, locale), formatMessage(m, "notify.unsubscribe.confirm", {}, locale), {
    action: `${url.pathname}${url.search}`,
    button: formatMessage(m, "notify.unsubscribe.button", {}, locale),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const url = new URL(request.url);
  const target = verifyUnsubscribe(secret(), url.searchParams);
  const locale = await pageLocale(target?.shop ?? null);
  const m = messagesFor(locale, "notify.");
  if (request.method !== "POST") return new Response("Method Not Allowed", { status: 405, headers: { Allow: "GET, POST" } });
  if (!target) return page(401, locale, formatMessage(m, "notify.unsubscribe.invalidTitle", {}, locale), formatMessage(m, "notify.unsubscribe.invalidBody", {}, locale));
  const known = await unsubscribeMember(sqlDb, target.shop, target.memberId);
  if (!known) return page(404, locale, formatMessage(m, "notify.unsubscribe.invalidTitle", {}, locale), formatMessage(m, "notify.unsubscribe.invalidBody", {}, locale));
  return page(200, locale, formatMessage(m, "notify.unsubscribe.doneTitle", {}, locale), formatMessage(m, "notify.unsubscribe.doneBody", {}, locale));
}
