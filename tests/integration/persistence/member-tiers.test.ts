// Tiers through the real webhook routes (signed deliveries in), the re-evaluation job, the scheduled check and
// staff assignment: member tier state, tier history, entry rewards and multipliers as written to the database.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { recordShopSeen } from "../../../app/persistence/shops";
import { saveTierProgram } from "../../../app/persistence/tier-program";
import { previewTierRules, runTierJob } from "../../../app/persistence/tier-reevaluation";
import { runTierCheckJob } from "../../../app/persistence/tier-checks";
import { assignMemberTier, memberTierChanges } from "../../../app/persistence/tier-assignment";
import { readMemberTierState } from "../../../app/persistence/member-tiers";
import { monthIndexAt, monthStart } from "../../../app/rules/tier-periods";
import { nextPeriodMonth, validateTierForm, type TierFormTier, type TierRules } from "../../../app/rules/tiers";
import { installedShop, signedProxyRequest } from "../../support/shopify-requests";
import { loader as meLoader } from "../../../app/routes/proxy.me";
import { deliverOk } from "../../support/webhook-delivery";
import { orderCancelledPayload, orderPaidPayload, refundPayload, type TestOrder } from "../../support/shopify-payloads";
import { expectCachedBalancesMatchLedger, memberBalances } from "../../support/ledger-invariants";

const ZONE = "America/Los_Angeles";

function formTier(position: number, en: string, threshold: string, multiplier: string, entryReward: string, id = ""): TierFormTier {
  return { id, position: String(position), names: { en }, threshold, multiplier, entryReward, freeShipping: false, birthdayMultiplier: "1" };
}

function rulesFrom(tiers: TierFormTier[], period = "calendar_year"): TierRules {
  const result = validateTierForm({ measure: "money_spent", period, graceDays: "0", tiers }, "USD");
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.rules;
}

const STANDARD = [formTier(1, "Bronze", "0", "1", "0"), formTier(2, "Silver", "100", "1.5", "25"), formTier(3, "Gold", "500", "2", "100")];

async function shopWithTiers(tiers = STANDARD) {
  const shop = await installedShop("tiers");
  await recordShopSeen(sqlDb, shop, "USD", new Date(), ZONE);
  const job = await saveTierProgram(sqlDb, shop, rulesFrom(tiers), "staff-1");
  expect(await runTierJob(sqlDb, shop, job)).toBe("done");
  return shop;
}

async function tierIds(shop: string) {
  const rows = await db.tier.findMany({ where: { shop }, orderBy: { position: "asc" } });
  return Object.fromEntries(rows.map((row) => [(JSON.parse(row.names) as { en: string }).en, String(row.id)]));
}

async function memberOf(shop: string, customerId: string) {
  return db.member.findUniqueOrThrow({ where: { shop_customerId: { shop, customerId } } });
}

async function tierOf(shop: string, customerId: string) {
  const member = await memberOf(shop, customerId);
  const row = await db.memberTier.findUnique({ where: { memberId: member.id } });
  const ids = await tierIds(shop);
  return Object.entries(ids).find(([, id]) => id === String(row?.tierId))?.[0] ?? null;
}

const order = (orderId: string, customerId: string, dollars: number): TestOrder => ({ orderId, customerId, lines: [{ id: `${orderId}1`, quantity: 1, unitPrice: dollars * 100 }] });

/** The instant the current calendar year ends in the shop's time zone. */
function nextYearStart(now = Date.now()) {
  return new Date(monthStart(nextPeriodMonth({ period: "calendar_year" } as TierRules, monthIndexAt(now, ZONE)), ZONE));
}

