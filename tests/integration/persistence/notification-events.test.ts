// The notifications of balance and tier moves and the scheduled reminders, through the real paths that cause them
// (signed orders/paid deliveries, staff adjustments, tier assignment, redemption through the Admin API stand-in, the
// reminder sweep), each enqueued once per business key, and sent through a real SMTP server in all four languages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { unauthenticated } from "../../../app/shopify.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { runNotificationSender } from "../../../app/jobs/notification-sender.server";
import { smtpTransport } from "../../../app/jobs/mail-transport.server";
import { enqueueNotification } from "../../../app/persistence/notification-outbox";
import { runReminderSweep } from "../../../app/persistence/notification-events";
import { createReward } from "../../../app/persistence/reward-catalog";
import { adjustMemberPoints } from "../../../app/persistence/staff-adjustments";
import { redeemReward } from "../../../app/persistence/redemption";
import { recordShopSeen } from "../../../app/persistence/shops";
import { saveTierProgram } from "../../../app/persistence/tier-program";
import { runTierJob } from "../../../app/persistence/tier-reevaluation";
import { assignMemberTier } from "../../../app/persistence/tier-assignment";
import { REWARD_DEFAULTS, type RewardDefinition } from "../../../app/rules/rewards";
import { validateTierForm, type TierFormTier } from "../../../app/rules/tiers";
import { createRewardIssuer } from "../../../app/shopify/reward-issuer.server";
import type { NotificationPayload } from "../../../app/rules/notifications";
import { installShop, uniqueShop } from "../../support/shopify-requests";
import { deliverOk } from "../../support/webhook-delivery";
import { orderPaidPayload } from "../../support/shopify-payloads";
import { expectCachedBalancesMatchLedger } from "../../support/ledger-invariants";
import { decodeHeader, headerOf, startSmtpServer, type TestSmtpServer } from "../../support/smtp-test-server";

const standIn = installAdminApiStandIn();
const DAY = 24 * 60 * 60 * 1000;
const ZONE = "Europe/Warsaw";
let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
});

const ALL_ON = JSON.stringify({ reward_ready: { enabled: true }, tier_up: { enabled: true }, tier_down: { enabled: true }, reward_code_expiring: { enabled: true }, balance_reminder: { enabled: true } });

async function notifyingShop(events = ALL_ON) {
  const shop = uniqueShop("events");
  await installShop(shop);
  await recordShopSeen(sqlDb, shop, "USD", new Date(), ZONE);
  standIn.seedShop(shop, { name: "Tea House", currencyCode: "USD" });
  await db.programSettings.create({ data: { shop, pendingDays: 0 } });
  await db.notificationSettings.create({ data: { shop, brandName: "Tea House", dailyLimit: 100, events } });
  return shop;
}

function reward(overrides: Partial<RewardDefinition> = {}): RewardDefinition {
  return { ...REWARD_DEFAULTS, type: "fixed_amount", title: "$10 off", pointsCost: 100, amountMinor: 1000, ...overrides };
}

const paid = (orderId: string, customerId: string, dollars: number) => orderPaidPayload({ orderId, customerId, lines: [{ id: `${orderId}1`, quantity: 1, unitPrice: dollars * 100 }] });

async function outbox(shop: string) {
  const rows = await db.notificationOutbox.findMany({ where: { shop }, orderBy: { id: "asc" } });
  return rows.map((row) => ({ kind: row.kind, key: row.businessKey, payload: JSON.parse(row.payload) as NotificationPayload, memberId: row.memberId }));
}

function sender() {
  return { transport: smtpTransport(smtp.url), appUrl: "https://my-test-app.myshopify.io", secret: "testApiSecretKey" };
}

const subjectsTo = (address: string) => smtp.received.filter((mail) => mail.to.includes(address)).map((mail) => decodeHeader(headerOf(mail.raw, "Subject")!));

/** Sends the shop's outbox rows again in each other language (new keys, same payloads): every real event in all four. */
async function sendInEveryLanguage(shop: string) {
  for (const row of await outbox(shop)) {
    for (const locale of ["pl", "ru", "ro"]) {
      await enqueueNotification(sqlDb, shop, { memberId: row.memberId, kind: row.kind as never, businessKey: `${row.key}:${locale}`, payload: { ...row.payload, locale } });
    }
  }
  return runNotificationSender(sqlDb, sender());
}

