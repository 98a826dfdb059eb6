// Support actions on a customer's rewards, through the admin route with session tokens signed as Shopify admin signs
// them, against the Admin API stand-in: resolving a store-credit reservation whose answer was lost, revoking a code,
// issuing a reward by hand. Each is audited by the staff member and never moves points twice.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { unauthenticated } from "../../../app/shopify.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { redeemDiscountCode } from "../../../app/demo/admin-api";
import { action as supportAction, type SupportActionResult } from "../../../app/routes/app.customers.$id_.support";
import { createReward } from "../../../app/persistence/reward-catalog";
import { redactShop } from "../../../app/persistence/privacy";
import { loadRedemption, redeemReward, RedemptionPendingError, settleFromShopify, type RewardIssuer } from "../../../app/persistence/redemption";
import { createRewardIssuer } from "../../../app/shopify/reward-issuer.server";
import { REWARD_DEFAULTS, type RewardDefinition } from "../../../app/rules/rewards";
import { expectCachedBalancesMatchLedger, memberBalances } from "../../support/ledger-invariants";
import { forgedSessionToken, installShop, uniqueShop, APP_URL } from "../../support/shopify-requests";
import { runRoute, seedMember, staffRequest } from "../../support/admin-requests";

const standIn = installAdminApiStandIn();
const CUSTOMER = "7001";
const MINUTE = 60 * 1000;

async function shopWithMember(points: number) {
  const shop = uniqueShop("support");
  await installShop(shop);
  standIn.seedShop(shop, { name: "Tea House", currencyCode: "USD" });
  standIn.seedCustomer(shop, { id: CUSTOMER, email: "ada@example.com" });
  await seedMember(shop, CUSTOMER, { firstName: "Ada", email: "ada@example.com" }, points);
  return shop;
}

function definition(overrides: Partial<RewardDefinition> = {}): RewardDefinition {
  return { ...REWARD_DEFAULTS, type: "fixed_amount", title: "$5 off", pointsCost: 100, amountMinor: 500, ...overrides };
}

async function issuerFor(shop: string): Promise<RewardIssuer> {
  const { admin } = await unauthenticated.admin(shop);
  return createRewardIssuer(admin.graphql, { timeoutMs: 300, baseDelayMs: 5, throttleRetries: 2 });
}

async function support(shop: string, form: Record<string, string>, options: { sub?: string; customerId?: string } = {}) {
  const customerId = options.customerId ?? CUSTOMER;
  const request = await staffRequest(shop, `/app/customers/${customerId}/support`, { sub: options.sub ?? "staff-42", form });
  return runRoute<SupportActionResult>(supportAction, request, { id: customerId });
}

/** A store-credit redemption left `reserved`: Shopify's answer to the credit was lost (after or before applying it). */
async function stuckCreditReservation(shop: string, rewardId: number, creditApplied: boolean, at = new Date(Date.now() - 10 * MINUTE)) {
  standIn.injectFault({ kind: creditApplied ? "http5xxAfterApply" : "http5xx", status: 502 }, { operationName: "RewardStoreCreditCredit" });
  // The lookup that follows a lost answer cannot find store credit by any key: the reservation stays for a person.
  const pending = await redeemReward(sqlDb, await issuerFor(shop), { shop, customerId: CUSTOMER, rewardId, currency: "USD" }, at).catch(
    (error: unknown) => error,
  );
  expect(pending).toBeInstanceOf(RedemptionPendingError);
  return (pending as RedemptionPendingError).redemptionId;
}

async function supportRows(shop: string) {
  return db.supportAction.findMany({ where: { shop }, orderBy: { id: "asc" } });
}

async function redemptionEntries(shop: string) {
  const entries = await db.ledgerEntry.findMany({ where: { shop, sourceType: "redemption" }, orderBy: { id: "asc" } });
  return entries.map((entry) => [entry.kind, Number(entry.availableDelta)]);
}

function creditsInShopify(shop: string) {
  return standIn.state.shops.get(shop)!.storeCreditTransactions.filter((transaction) => transaction.kind === "credit");
}

