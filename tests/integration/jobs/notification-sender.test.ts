// The notification outbox and its sender against a real SMTP server on loopback: a message is enqueued in the
// transaction of the change that causes it (here: points released by orders/paid), sent once whatever the retries
// and however many workers, retried after the server refuses, deferred by the daily limit, kept when there is no
// mail transport, and never sent to a member who unsubscribed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { runNotificationSender } from "../../../app/jobs/notification-sender.server";
import { smtpTransport } from "../../../app/jobs/mail-transport.server";
import { enqueueNotification } from "../../../app/persistence/notification-outbox";
import { ensureMember } from "../../../app/persistence/ledger";
import { NOTIFICATION_KINDS } from "../../../app/rules/notifications";
import { installedShop } from "../../support/shopify-requests";
import { deliverOk } from "../../support/webhook-delivery";
import { orderPaidPayload } from "../../support/shopify-payloads";
import { expectCachedBalancesMatchLedger } from "../../support/ledger-invariants";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "../../../app/routes/notifications.unsubscribe";
import { unsubscribeUrl } from "../../../app/rules/unsubscribe-token";
import { decodeHeader, headerOf, startSmtpServer, type TestSmtpServer } from "../../support/smtp-test-server";

const APP_URL = "https://my-test-app.myshopify.io";
const SECRET = "testApiSecretKey";
let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
});

function sender(now?: () => Date) {
  return { transport: smtpTransport(smtp.url), appUrl: APP_URL, secret: SECRET, now };
}

async function notifyingShop(options: { dailyLimit?: number; locale?: string } = {}) {
  const shop = await installedShop("notify");
  await db.programSettings.create({ data: { shop, pendingDays: 0 } });
  await db.notificationSettings.create({
    data: { shop, fromAddress: "Rewards <rewards@example.com>", brandName: "Test Store", dailyLimit: options.dailyLimit ?? 3, locale: options.locale ?? "en" },
  });
  return shop;
}

const mailsTo = (address: string) => smtp.received.filter((mail) => mail.to.includes(address));