describe("tiers through orders", () => {
  it("GIVEN tiers by money spent THEN crossing a threshold moves up at once with the entry reward once, and later orders earn at the multiplier", async () => {
    const shop = await shopWithTiers();
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("7001", "61", 120)), "d-1");
    expect(await tierOf(shop, "61")).toBe("Silver");
    const member = await memberOf(shop, "61");
    const bonus = await db.ledgerEntry.findMany({ where: { shop, memberId: member.id, kind: "action_bonus" } });
    expect(bonus.map((e) => [Number(e.availableDelta), e.reason])).toEqual([[25, "Tier entry reward: Silver"]]);
    expect((await memberTierChanges(sqlDb, shop, member.id)).map((c) => [c.fromName, c.toName, c.cause])).toEqual([[null, "Silver", "qualified"]]);

    // 10.00 at 1.5× → 15 points (rounded down per line); a new delivery of the first order changes nothing.
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("7002", "61", 10)), "d-2");
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("7001", "61", 120)), "d-3");
    expect(await memberBalances(shop, "61")).toEqual({ available: 25, pending: 120 + 15 });
    expect(await db.ledgerEntry.count({ where: { shop, memberId: member.id, kind: "action_bonus" } })).toBe(1);
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN a refund THEN progress goes down but the tier stays until the shop-local year ends, when the check moves it down", async () => {
    const shop = await shopWithTiers();
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("7101", "62", 120)));
    await deliverOk(shop, "refunds/create", { ...refundPayload({ refundId: "9101", orderId: "7101", lines: [{ lineItemId: "71011", quantity: 1 }] }), created_at: new Date().toISOString() });
    expect(await tierOf(shop, "62")).toBe("Silver");
    const member = await memberOf(shop, "62");
    expect(await db.tierActivity.findMany({ where: { shop, memberId: member.id }, select: { moneyMinor: true, points: true, orders: true, sourceKey: true } })).toEqual([
      { moneyMinor: -12_000, points: -120, orders: 0, sourceKey: "refund:9101" },
    ]);
    const yearEnd = nextYearStart();
    await runTierCheckJob(sqlDb, new Date(yearEnd.getTime() - 1));
    expect(await tierOf(shop, "62")).toBe("Silver");
    const checked = await runTierCheckJob(sqlDb, yearEnd);
    expect(checked.changed).toBeGreaterThanOrEqual(1);
    expect(await tierOf(shop, "62")).toBe("Bronze");
    const changes = await memberTierChanges(sqlDb, shop, member.id);
    expect(changes[0]).toMatchObject({ fromName: "Silver", toName: "Bronze", cause: "period_end", at: yearEnd });
  });

  it("GIVEN a cancellation THEN it stops counting as an order and its money, recorded as history", async () => {
    const shop = await shopWithTiers();
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("7201", "63", 120)));
    await deliverOk(shop, "orders/cancelled", orderCancelledPayload(order("7201", "63", 120), new Date().toISOString()));
    const member = await memberOf(shop, "63");
    expect(await db.tierActivity.findMany({ where: { shop, memberId: member.id }, select: { moneyMinor: true, orders: true, sourceKey: true } })).toEqual([
      { moneyMinor: -12_000, orders: -1, sourceKey: "cancel:7201" },
    ]);
    const state = await readMemberTierState(sqlDb, shop, member.id);
    expect(Object.values(state.months).reduce((a, b) => a + b, 0)).toBe(0);
    expect(await tierOf(shop, "63")).toBe("Silver");
  });

  it("GIVEN a shop without tiers THEN orders earn as before, no tier state is kept, refunds are still recorded as history", async () => {
    const shop = await installedShop("no-tiers");
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("7301", "64", 120)));
    await deliverOk(shop, "refunds/create", { ...refundPayload({ refundId: "9301", orderId: "7301", lines: [{ lineItemId: "73011", quantity: 1 }] }), created_at: new Date().toISOString() });
    expect(await memberBalances(shop, "64")).toEqual({ available: 0, pending: 0 });
    expect(await db.memberTier.count({ where: { shop } })).toBe(0);
    expect(await db.tierActivity.count({ where: { shop } })).toBe(1);
  });
});

describe("editing tiers", () => {
  it("previews and then re-evaluates everyone as a job: up at once with the entry reward (never twice), down only at the period end", async () => {
    const shop = await shopWithTiers();
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("7401", "71", 120)));
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("7402", "72", 300)));
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("7403", "73", 20)));
    const ids = await tierIds(shop);
    // Silver now needs 150 (71 would go down at the period end); Gold needs 250 (72 goes up now).
    const edited = rulesFrom([
      formTier(1, "Bronze", "0", "1", "0", ids.Bronze),
      formTier(2, "Silver", "150", "1.5", "25", ids.Silver),
      formTier(3, "Gold", "250", "2", "100", ids.Gold),
    ]);
    expect(await previewTierRules(sqlDb, shop, edited, ZONE)).toEqual({ members: 3, up: 1, downAtPeriodEnd: 1, tierDeleted: 0 });
    expect(await tierOf(shop, "72")).toBe("Silver"); // the preview wrote nothing

    const job = await saveTierProgram(sqlDb, shop, edited, "staff-1");
    expect(await db.tierJob.findUniqueOrThrow({ where: { id: job } })).toMatchObject({ status: "queued", totalMembers: 3, processedMembers: 0 });
    expect(await runTierJob(sqlDb, shop, job, { batchSize: 2 })).toBe("done");
    expect(await db.tierJob.findUniqueOrThrow({ where: { id: job } })).toMatchObject({ status: "done", processedMembers: 3, movedUp: 1, movingDown: 1 });
    expect(await tierOf(shop, "72")).toBe("Gold");
    expect(await tierOf(shop, "71")).toBe("Silver");
    const gold = await db.ledgerEntry.findMany({ where: { shop, memberId: (await memberOf(shop, "72")).id, kind: "action_bonus" }, orderBy: { id: "asc" } });
    expect(gold.map((e) => Number(e.availableDelta))).toEqual([25, 100]);

    // Saving the same rules again: a new job, nothing granted twice.
    const again = await saveTierProgram(sqlDb, shop, edited, "staff-1");
    expect(await runTierJob(sqlDb, shop, again)).toBe("done");
    expect(await db.ledgerEntry.count({ where: { shop, kind: "action_bonus" } })).toBe(3);
    await runTierCheckJob(sqlDb, nextYearStart());
    expect(await tierOf(shop, "71")).toBe("Bronze");
    await expectCachedBalancesMatchLedger(shop);
  });

  it("an order arriving before the job reached its member is counted under the new rules (recomputed from history first)", async () => {
    const shop = await shopWithTiers();
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("7501", "75", 120)));
    const ids = await tierIds(shop);
    // Now counted in orders: 2 orders for Silver. The job has not run yet.
    const result = validateTierForm(
      { measure: "orders_placed", period: "lifetime", graceDays: "0", tiers: [formTier(1, "Bronze", "0", "1", "0", ids.Bronze), formTier(2, "Silver", "2", "1.5", "25", ids.Silver)] },
      "USD",
    );
    if (!result.ok) throw new Error("invalid");
    await saveTierProgram(sqlDb, shop, result.rules, "staff-1");
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("7502", "75", 5)));
    const member = await memberOf(shop, "75");
    const state = await readMemberTierState(sqlDb, shop, member.id);
    expect(Object.values(state.months).reduce((a, b) => a + b, 0)).toBe(2);
    expect(await tierOf(shop, "75")).toBe("Silver");
  });
});