describe("resolving a store-credit reservation whose answer was lost", () => {
  it("GIVEN the credit was booked in Shopify WHEN support resolves it THEN the redemption is issued with that credit, points stay spent, audited", async () => {
    const shop = await shopWithMember(1000);
    const reward = await createReward(db, shop, definition({ type: "store_credit", title: "$3 credit", pointsCost: 300, amountMinor: 300 }));
    const id = await stuckCreditReservation(shop, reward.id, true);
    // The sweep's step cannot settle it on its own: that is what support is for. (The sweep itself is not run here:
    // it settles every shop's reservations, other test files' too.)
    expect(await settleFromShopify(sqlDb, await issuerFor(shop), (await loadRedemption(sqlDb, shop, id))!)).toBe("reserved");

    const result = await support(shop, { intent: "resolve", redemptionId: String(id) });

    expect(result).toMatchObject({ status: 200, body: { ok: true, intent: "resolve", outcome: "confirmed" } });
    const [credit] = creditsInShopify(shop);
    expect(creditsInShopify(shop)).toHaveLength(1);
    expect(await loadRedemption(sqlDb, shop, id)).toMatchObject({ status: "issued", shopifyCreditId: credit!.id });
    expect((await memberBalances(shop, CUSTOMER))!.available).toBe(700);
    expect(await redemptionEntries(shop)).toEqual([["redeem", -300]]);
    expect((await supportRows(shop)).map((row) => [row.action, row.staffUserId, row.redemptionId, Number(row.points)])).toEqual([
      ["credit_confirmed", "staff-42", id, 0],
    ]);
    expect(standIn.requests.some((r) => r.shop === shop && r.operationName === "RewardStoreCreditTransactions")).toBe(true);

    // Done once: a second click is refused and writes nothing.
    expect(await support(shop, { intent: "resolve", redemptionId: String(id) })).toMatchObject({ status: 409, body: { issues: [{ code: "not_reserved" }] } });
    expect(await supportRows(shop)).toHaveLength(1);
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN Shopify never booked the credit WHEN support resolves it THEN the points come back exactly once", async () => {
    const shop = await shopWithMember(1000);
    const reward = await createReward(db, shop, definition({ type: "store_credit", title: "$3 credit", pointsCost: 300, amountMinor: 300 }));
    const id = await stuckCreditReservation(shop, reward.id, false);
    expect((await memberBalances(shop, CUSTOMER))!.available).toBe(700);

    const first = await support(shop, { intent: "resolve", redemptionId: String(id) });
    const again = await support(shop, { intent: "resolve", redemptionId: String(id) });

    expect(first).toMatchObject({ status: 200, body: { outcome: "undone" } });
    expect(again).toMatchObject({ status: 409, body: { issues: [{ code: "not_reserved" }] } });
    expect(await loadRedemption(sqlDb, shop, id)).toMatchObject({ status: "failed" });
    expect((await memberBalances(shop, CUSTOMER))!.available).toBe(1000);
    expect(await redemptionEntries(shop)).toEqual([["redeem", -300], ["redeem_return", 300]]);
    expect((await supportRows(shop)).map((row) => [row.action, Number(row.points)])).toEqual([["credit_undone", 300]]);
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN two stuck reservations of the same amount and one credit in Shopify THEN one is completed and the other undone", async () => {
    const shop = await shopWithMember(1000);
    const reward = await createReward(db, shop, definition({ type: "store_credit", title: "$3 credit", pointsCost: 300, amountMinor: 300 }));
    const booked = await stuckCreditReservation(shop, reward.id, true, new Date(Date.now() - 12 * MINUTE));
    const lost = await stuckCreditReservation(shop, reward.id, false, new Date(Date.now() - 11 * MINUTE));

    const outcomes = [];
    for (const id of [lost, booked]) outcomes.push((await support(shop, { intent: "resolve", redemptionId: String(id) })).body);

    expect(outcomes.map((body) => (body as { outcome: string }).outcome).sort()).toEqual(["confirmed", "undone"]);
    const statuses = [(await loadRedemption(sqlDb, shop, booked))!, (await loadRedemption(sqlDb, shop, lost))!].map((r) => r.status);
    expect(statuses.sort()).toEqual(["failed", "issued"]);
    expect((await memberBalances(shop, CUSTOMER))!.available).toBe(700);
    await expectCachedBalancesMatchLedger(shop);
  });

  it("refuses a reservation still in its shopper's hands, and writes nothing when Shopify cannot be asked", async () => {
    const shop = await shopWithMember(1000);
    const reward = await createReward(db, shop, definition({ type: "store_credit", title: "$3 credit", pointsCost: 300, amountMinor: 300 }));
    const recent = await stuckCreditReservation(shop, reward.id, false, new Date());
    expect(await support(shop, { intent: "resolve", redemptionId: String(recent) })).toMatchObject({ status: 409, body: { issues: [{ code: "too_recent" }] } });

    const old = await stuckCreditReservation(shop, reward.id, false);
    standIn.injectFault({ kind: "http5xx", status: 503 }, { operationName: "RewardStoreCreditTransactions" });
    expect(await support(shop, { intent: "resolve", redemptionId: String(old) })).toMatchObject({ status: 503, body: { issues: [{ code: "shopify_unreachable" }] } });
    expect((await loadRedemption(sqlDb, shop, old))!.status).toBe("reserved");
    expect(await supportRows(shop)).toEqual([]);
    expect((await memberBalances(shop, CUSTOMER))!.available).toBe(400);
  });

  it("refuses a code redemption, a bad id, another customer's redemption and another shop's", async () => {
    const shop = await shopWithMember(1000);
    const code = await createReward(db, shop, definition());
    const { redemption } = await redeemReward(sqlDb, await issuerFor(shop), { shop, customerId: CUSTOMER, rewardId: code.id, currency: "USD" });
    expect(await support(shop, { intent: "resolve", redemptionId: String(redemption.id) })).toMatchObject({ status: 409, body: { issues: [{ code: "not_store_credit" }] } });
    expect(await support(shop, { intent: "resolve", redemptionId: "2147483648" })).toMatchObject({ status: 400, body: { issues: [{ field: "redemptionId" }] } });
    await seedMember(shop, "7002", {}, 0);
    expect(await support(shop, { intent: "resolve", redemptionId: String(redemption.id) }, { customerId: "7002" })).toMatchObject({ status: 404 });

    const other = await shopWithMember(0);
    expect(await support(other, { intent: "revoke", redemptionId: String(redemption.id) })).toMatchObject({ status: 404 });
    expect(await supportRows(shop)).toEqual([]);
  });
});