describe("reward ready", () => {
  it("GIVEN a 100-point reward WHEN orders take the balance 60 → 120 → 180 THEN one reward_ready (for the crossing), also under redelivery", async () => {
    const shop = await notifyingShop();
    await createReward(db, shop, reward({ title: "$25 off", pointsCost: 250, amountMinor: 2500 }));
    await createReward(db, shop, reward());
    await deliverOk(shop, "orders/paid", paid("8100", "8101", 60), "r-1");
    expect((await outbox(shop)).map((row) => row.kind)).toEqual(["points_earned"]);
    await deliverOk(shop, "orders/paid", paid("8102", "8101", 60), "r-2");
    await deliverOk(shop, "orders/paid", paid("8102", "8101", 60), "r-3");
    await deliverOk(shop, "orders/paid", paid("8103", "8101", 60), "r-4");
    const rows = await outbox(shop);
    expect(rows.filter((row) => row.kind === "reward_ready").map((row) => [row.key.split(":").slice(2).join(":"), row.payload])).toEqual([
      ["order:8102:release", { reward: "$10 off", points: 120 }],
    ]);
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN the cheapest reward is for a higher tier THEN the crossing that counts is the cheapest the member may redeem", async () => {
    const shop = await notifyingShop();
    const tiers = validateTierForm(
      { measure: "money_spent", period: "lifetime", graceDays: "0", tiers: [tierRow(1, "Bronze", "0"), tierRow(2, "Gold", "10000")] },
      "USD",
    );
    if (!tiers.ok) throw new Error("tiers");
    expect(await runTierJob(sqlDb, shop, await saveTierProgram(sqlDb, shop, tiers.rules, "staff-1"))).toBe("done");
    const gold = (await db.tier.findMany({ where: { shop }, orderBy: { position: "asc" } }))[1]!;
    await createReward(db, shop, reward({ title: "Gold gift", pointsCost: 50, minTierId: gold.id }));
    await createReward(db, shop, reward());
    await deliverOk(shop, "orders/paid", paid("8200", "8201", 60));
    expect((await outbox(shop)).filter((row) => row.kind === "reward_ready")).toEqual([]);
    await deliverOk(shop, "orders/paid", paid("8202", "8201", 50));
    expect((await outbox(shop)).filter((row) => row.kind === "reward_ready").map((row) => row.payload.reward)).toEqual(["$10 off"]);
  });

  it("GIVEN staff adds points THEN reward_ready once; the event turned off or no notifications THEN nothing", async () => {
    const shop = await notifyingShop();
    await createReward(db, shop, reward());
    await deliverOk(shop, "orders/paid", paid("8300", "8301", 40));
    const adjust = (points: number, requestKey: string) =>
      adjustMemberPoints(sqlDb, { shop, customerId: "8301", staffUserId: "staff-9", points, reason: "Goodwill", requestKey, confirmOverdraw: false });
    await adjust(70, "adjust-key-1");
    await adjust(70, "adjust-key-1");
    expect((await outbox(shop)).map((row) => row.kind)).toEqual(["points_earned", "reward_ready"]);

    const off = await notifyingShop(JSON.stringify({ reward_ready: { enabled: false } }));
    await createReward(db, off, reward());
    await deliverOk(off, "orders/paid", paid("8310", "8311", 150));
    expect((await outbox(off)).map((row) => row.kind)).toEqual(["points_earned"]);
  });
});

function tierRow(position: number, en: string, threshold: string): TierFormTier {
  return { id: "", position: String(position), names: { en, pl: `${en} PL`, ru: `${en} RU`, ro: `${en} RO` }, threshold, multiplier: "1", entryReward: "0", freeShipping: false, birthdayMultiplier: "1" };
}

describe("tier up and tier down", () => {
  it("GIVEN tiers WHEN an order qualifies and staff later sets a lower tier THEN tier_up then tier_down, each once, in the member's tier names", async () => {
    const shop = await notifyingShop();
    const tiers = validateTierForm(
      { measure: "money_spent", period: "lifetime", graceDays: "0", tiers: [tierRow(1, "Bronze", "0"), tierRow(2, "Silver", "100")] },
      "USD",
    );
    if (!tiers.ok) throw new Error("tiers");
    expect(await runTierJob(sqlDb, shop, await saveTierProgram(sqlDb, shop, tiers.rules, "staff-1"))).toBe("done");
    // The programme's launch placed nobody (no members yet), and a rules change would notify nobody anyway.
    await deliverOk(shop, "orders/paid", paid("8400", "8401", 20), "t-1");
    await deliverOk(shop, "orders/paid", paid("8402", "8401", 120), "t-2");
    await deliverOk(shop, "orders/paid", paid("8402", "8401", 120), "t-3");
    const member = await db.member.findUniqueOrThrow({ where: { shop_customerId: { shop, customerId: "8401" } } });
    const [bronze] = await db.tier.findMany({ where: { shop }, orderBy: { position: "asc" } });
    const result = await assignMemberTier(sqlDb, shop, { memberId: member.id, tierId: String(bronze!.id), holdUntil: "2099-01-01", reason: "Fraud check", staffUserId: "staff-2" });
    expect(result.ok).toBe(true);
    const tierRows = (await outbox(shop)).filter((row) => row.kind.startsWith("tier_"));
    expect(tierRows.map((row) => [row.kind, row.payload.tier, row.payload.tierNames?.pl])).toEqual([
      ["tier_up", "Bronze", "Bronze PL"],
      ["tier_up", "Silver", "Silver PL"],
      ["tier_down", "Bronze", "Bronze PL"],
    ]);

    await runNotificationSender(sqlDb, sender());
    const totals = await sendInEveryLanguage(shop);
    expect(totals.sent).toBe((await outbox(shop)).length * 3 / 4);
    const subjects = subjectsTo("customer-8401@example.com");
    expect(subjects).toContain("Welcome to Silver");
    expect(subjects).toContain("Your tier at Tea House is now Bronze");
    expect(subjects.some((subject) => subject.includes("Silver PL"))).toBe(true);
    expect(subjects.some((subject) => subject.includes("Bronze RU"))).toBe(true);
    expect(subjects.some((subject) => subject.includes("Silver RO"))).toBe(true);
    expect(subjects.every((subject) => !subject.includes("{"))).toBe(true);
  });
});