describe("staff tier assignment", () => {
  it("refuses bad input on its fields writing nothing; a valid one holds the tier until its shop-local date, audited", async () => {
    const shop = await shopWithTiers();
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("7601", "81", 20)));
    const member = await memberOf(shop, "81");
    const ids = await tierIds(shop);
    const bad = await assignMemberTier(sqlDb, shop, { memberId: member.id, tierId: "999999", holdUntil: "2020-01-01", reason: " ", staffUserId: "staff-9" });
    expect(bad).toEqual({
      ok: false,
      issues: [
        { field: "tierId", code: "invalid" },
        { field: "reason", code: "required" },
        { field: "holdUntil", code: "not_in_future" },
      ],
    });
    expect(await db.tierChange.count({ where: { shop, cause: "manual" } })).toBe(0);

    const holdUntil = new Date(Date.now() + 40 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    expect(await assignMemberTier(sqlDb, shop, { memberId: member.id, tierId: ids.Gold!, holdUntil, reason: "VIP event guest", staffUserId: "staff-9" })).toEqual({ ok: true });
    expect(await tierOf(shop, "81")).toBe("Gold");
    const [change] = await memberTierChanges(sqlDb, shop, member.id);
    expect(change).toMatchObject({ fromName: "Bronze", toName: "Gold", cause: "manual", staffUserId: "staff-9", reason: "VIP event guest" });
    const holdStart = new Date(change!.holdUntil!);
    expect(holdStart.toISOString().slice(0, 10)).toBe(holdUntil);
    // After the hold: what progress qualifies for.
    await runTierCheckJob(sqlDb, new Date(holdStart.getTime() + 1));
    expect(await tierOf(shop, "81")).toBe("Bronze");
  });
});

describe("GET /proxy/me", () => {
  async function me(shop: string, customerId: string) {
    const response = await meLoader({ request: await signedProxyRequest(shop, "/proxy/me", { customerId }), params: {}, context: {} });
    return (await response.json()) as { tier: Record<string, unknown> | null };
  }

  it("GIVEN tiers THEN the shopper's tier, the next one, what is still needed and by when (the shop-local year end)", async () => {
    const shop = await shopWithTiers();
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("7701", "91", 120)));
    const { tier } = await me(shop, "91");
    expect(tier).toMatchObject({
      measure: "money_spent",
      period: "calendar_year",
      current: { names: { en: "Silver" }, multiplier: "1.5", threshold: 10_000 },
      next: { names: { en: "Gold" }, threshold: 50_000 },
      progress: 12_000,
      needed: 38_000,
      periodEndsAt: nextYearStart().toISOString(),
      holdUntil: null,
    });
    expect((tier!.tiers as unknown[]).length).toBe(3);
    // A signed-in shopper who is not a member yet: the lowest tier (threshold 0), all of Silver still needed.
    expect((await me(shop, "92")).tier).toMatchObject({ current: { names: { en: "Bronze" } }, needed: 10_000, progress: 0 });
  });

  it("GIVEN a shop without tiers THEN tier is null", async () => {
    const shop = await installedShop("no-tiers-me");
    await deliverOk(shop, "orders/paid", orderPaidPayload(order("7801", "93", 120)));
    expect((await me(shop, "93")).tier).toBeNull();
  });
});
