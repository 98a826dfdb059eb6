// Shopify Flow triggers through the outbox and the Admin API stand-in, which reads the trigger extensions' tomls and
// refuses a payload that misses a declared field: a trigger row is written in the transaction of its cause (points
// released by orders/paid), only when the shop has Flow on and whatever its email settings; sent once however often
// the webhook is delivered and the sender runs; retried after a 503; given up after repeated userErrors.
import { describe, expect, it, vi } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { runNotificationSender } from "../../../app/jobs/notification-sender.server";
import { enqueueFlowTriggers } from "../../../app/persistence/notification-outbox";
import { appendEntries, ensureMember } from "../../../app/persistence/ledger";
import { createReward } from "../../../app/persistence/reward-catalog";
import { redeemReward } from "../../../app/persistence/redemption";
import { REWARD_DEFAULTS } from "../../../app/rules/rewards";
import { createRewardIssuer } from "../../../app/shopify/reward-issuer.server";
import { unauthenticated } from "../../../app/shopify.server";
import { saveTierProgram } from "../../../app/persistence/tier-program";
import { runTierJob } from "../../../app/persistence/tier-reevaluation";
import { assignMemberTier } from "../../../app/persistence/tier-assignment";
import { validateTierForm } from "../../../app/rules/tiers";
import { FLOW_TRIGGERS, FLOW_TRIGGER_KINDS, type FlowEventValues, type FlowTriggerKind } from "../../../app/rules/flow-triggers";
import { MAX_SEND_ATTEMPTS } from "../../../app/rules/notifications";
import { flowTriggerSenderForShop } from "../../../app/shopify/flow-trigger.server";
import { installedShop, installShop } from "../../support/shopify-requests";
import { DEMO_SHOP } from "../../../app/demo/demo-mode.server";
import { seedDemoNotifications } from "../../../app/demo/seed-notifications.server";
import { loader as demoOutbox } from "../../../app/demo/routes/demo-outbox";
import { deliverOk } from "../../support/webhook-delivery";
import { orderPaidPayload } from "../../support/shopify-payloads";

const standIn = installAdminApiStandIn();

function sender(now?: () => Date) {
  return { transport: null, appUrl: "https://app.example", secret: "s", now, flow: (shop: string) => flowTriggerSenderForShop(shop, { baseDelayMs: 1, timeoutMs: 2000 }) };
}

async function flowShop(options: { flow?: boolean; email?: boolean } = {}) {
  const shop = await installedShop("flow");
  standIn.seedShop(shop, { name: "Tea House", currencyCode: "USD" });
  await db.programSettings.create({ data: { shop, pendingDays: 0 } });
  if (options.email ?? false) await db.notificationSettings.create({ data: { shop } });
  if (options.flow ?? true) await db.flowSettings.create({ data: { shop, updatedAt: new Date() } });
  return shop;
}

const runs = (shop: string) => standIn.state.shops.get(shop)?.flowTriggerRuns ?? [];
const flowRows = (shop: string) => db.notificationOutbox.findMany({ where: { shop, channel: "flow" }, orderBy: { id: "asc" } });

// The values each cause stores (the enqueue sites: pending-release, redemption, notification-events, points-expiry,
// referrals write these keys).
const VALUES: Record<FlowTriggerKind, FlowEventValues> = {
  points_earned: { points: 10 },
  reward_redeemed: { reward: "5 USD off", points: 500 },
  tier_changed: { "previous tier": "Silver", "new tier": "Gold", direction: "up" },
  points_expiring: { points: 40, "expiry date": "2027-01-31", "days left": 7 },
  referral_completed: { points: 250 },
};