describe("scheduled reminders", () => {
  async function issuerFor(shop: string) {
    const { admin } = await unauthenticated.admin(shop);
    return createRewardIssuer(admin.graphql, { timeoutMs: 300, baseDelayMs: 5, throttleRetries: 2 });
  }

  it("GIVEN an issued code valid 10 days THEN it is reminded once from 7 days before, not after it is used up or expired", async () => {
    const shop = await notifyingShop();
    standIn.seedCustomer(shop, { id: "8501", email: "customer-8501@example.com" });
    const item = await createReward(db, shop, reward({ validityDays: 10 }));
    await deliverOk(shop, "orders/paid", paid("8500", "8501", 150));
    const t0 = new Date();
    const { redemption } = await redeemReward(sqlDb, await issuerFor(shop), { shop, customerId: "8501", rewardId: item.id, currency: "USD" }, t0);
    expect(redemption.status).toBe("issued");
    expect((await runReminderSweep(sqlDb, new Date(t0.getTime() + 2 * DAY), { shop })).codes).toBe(0);
    expect((await runReminderSweep(sqlDb, new Date(t0.getTime() + 4 * DAY), { shop })).codes).toBe(1);
    expect((await runReminderSweep(sqlDb, new Date(t0.getTime() + 5 * DAY), { shop })).codes).toBe(0);
    const rows = (await outbox(shop)).filter((row) => row.kind === "reward_code_expiring");
    expect(rows.map((row) => [row.key, row.payload.reward, row.payload.days, row.payload.valueMinor])).toEqual([[`code:${redemption.id}:expiring`, "$10 off", 6, 1000]]);
    expect(rows[0]!.payload.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await runReminderSweep(sqlDb, new Date(t0.getTime() + 11 * DAY), { shop })).codes).toBe(0);

    const sendAt = () => new Date(t0.getTime() + 4 * DAY + 60_000);
    for (const locale of ["pl", "ru", "ro"]) {
      await enqueueNotification(sqlDb, shop, { memberId: rows[0]!.memberId, kind: "reward_code_expiring", businessKey: `${rows[0]!.key}:${locale}`, payload: { ...rows[0]!.payload, locale } }, sendAt());
    }
    await runNotificationSender(sqlDb, { ...sender(), now: sendAt });
    const subjects = smtp.received
      .filter((mail) => mail.to.includes("customer-8501@example.com") && headerOf(mail.raw, "Message-ID")!.includes(`code%3A${redemption.id}%3Aexpiring`))
      .map((mail) => decodeHeader(headerOf(mail.raw, "Subject")!));
    expect(subjects).toHaveLength(4);
    expect(subjects[0]).toMatch(/^Your \$10 off expires on \w+ \d+, \d{4}$/);
    expect(subjects.every((subject) => subject.includes("$10 off") && !subject.includes("{"))).toBe(true);
  });

  it("GIVEN members with and without enough points THEN one balance reminder a month to those a reward is within reach of, saying what for", async () => {
    const shop = await notifyingShop();
    await createReward(db, shop, reward({ title: "$5 off", pointsCost: 100, amountMinor: 500 }));
    await createReward(db, shop, reward({ title: "Points for money", type: "variable_amount", pointsCost: 100, amountMinor: 400, minPoints: 100, maxPoints: 1000 }));
    await deliverOk(shop, "orders/paid", paid("8600", "8601", 1200));
    await deliverOk(shop, "orders/paid", paid("8602", "8603", 50));
    const january = new Date("2031-01-10T12:00:00Z");
    expect((await runReminderSweep(sqlDb, january, { shop })).balances).toBe(1);
    expect((await runReminderSweep(sqlDb, new Date("2031-01-30T12:00:00Z"), { shop })).balances).toBe(0);
    // The shop's month (Warsaw) has turned although UTC is still in January.
    expect((await runReminderSweep(sqlDb, new Date("2031-01-31T23:30:00Z"), { shop })).balances).toBe(1);
    const rows = (await outbox(shop)).filter((row) => row.kind === "balance_reminder");
    // 1,200 points buy 10 steps of $4 (capped at 1,000 points): worth more than $5 off.
    expect(rows.map((row) => [row.key.replace(/^balance:\d+:/, ""), row.payload.reward, row.payload.valueMinor])).toEqual([
      ["2031-01", "Points for money", 4000],
      ["2031-02", "Points for money", 4000],
    ]);

    // Enqueued at the sweep's (future) instant, so sent from then on.
    const later = () => new Date("2031-02-02T12:00:00Z");
    await runNotificationSender(sqlDb, { ...sender(), now: later });
    for (const row of await outbox(shop)) {
      for (const locale of ["pl", "ru", "ro"]) {
        await enqueueNotification(sqlDb, shop, { memberId: row.memberId, kind: row.kind as never, businessKey: `${row.key}:${locale}`, payload: { ...row.payload, locale } }, later());
      }
    }
    await runNotificationSender(sqlDb, { ...sender(), now: later });
    const texts = smtp.received.filter((mail) => mail.to.includes("customer-8601@example.com")).map((mail) => mail.raw.replace(/=\r?\n/g, ""));
    expect(texts.some((raw) => raw.includes("enough for Points for money"))).toBe(true);
    expect(texts.some((raw) => raw.includes("wystarczy na Points for money"))).toBe(true);
    expect(subjectsTo("customer-8601@example.com").filter((subject) => /Tea House/.test(subject)).length).toBeGreaterThanOrEqual(8);
  });

  it("GIVEN the reminders are off (the default) THEN the sweep enqueues nothing", async () => {
    const shop = await notifyingShop("{}");
    await db.notificationSettings.update({ where: { shop }, data: { events: JSON.stringify({ reward_code_expiring: { enabled: false } }) } });
    await createReward(db, shop, reward());
    await deliverOk(shop, "orders/paid", paid("8700", "8701", 500));
    const totals = await runReminderSweep(sqlDb, new Date(), { shop });
    expect([totals.balances, totals.codes]).toEqual([0, 0]);
  });
});