describe("revoking an issued code", () => {
  it("GIVEN an unused code WHEN support revokes it THEN Shopify's discount is deactivated, the points come back once, audited", async () => {
    const shop = await shopWithMember(500);
    const reward = await createReward(db, shop, definition());
    const { redemption } = await redeemReward(sqlDb, await issuerFor(shop), { shop, customerId: CUSTOMER, rewardId: reward.id, currency: "USD" });
    expect((await memberBalances(shop, CUSTOMER))!.available).toBe(400);

    const result = await support(shop, { intent: "revoke", redemptionId: String(redemption.id) }, { sub: "staff-9" });

    expect(result).toMatchObject({ status: 200, body: { ok: true, pointsReturned: 100 } });
    expect(await (await issuerFor(shop)).lookUp(redemption)).toMatchObject({ kind: "present", active: false });
    expect(redeemDiscountCode(standIn.state, shop, redemption.code!, { customerId: CUSTOMER })).toBe("NOT_ACTIVE");
    expect(await loadRedemption(sqlDb, shop, redemption.id)).toMatchObject({ status: "revoked" });
    expect((await memberBalances(shop, CUSTOMER))!.available).toBe(500);
    expect((await supportRows(shop)).map((row) => [row.action, row.staffUserId, Number(row.points)])).toEqual([["code_revoked", "staff-9", 100]]);

    expect(await support(shop, { intent: "revoke", redemptionId: String(redemption.id) })).toMatchObject({ status: 409, body: { issues: [{ code: "not_revocable" }] } });
    expect(await redemptionEntries(shop)).toEqual([["redeem", -100], ["redeem_return", 100]]);
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN the code was already used at checkout THEN revoking is refused, the code stays and no points move", async () => {
    const shop = await shopWithMember(500);
    const reward = await createReward(db, shop, definition());
    const { redemption } = await redeemReward(sqlDb, await issuerFor(shop), { shop, customerId: CUSTOMER, rewardId: reward.id, currency: "USD" });
    expect(redeemDiscountCode(standIn.state, shop, redemption.code!, { customerId: CUSTOMER })).toBeNull();

    const result = await support(shop, { intent: "revoke", redemptionId: String(redemption.id) });

    expect(result).toMatchObject({ status: 409, body: { issues: [{ code: "code_used" }] } });
    expect(standIn.requests.some((r) => r.shop === shop && r.operationName === "RewardCodeDeactivate")).toBe(false);
    expect((await loadRedemption(sqlDb, shop, redemption.id))!.status).toBe("issued");
    expect((await memberBalances(shop, CUSTOMER))!.available).toBe(400);
    expect(await supportRows(shop)).toEqual([]);
  });

  it("GIVEN Shopify fails the deactivation THEN nothing is returned and the code is still issued", async () => {
    const shop = await shopWithMember(500);
    const reward = await createReward(db, shop, definition());
    const { redemption } = await redeemReward(sqlDb, await issuerFor(shop), { shop, customerId: CUSTOMER, rewardId: reward.id, currency: "USD" });
    standIn.injectFault({ kind: "http5xx", status: 500 }, { operationName: "RewardCodeDeactivate" });
    expect(await support(shop, { intent: "revoke", redemptionId: String(redemption.id) })).toMatchObject({ status: 503 });
    expect((await loadRedemption(sqlDb, shop, redemption.id))!.status).toBe("issued");
    expect((await memberBalances(shop, CUSTOMER))!.available).toBe(400);
    expect(await supportRows(shop)).toEqual([]);
  });
});