describe("Shopify Flow triggers", () => {
  it("GIVEN orders/paid delivered three times and two sender runs THEN one points-earned trigger, its payload the toml's fields", async () => {
    const shop = await flowShop();
    const payload = orderPaidPayload({ orderId: "9100", customerId: "9101", lines: [{ id: "91001", quantity: 1, unitPrice: 1000 }] });
    for (const webhookId of ["a", "b", "c"]) await deliverOk(shop, "orders/paid", payload, `${shop}-${webhookId}`);
    const rows = await flowRows(shop);
    expect(rows.map((r) => [r.kind, r.businessKey, r.status])).toEqual([["points_earned", "flow:order:9100:points_earned", "pending"]]);
    // No NotificationSettings row: emails off, and no email row was written.
    expect(await db.notificationOutbox.count({ where: { shop, channel: "email" } })).toBe(0);

    await runNotificationSender(sqlDb, sender());
    await runNotificationSender(sqlDb, sender());
    expect(runs(shop)).toEqual([{ handle: "loyalty-points-earned", payload: { customer_id: 9101, points: 10, balance: 10 }, at: expect.any(String) }]);
    expect((await flowRows(shop)).map((r) => [r.status, r.attempts])).toEqual([["sent", 1]]);
    expect(standIn.requests.filter((r) => r.operationName === "FlowTriggerReceive" && r.shop === shop)).toHaveLength(1);
  });

  it("GIVEN a row of every trigger WHEN sent THEN the stand-in accepts each payload against its extension's declared fields", async () => {
    const shop = await flowShop();
    const member = await ensureMember(sqlDb, shop, "9201");
    await sqlDb.transaction().execute((trx) =>
      enqueueFlowTriggers(trx, shop, FLOW_TRIGGER_KINDS.map((kind) => ({ memberId: member.id, kind, businessKey: `all:${kind}`, values: VALUES[kind] }))),
    );
    const totals = await runNotificationSender(sqlDb, sender());
    expect(totals.sent).toBe(FLOW_TRIGGER_KINDS.length);
    expect(runs(shop).map((run) => run.handle).sort()).toEqual(FLOW_TRIGGER_KINDS.map((kind) => FLOW_TRIGGERS[kind].handle).sort());
    const earned = runs(shop).find((run) => run.handle === "loyalty-tier-changed");
    expect(earned?.payload).toEqual({ customer_id: 9201, "previous tier": "Silver", "new tier": "Gold", direction: "up" });
  });

  it("GIVEN a payload missing a declared field or an unknown handle THEN the stand-in answers userErrors and runs nothing", async () => {
    const shop = await flowShop();
    const send = (await flowTriggerSenderForShop(shop, { baseDelayMs: 1, timeoutMs: 2000 }))!;
    const missing = await send("loyalty-reward-redeemed", { customer_id: 1, reward: "x", balance: 3 });
    expect(missing).toEqual({ ok: false, reason: expect.stringContaining("points is missing") });
    const unknown = await send("loyalty-no-such-trigger", { customer_id: 1 });
    expect(unknown).toEqual({ ok: false, reason: expect.stringContaining("Invalid handle") });
    expect(runs(shop)).toEqual([]);
  });

  it("GIVEN the stand-in answers 503 once THEN the row is retried after the back-off and sent once", async () => {
    const shop = await flowShop();
    const member = await ensureMember(sqlDb, shop, "9301");
    await sqlDb.transaction().execute((trx) => enqueueFlowTriggers(trx, shop, [{ memberId: member.id, kind: "referral_completed", businessKey: "r:1", values: { points: 250 } }]));
    standIn.injectFault({ kind: "http5xx", status: 503 }, { operationName: "FlowTriggerReceive" });
    const t0 = new Date();
    expect((await runNotificationSender(sqlDb, sender(() => t0))).retry).toBe(1);
    let [row] = await flowRows(shop);
    expect([row!.status, row!.attempts, row!.reason]).toEqual(["pending", 1, expect.stringContaining("503")]);
    // Not due before the back-off (1 minute after the first failure).
    expect((await runNotificationSender(sqlDb, sender(() => new Date(t0.getTime() + 30_000)))).sent).toBe(0);
    expect((await runNotificationSender(sqlDb, sender(() => new Date(t0.getTime() + 61_000)))).sent).toBe(1);
    [row] = await flowRows(shop);
    expect([row!.status, row!.attempts]).toEqual(["sent", 2]);
    expect(runs(shop).map((run) => run.payload)).toEqual([{ customer_id: 9301, points: 250, balance: 0 }]);
  });

  it("GIVEN userErrors on every attempt THEN the row is given up (failed) after the last attempt, with the error kept", async () => {
    const shop = await flowShop();
    const member = await ensureMember(sqlDb, shop, "9401");
    await sqlDb.transaction().execute((trx) => enqueueFlowTriggers(trx, shop, [{ memberId: member.id, kind: "points_earned", businessKey: "p:1", values: { points: 5 } }]));
    standIn.injectFault({ kind: "userErrors", userErrors: [{ field: ["payload"], message: "Flow is unavailable" }] }, { operationName: "FlowTriggerReceive", times: MAX_SEND_ATTEMPTS });
    let at = Date.now();
    for (let attempt = 1; attempt <= MAX_SEND_ATTEMPTS; attempt += 1) {
      expect((await runNotificationSender(sqlDb, sender(() => new Date(at)))).retry).toBe(1);
      at += 7 * 3600_000; // past the longest back-off (6 hours)
    }
    const [row] = await flowRows(shop);
    expect([row!.status, row!.attempts, row!.reason]).toEqual(["failed", MAX_SEND_ATTEMPTS, expect.stringContaining("Flow is unavailable")]);
    expect((await runNotificationSender(sqlDb, sender(() => new Date(at)))).retry).toBe(0);
    expect(runs(shop)).toEqual([]);
  });

  it("GIVEN Flow off (emails on) THEN orders/paid writes no trigger and nothing reaches Flow; turned off after enqueue THEN skipped", async () => {
    const shop = await flowShop({ flow: false, email: true });
    const payload = orderPaidPayload({ orderId: "9500", customerId: "9501", lines: [{ id: "95001", quantity: 1, unitPrice: 1000 }] });
    await deliverOk(shop, "orders/paid", payload, `${shop}-a`);
    expect(await flowRows(shop)).toEqual([]);
    expect(await db.notificationOutbox.count({ where: { shop, channel: "email" } })).toBe(1);

    const other = await flowShop();
    const member = await ensureMember(sqlDb, other, "9601");
    await sqlDb.transaction().execute((trx) => enqueueFlowTriggers(trx, other, [{ memberId: member.id, kind: "points_earned", businessKey: "p:2", values: { points: 5 } }]));
    await db.flowSettings.delete({ where: { shop: other } });
    await runNotificationSender(sqlDb, sender());
    expect((await flowRows(other)).map((r) => [r.status, r.reason])).toEqual([["skipped", "flow_off"]]);
    expect([...runs(shop), ...runs(other)]).toEqual([]);
    expect(standIn.requests.filter((r) => r.operationName === "FlowTriggerReceive" && (r.shop === shop || r.shop === other))).toHaveLength(0);
  });

  it("GIVEN the demo shop (Flow on by its seed) and a 503 WHEN /demo/outbox is opened THEN it lists the delivery waiting for its retry, then sent", async () => {
    vi.stubEnv("LOYALTY_DEMO", "1");
    try {
      await installShop(DEMO_SHOP);
      standIn.seedShop(DEMO_SHOP, { name: "Demo", currencyCode: "USD" });
      await seedDemoNotifications();
      const member = await ensureMember(sqlDb, DEMO_SHOP, "9701");
      await sqlDb.transaction().execute((trx) => enqueueFlowTriggers(trx, DEMO_SHOP, [{ memberId: member.id, kind: "points_earned", businessKey: "demo:1", values: { points: 30 } }]));
      standIn.injectFault({ kind: "http5xx", status: 503 }, { operationName: "FlowTriggerReceive" });
      const t0 = new Date();
      await runNotificationSender(sqlDb, sender(() => t0));
      let html = await (await demoOutbox()).text();
      expect(html).toContain("loyalty-points-earned");
      expect(html).toMatch(/retry 2 at .*503/s);
      await runNotificationSender(sqlDb, sender(() => new Date(t0.getTime() + 61_000)));
      html = await (await demoOutbox()).text();
      expect(html).toMatch(/<td[^>]*>sent /);
      expect(runs(DEMO_SHOP).map((run) => run.payload)).toEqual([{ customer_id: 9701, points: 30, balance: 0 }]);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("GIVEN Flow on WHEN a reward is redeemed (code issued) and staff move a member up a tier THEN both triggers go through the real paths", async () => {
    const shop = await flowShop();
    standIn.seedCustomer(shop, { id: "9801" });
    const member = await ensureMember(sqlDb, shop, "9801");
    await sqlDb.transaction().execute((tx) =>
      appendEntries(tx, shop, member.id, [{ kind: "adjust", availableDelta: 500, pendingDelta: 0, reason: "grant", sourceType: "staff", sourceId: "t", idempotencyKey: "grant:9801" }]),
    );
    const reward = await createReward(db, shop, { ...REWARD_DEFAULTS, type: "fixed_amount", title: "$5 off", pointsCost: 100, amountMinor: 500 });
    const { admin } = await unauthenticated.admin(shop);
    const issuer = createRewardIssuer(admin.graphql, { timeoutMs: 2000, baseDelayMs: 1, throttleRetries: 1 });
    const { redemption } = await redeemReward(sqlDb, issuer, { shop, customerId: "9801", rewardId: reward.id, currency: "USD" });
    expect(redemption.status).toBe("issued");

    const tierField = (position: number, en: string, threshold: string) => ({ id: "", position: String(position), names: { en }, threshold, multiplier: "1", entryReward: "0", freeShipping: false, birthdayMultiplier: "1" });
    const form = validateTierForm({ measure: "money_spent", period: "lifetime", graceDays: "0", tiers: [tierField(1, "Silver", "100"), tierField(2, "Gold", "500")] }, "USD");
    if (!form.ok) throw new Error(JSON.stringify(form.issues));
    await runTierJob(sqlDb, shop, await saveTierProgram(sqlDb, shop, form.rules, "staff-1"));
    const gold = await db.tier.findFirstOrThrow({ where: { shop, position: 2 } });
    const holdUntil = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    await assignMemberTier(sqlDb, shop, { memberId: member.id, tierId: String(gold.id), holdUntil, reason: "test", staffUserId: "s" });

    await runNotificationSender(sqlDb, sender());
    await runNotificationSender(sqlDb, sender());
    const byHandle = Object.fromEntries(runs(shop).map((run) => [run.handle, run.payload]));
    expect(runs(shop)).toHaveLength(2);
    expect(byHandle["loyalty-reward-redeemed"]).toEqual({ customer_id: 9801, reward: "$5 off", points: 100, balance: 400 });
    expect(byHandle["loyalty-tier-changed"]).toEqual({ customer_id: 9801, "previous tier": "", "new tier": "Gold", direction: "up" });
  });
});