describe("the member's own language", () => {
  it("GIVEN orders with customer_locale THEN emails go in the member's language, kept when later orders do not say, else the shop's", async () => {
    const shop = await notifyingShop();
    await deliverOk(shop, "orders/paid", orderPaidPayload({ orderId: "8800", customerId: "8801", customerLocale: "pl-PL", lines: [{ id: "88001", quantity: 1, unitPrice: 500 }] }));
    await deliverOk(shop, "orders/paid", orderPaidPayload({ orderId: "8802", customerId: "8801", customerLocale: null, lines: [{ id: "88021", quantity: 1, unitPrice: 200 }] }));
    await deliverOk(shop, "orders/paid", orderPaidPayload({ orderId: "8803", customerId: "8801", customerLocale: "fr-FR", lines: [{ id: "88031", quantity: 1, unitPrice: 300 }] }));
    await deliverOk(shop, "orders/paid", orderPaidPayload({ orderId: "8810", customerId: "8811", customerLocale: "de-DE", lines: [{ id: "88101", quantity: 1, unitPrice: 500 }] }));
    await deliverOk(shop, "orders/paid", orderPaidPayload({ orderId: "8820", customerId: "8821", customerLocale: "ru", lines: [{ id: "88201", quantity: 1, unitPrice: 500 }] }));
    const locales = await db.member.findMany({ where: { shop }, orderBy: { customerId: "asc" }, select: { customerId: true, locale: true } });
    expect(locales).toEqual([
      { customerId: "8801", locale: "pl" },
      { customerId: "8811", locale: null },
      { customerId: "8821", locale: "ru" },
    ]);
    await runNotificationSender(sqlDb, sender());
    expect(subjectsTo("customer-8801@example.com")).toEqual(["Zdobyto 5 punktów w Tea House", "Zdobyto 2 punkty w Tea House", "Zdobyto 3 punkty w Tea House"]);
    expect(subjectsTo("customer-8811@example.com")).toEqual(["You earned 5 points at Tea House"]);
    expect(subjectsTo("customer-8821@example.com")).toEqual(["Вы получили 5 баллов в Tea House"]);
  });
});
