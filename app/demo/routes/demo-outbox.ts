// /demo/outbox: the emails demo mode captured instead of sending (app/jobs/mail-transport.server.ts), newest first,
// each with its headers (the RFC 8058 unsubscribe ones included), the rendered HTML and the plain-text part. Send an
// orders/paid webhook (npm run demo:webhook) and "points earned" appears here within seconds.
// Beside them, the Shopify Flow triggers of the demo shop's outbox (Flow is on in the demo): the trigger, what was
// stored for it, and where its delivery stands — sent to the Admin API stand-in, waiting for a retry (with the
// error the stand-in answered), or given up.
import { requireDemoMode, DEMO_SHOP } from "../demo-mode.server";
import { capturedMail } from "../../jobs/mail-transport.server";
import { sqlDb } from "../../db.server";
import { readInstant } from "../../db/dialect";
import { FLOW_TRIGGERS, isFlowTriggerKind } from "../../rules/flow-triggers";

/** The demo shop's latest Flow deliveries, newest first. */
async function flowDeliveries() {
  const rows = await sqlDb
    .selectFrom("NotificationOutbox")
    .select(["id", "kind", "payload", "status", "attempts", "reason", "nextAttemptAt", "createdAt", "sentAt"])
    .where("shop", "=", DEMO_SHOP)
    .where("channel", "=", "flow")
    .orderBy("id", "desc")
    .limit(50)
    .execute();
  return rows.map((row) => ({
    ...row,
    handle: isFlowTriggerKind(row.kind) ? FLOW_TRIGGERS[row.kind].handle : row.kind,
    createdAt: readInstant(row.createdAt),
    sentAt: row.sentAt ? readInstant(row.sentAt) : null,
    nextAttemptAt: readInstant(row.nextAttemptAt),
  }));
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export async function loader() {
  requireDemoMode();
  const mails = capturedMail();
  const flows = await flowDeliveries();
  const flowRows = flows
    .map((row) => {
      const state =
        row.status === "sent" ? `sent ${row.sentAt?.toUTCString() ?? ""}` : row.status === "pending" && row.attempts > 0 ? `retry ${row.attempts + 1} at ${row.nextAttemptAt.toUTCString()}` : row.status;
      return `<tr data-testid="flow-delivery"><td style="padding:4px 8px">${escapeHtml(row.createdAt.toUTCString())}</td><td style="padding:4px 8px"><code>${escapeHtml(row.handle)}</code></td><td style="padding:4px 8px"><code>${escapeHtml(row.payload)}</code></td><td style="padding:4px 8px">${escapeHtml(state)}</td><td style="padding:4px 8px">${row.attempts}</td><td style="padding:4px 8px;word-break:break-word">${escapeHtml(row.reason ?? "")}</td></tr>`;
    })
    .join("");
  const flowSection = `<section aria-labelledby="flow-heading"><h2 id="flow-heading">Shopify Flow triggers</h2>
${
  flows.length === 0
    ? `<p data-testid="flow-empty">No Flow trigger yet. Flow is on for the demo shop (Notifications page); an orders/paid webhook sends "Loyalty points earned".</p>`
    : `<table style="border-collapse:collapse;font-size:.85rem;margin-bottom:24px"><thead><tr><th scope="col" style="text-align:left;padding:4px 8px">Created</th><th scope="col" style="text-align:left;padding:4px 8px">Trigger</th><th scope="col" style="text-align:left;padding:4px 8px">Stored values</th><th scope="col" style="text-align:left;padding:4px 8px">Delivery</th><th scope="col" style="text-align:left;padding:4px 8px">Attempts</th><th scope="col" style="text-align:left;padding:4px 8px">Last error</th></tr></thead><tbody>${flowRows}</tbody></table>`
}</section>`;
  const items = mails
    .map((mail, index) => {
      const headers: Array<[string, string]> = [
        ["Date", mail.at.toUTCString()],
        ["From", mail.from],
        ["To", mail.to],
        ["Subject", mail.subject],
        ["Message-ID", mail.messageId],
        ...Object.entries(mail.headers),
      ];
      return `<article aria-labelledby="mail-${index}" style="border:1px solid #c9cccf;border-radius:8px;padding:16px;margin:0 0 24px">
<h2 id="mail-${index}" style="font-size:1.1rem;margin:0 0 8px">${escapeHtml(mail.subject)}</h2>
<table style="border-collapse:collapse;font-size:.85rem;margin-bottom:12px"><tbody>${headers
        .map(([name, value]) => `<tr><th scope="row" style="text-align:left;padding:2px 12px 2px 0;vertical-align:top">${escapeHtml(name)}</th><td style="padding:2px 0;word-break:break-all">${escapeHtml(value)}</td></tr>`)
        .join("")}</tbody></table>
<iframe title="${escapeHtml(`HTML of: ${mail.subject}`)}" sandbox="" srcdoc="${escapeHtml(mail.html)}" style="width:100%;height:380px;border:1px solid #e1e3e5;border-radius:6px"></iframe>
<details style="margin-top:8px"><summary>Plain text</summary><pre style="white-space:pre-wrap">${escapeHtml(mail.text)}</pre></details>
</article>`;
    })
    .join("\n");
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Demo outbox</title></head><body style="font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#202223">
<main><h1>Demo outbox</h1><p>Emails the demo would have sent, newest first (kept in memory: a restart empties it), then the Shopify Flow triggers. <a href="/demo/outbox">Refresh</a> · <a href="/demo">Back to the demo</a></p>
${mails.length === 0 ? `<p data-testid="outbox-empty">No email yet. Send an orders/paid webhook: <code>npm run demo:webhook -- orders/paid app/demo/samples/orders-paid-ada.json</code></p>` : items}
${flowSection}
</main></body></html>`;
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}