describe("issuing a reward by hand", () => {
  it("GIVEN a $5 reward WHEN support issues it THEN the customer gets a code in Shopify with no points spent, once per form", async () => {
    const shop = await shopWithMember(50);
    const reward = await createReward(db, shop, definition());
    const form = { intent: "grant", rewardId: String(reward.id), requestKey: "grant-key-0001" };

    const first = await support(shop, form, { sub: "staff-5" });
    const again = await support(shop, form, { sub: "staff-5" });

    expect(first).toMatchObject({ status: 200, body: { ok: true, status: "issued", duplicate: false } });
    expect(again).toMatchObject({ status: 200, body: { ok: true, duplicate: true, code: (first.body as { code: string }).code } });
    const created = standIn.requests.filter((r) => r.shop === shop && r.operationName === "RewardCodeBasicCreate");
    expect(created).toHaveLength(1);
    expect(created[0]!.variables.input).toMatchObject({ context: { customers: { add: [`gid://shopify/Customer/${CUSTOMER}`] } }, usageLimit: 1 });
    const redemptions = await db.redemption.findMany({ where: { shop } });
    expect(redemptions.map((r) => [r.status, Number(r.points), r.grantedBy])).toEqual([["issued", 0, "staff-5"]]);
    expect((await memberBalances(shop, CUSTOMER))!.available).toBe(50);
    expect(await redemptionEntries(shop)).toEqual([]);
    expect((await supportRows(shop)).map((row) => [row.action, row.staffUserId, Number(row.points)])).toEqual([["reward_granted", "staff-5", 0]]);
    await expectCachedBalancesMatchLedger(shop);
  });

  it("refuses a disabled or unknown reward, a variable reward and a bad request key, writing nothing", async () => {
    const shop = await shopWithMember(50);
    const disabled = await createReward(db, shop, definition({ enabled: false }));
    const variable = await createReward(db, shop, definition({ type: "variable_amount", title: "Points for money", minPoints: 100, maxPoints: 500 }));
    expect(await support(shop, { intent: "grant", rewardId: String(disabled.id), requestKey: "grant-key-0002" })).toMatchObject({ status: 404 });
    expect(await support(shop, { intent: "grant", rewardId: String(variable.id), requestKey: "grant-key-0003" })).toMatchObject({
      status: 400,
      body: { issues: [{ field: "rewardId" }] },
    });
    expect(await support(shop, { intent: "grant", rewardId: String(disabled.id), requestKey: "x" })).toMatchObject({ status: 400, body: { issues: [{ field: "requestKey" }] } });
    expect(await support(shop, { intent: "bogus" })).toMatchObject({ status: 400, body: { issues: [{ field: "intent" }] } });
    expect(await db.redemption.count({ where: { shop } })).toBe(0);
    expect(await supportRows(shop)).toEqual([]);
  });

  it("GIVEN a session token signed with another secret THEN 401 and nothing issued", async () => {
    const shop = await shopWithMember(50);
    const reward = await createReward(db, shop, definition());
    const request = new Request(`${APP_URL}/app/customers/${CUSTOMER}/support`, {
      method: "POST",
      headers: { Authorization: `Bearer ${await forgedSessionToken(shop)}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "grant", rewardId: String(reward.id), requestKey: "grant-key-0004" }),
    });
    expect((await runRoute(supportAction, request, { id: CUSTOMER })).status).toBe(401);
    expect(await db.redemption.count({ where: { shop } })).toBe(0);
  });

  it("keeps the audit log append-only in the database", async () => {
    const shop = await shopWithMember(50);
    const reward = await createReward(db, shop, definition());
    await support(shop, { intent: "grant", rewardId: String(reward.id), requestKey: "grant-key-0005" });
    const row = await db.supportAction.findFirstOrThrow({ where: { shop } });
    // Prisma's SQLite adapter reports a trigger's abort as a constraint violation; raw SQL shows the trigger's words.
    await expect(db.supportAction.updateMany({ where: { shop }, data: { staffUserId: "someone-else" } })).rejects.toThrow();
    await expect(db.supportAction.deleteMany({ where: { shop } })).rejects.toThrow();
    await expect(db.$executeRawUnsafe(`UPDATE "SupportAction" SET "points" = 5000 WHERE "id" = ${row.id}`)).rejects.toThrow(/append-only/);
    expect(await db.supportAction.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
    // Erasing the shop takes them with its members.
    await redactShop(db, shop);
    expect(await db.supportAction.count({ where: { shop } })).toBe(0);
  });
});