describe("notification outbox and sender", () => {
  it("GIVEN orders/paid delivered three times WHEN the points are released THEN one outbox row and one email, with unsubscribe headers", async () => {
    const shop = await notifyingShop();
    const payload = orderPaidPayload({ orderId: "7100", customerId: "7101", lines: [{ id: "71001", quantity: 1, unitPrice: 1000 }] });
    for (const webhookId of ["a", "b", "c"]) await deliverOk(shop, "orders/paid", payload, `${shop}-${webhookId}`);
    const rows = await db.notificationOutbox.findMany({ where: { shop } });
    expect(rows.map((r) => [r.kind, r.businessKey, r.status])).toEqual([["points_earned", "order:7100:points_earned", "pending"]]);
    await expectCachedBalancesMatchLedger(shop);

    await runNotificationSender(sqlDb, sender());
    await runNotificationSender(sqlDb, sender());
    const mails = mailsTo("customer-7101@example.com");
    expect(mails).toHaveLength(1);
    const raw = mails[0]!.raw;
    expect(decodeHeader(headerOf(raw, "Subject")!)).toBe("You earned 10 points at Test Store");
    expect(headerOf(raw, "List-Unsubscribe")).toMatch(/^<https:\/\/my-test-app\.myshopify\.io\/notifications\/unsubscribe\?shop=.+&m=\d+&sig=.+>$/);
    expect(headerOf(raw, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(headerOf(raw, "From")).toBe("Rewards <rewards@example.com>");
    expect(raw).toContain("Content-Type: text/plain");
    expect(raw).toContain("Content-Type: text/html");
    const row = await db.notificationOutbox.findFirstOrThrow({ where: { shop } });
    expect([row.status, row.attempts, row.sentAt !== null]).toEqual(["sent", 1, true]);
  });

  it("GIVEN a shop without notification settings THEN orders/paid enqueues nothing", async () => {
    const shop = await installedShop("quiet");
    await db.programSettings.create({ data: { shop, pendingDays: 0 } });
    await deliverOk(shop, "orders/paid", orderPaidPayload({ orderId: "7200", customerId: "7201", lines: [{ id: "72001", quantity: 1, unitPrice: 1000 }] }));
    expect(await db.notificationOutbox.count({ where: { shop } })).toBe(0);
  });

  it("GIVEN every kind in every language THEN each arrives with its own subject (plural forms included)", async () => {
    const shop = await notifyingShop({ dailyLimit: 100 });
    const member = await ensureMember(sqlDb, shop, "7301", { email: "all-kinds@example.com", firstName: "Ada" });
    for (const locale of ["en", "pl", "ru", "ro"]) {
      for (const kind of NOTIFICATION_KINDS) {
        await db.notificationSettings.update({ where: { shop }, data: { events: JSON.stringify(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, { enabled: true }]))) } });
        await enqueueNotification(sqlDb, shop, {
          memberId: member.id,
          kind,
          businessKey: `test:${locale}:${kind}`,
          payload: { points: 5, reward: "$10 off", date: "2027-01-15", days: 7, tier: "Gold", valueMinor: 1000, currency: "USD", locale },
        });
      }
    }
    const totals = await runNotificationSender(sqlDb, sender());
    expect(totals.sent).toBe(32);
    const subjects = mailsTo("all-kinds@example.com").map((mail) => decodeHeader(headerOf(mail.raw, "Subject")!));
    expect(new Set(subjects).size).toBe(32);
    expect(subjects.every((subject) => !subject.includes("{") && !subject.includes("notify."))).toBe(true);
    expect(subjects).toContain("Zdobyto 5 punktów w Test Store");
    expect(subjects).toContain("Вы получили 5 баллов в Test Store");
    expect(subjects).toContain("Ați câștigat 5 puncte la Test Store");
  });

  it("GIVEN the server refuses THEN the message is retried after the back-off and sent once", async () => {
    const shop = await notifyingShop();
    const member = await ensureMember(sqlDb, shop, "7401", { email: "retry@example.com" });
    await enqueueNotification(sqlDb, shop, { memberId: member.id, kind: "points_earned", businessKey: "retry:1", payload: { points: 3 } });
    smtp.refuseNext(1);
    const t0 = new Date();
    await runNotificationSender(sqlDb, sender(() => t0));
    let row = await db.notificationOutbox.findFirstOrThrow({ where: { shop } });
    expect([row.status, row.attempts]).toEqual(["pending", 1]);
    expect(row.reason).toMatch(/451/);
    // Not before the back-off (1 minute after the first failure).
    await runNotificationSender(sqlDb, sender(() => new Date(t0.getTime() + 30_000)));
    expect(mailsTo("retry@example.com")).toHaveLength(0);
    await runNotificationSender(sqlDb, sender(() => new Date(t0.getTime() + 61_000)));
    row = await db.notificationOutbox.findFirstOrThrow({ where: { shop } });
    expect([row.status, row.attempts]).toEqual(["sent", 2]);
    expect(mailsTo("retry@example.com")).toHaveLength(1);
  });

  it("GIVEN two workers at once THEN every business key is sent exactly once", async () => {
    const shop = await notifyingShop({ dailyLimit: 100 });
    const emails: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const email = `twice-${i}@example.com`;
      emails.push(email);
      const member = await ensureMember(sqlDb, shop, String(7500 + i), { email });
      for (const n of [1, 2]) await enqueueNotification(sqlDb, shop, { memberId: member.id, kind: "points_earned", businessKey: `race:${i}:${n}`, payload: { points: n } });
    }
    const [a, b] = await Promise.all([runNotificationSender(sqlDb, { ...sender(), batchSize: 7 }), runNotificationSender(sqlDb, { ...sender(), batchSize: 7 })]);
    expect(a.sent + b.sent).toBe(40);
    for (const email of emails) expect(mailsTo(email), email).toHaveLength(2);
    expect(await db.notificationOutbox.count({ where: { shop, status: "sent", attempts: 1 } })).toBe(40);
  });

  it("GIVEN a daily limit of 2 THEN the third message waits for the window instead of being dropped", async () => {
    const shop = await notifyingShop({ dailyLimit: 2 });
    const member = await ensureMember(sqlDb, shop, "7601", { email: "limited@example.com" });
    for (const n of [1, 2, 3]) await enqueueNotification(sqlDb, shop, { memberId: member.id, kind: "points_earned", businessKey: `limit:${n}`, payload: { points: n } });
    const t0 = new Date();
    await runNotificationSender(sqlDb, sender(() => t0));
    expect(mailsTo("limited@example.com")).toHaveLength(2);
    const waiting = await db.notificationOutbox.findFirstOrThrow({ where: { shop, status: "pending" } });
    expect(waiting.reason).toBe("throttled");
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(t0.getTime() + 23 * 60 * 60_000);
    await runNotificationSender(sqlDb, sender(() => new Date(t0.getTime() + 24 * 60 * 60_000 + 1000)));
    expect(mailsTo("limited@example.com")).toHaveLength(3);
  });

  it("GIVEN no mail transport THEN the message is kept as not sent: no mail transport, and goes once one exists", async () => {
    const shop = await notifyingShop();
    const member = await ensureMember(sqlDb, shop, "7701", { email: "held@example.com" });
    await enqueueNotification(sqlDb, shop, { memberId: member.id, kind: "points_earned", businessKey: "held:1", payload: { points: 1 } });
    const t0 = new Date();
    await runNotificationSender(sqlDb, { transport: null, appUrl: APP_URL, secret: SECRET, now: () => t0 });
    const row = await db.notificationOutbox.findFirstOrThrow({ where: { shop } });
    expect([row.status, row.reason]).toEqual(["held", "no_mail_transport"]);
    await runNotificationSender(sqlDb, sender(() => new Date(t0.getTime() + 16 * 60_000)));
    expect(mailsTo("held@example.com")).toHaveLength(1);
  });

  it("GIVEN the one-click unsubscribe link THEN it works without login, a forged one is refused, and nothing more is sent", async () => {
    const shop = await notifyingShop();
    const member = await ensureMember(sqlDb, shop, "7801", { email: "leaving@example.com" });
    const other = await ensureMember(sqlDb, shop, "7802", { email: "staying@example.com" });
    const link = unsubscribeUrl(APP_URL, SECRET, shop, member.id);
    const page = await unsubscribeLoader({ request: new Request(link), params: {}, context: {} });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    expect(await db.notificationUnsubscribe.count({ where: { shop } })).toBe(0);

    // The signature of one member does not unsubscribe another.
    const forged = link.replace(`m=${member.id}`, `m=${other.id}`);
    const refused = await unsubscribeAction({ request: new Request(forged, { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "Content-Type": "application/x-www-form-urlencoded" } }), params: {}, context: {} });
    expect(refused.status).toBe(401);
    expect(await db.notificationUnsubscribe.count({ where: { shop } })).toBe(0);

    // RFC 8058: the mail client POSTs List-Unsubscribe=One-Click to the header's URL.
    const oneClick = await unsubscribeAction({ request: new Request(link, { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "Content-Type": "application/x-www-form-urlencoded" } }), params: {}, context: {} });
    expect(oneClick.status).toBe(200);
    expect(await db.notificationUnsubscribe.count({ where: { shop, memberId: member.id } })).toBe(1);

    for (const who of [member, other]) await enqueueNotification(sqlDb, shop, { memberId: who.id, kind: "points_earned", businessKey: `after-unsubscribe:${who.id}`, payload: { points: 2 } });
    await runNotificationSender(sqlDb, sender());
    expect(mailsTo("leaving@example.com")).toHaveLength(0);
    expect(mailsTo("staying@example.com")).toHaveLength(1);
    const skipped = await db.notificationOutbox.findFirstOrThrow({ where: { shop, memberId: member.id } });
    expect([skipped.status, skipped.reason]).toEqual(["skipped", "unsubscribed"]);
  });
});
