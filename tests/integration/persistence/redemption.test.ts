// Redemption through the Admin API stand-in: points become a Shopify discount code (or store credit) in one safe
// transaction, and every failure Shopify can produce ends with exact balances and no live code without a
// committed redemption.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { unauthenticated } from "../../../app/shopify.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { appendEntries, ensureMember } from "../../../app/persistence/ledger";
import { createReward } from "../../../app/persistence/reward-catalog";
import { REWARD_DEFAULTS, type RewardDefinition } from "../../../app/rules/rewards";
import {
  InsufficientPointsError,
  loadRedemption,
  redeemReward,
  RedemptionPendingError,
  RedemptionRefusedError,
  reserveRedemption,
  type RewardIssuer,
} from "../../../app/persistence/redemption";
import { expireUnusedCodes, reconcileStaleReservations, STALE_RESERVATION_MS } from "../../../app/persistence/redemption-sweeps";
import { createRewardIssuer } from "../../../app/shopify/reward-issuer.server";
import { installShop, uniqueShop } from "../../support/shopify-requests";
import { deliverOk } from "../../support/webhook-delivery";
import { orderPaidPayload } from "../../support/shopify-payloads";
import { expectCachedBalancesMatchLedger, memberBalances } from "../../support/ledger-invariants";

const standIn = installAdminApiStandIn();
const DAY = 24 * 60 * 60 * 1000;
const CUSTOMER = "5001";

async function shopWithMember(points: number, customerId = CUSTOMER) {
  const shop = uniqueShop();
  await installShop(shop);
  standIn.seedShop(shop, { name: "Tea House", currencyCode: "USD" });
  standIn.seedCustomer(shop, { id: customerId, email: `${customerId}@example.com` });
  const member = await ensureMember(sqlDb, shop, customerId);
  await sqlDb.transaction().execute((tx) =>
    appendEntries(tx, shop, member.id, [
      { kind: "adjust", availableDelta: points, pendingDelta: 0, reason: "test grant", sourceType: "staff", sourceId: "t", idempotencyKey: `grant:${customerId}` },
    ]),
  );
  return shop;
}

function definition(overrides: Partial<RewardDefinition> = {}): RewardDefinition {
  return { ...REWARD_DEFAULTS, type: "fixed_amount", title: "$5 off", pointsCost: 100, amountMinor: 500, ...overrides };
}

async function issuerFor(shop: string): Promise<RewardIssuer> {
  const { admin } = await unauthenticated.admin(shop);
  // Short timeouts and back-off so the fault tests run in milliseconds; the defaults are 10 s and 500 ms.
  return createRewardIssuer(admin.graphql, { timeoutMs: 300, baseDelayMs: 5, throttleRetries: 2 });
}

/** Shopify's own view of a code, through the same lookup the app's reconciliation uses. */
async function codeInShopify(shop: string, code: string) {
  const issuer = await issuerFor(shop);
  return issuer.lookUp({ code } as Parameters<RewardIssuer["lookUp"]>[0]);
}

async function redeem(shop: string, rewardId: number, points?: number) {
  return redeemReward(sqlDb, await issuerFor(shop), { shop, customerId: CUSTOMER, rewardId, points, currency: "USD" });
}

async function redemptionEntries(shop: string) {
  const entries = await db.ledgerEntry.findMany({ where: { shop, sourceType: "redemption" }, orderBy: { id: "asc" } });
  return entries.map((e) => [e.kind, Number(e.availableDelta)]);
}

describe("redeeming a reward", () => {
  it("GIVEN 500 points WHEN a 100-point $5 reward is redeemed THEN a single-use code for this customer exists in Shopify and 400 points remain", async () => {
    const shop = await shopWithMember(500);
    const reward = await createReward(db, shop, definition({ minimumSubtotalMinor: 2000, validityDays: 30 }));

    const { redemption, availablePoints } = await redeem(shop, reward.id);

    expect(availablePoints).toBe(400);
    expect(redemption.status).toBe("issued");
    expect(redemption.code).toMatch(/^[A-Z2-9]{10}$/);
    expect(redemption.shopifyDiscountId).toMatch(/^gid:\/\/shopify\/DiscountCodeNode\/\d+$/);
    expect(await codeInShopify(shop, redemption.code!)).toMatchObject({ kind: "present", active: true, used: false });
    const created = standIn.requests.find((r) => r.operationName === "RewardCodeBasicCreate")!;
    expect(created.variables.input).toMatchObject({
      usageLimit: 1,
      appliesOncePerCustomer: true,
      context: { customers: { add: [`gid://shopify/Customer/${CUSTOMER}`] } },
      minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: "20.00" } },
    });
    expect(await redemptionEntries(shop)).toEqual([["redeem", -100]]);
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN the variable reward and store credit THEN the chosen points buy their value", async () => {
    const shop = await shopWithMember(1000);
    const variable = await createReward(
      db,
      shop,
      definition({ type: "variable_amount", title: "Points for money", pointsCost: 100, amountMinor: 100, minPoints: 200, maxPoints: 800 }),
    );
    const credit = await createReward(db, shop, definition({ type: "store_credit", title: "$3 credit", pointsCost: 300, amountMinor: 300 }));

    const a = await redeem(shop, variable.id, 500);
    expect(a.redemption).toMatchObject({ points: 500, valueMinor: 500, status: "issued" });
    expect(standIn.requests.at(-1)!.variables.input).toMatchObject({
      customerGets: { value: { discountAmount: { amount: "5.00", appliesOnEachItem: false } } },
    });
    const b = await redeem(shop, credit.id);
    expect(b.redemption).toMatchObject({ points: 300, valueMinor: 300, status: "issued", code: null });
    expect(b.availablePoints).toBe(200);
    expect(standIn.requests.at(-1)!.operationName).toBe("RewardStoreCreditCredit");
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN a free shipping reward THEN a free-shipping code that does not stack with other shipping discounts", async () => {
    const shop = await shopWithMember(500);
    const reward = await createReward(db, shop, definition({ type: "free_shipping", title: "Free shipping", amountMinor: null }));
    const { redemption } = await redeem(shop, reward.id);
    expect(redemption.status).toBe("issued");
    const created = standIn.requests.find((r) => r.shop === shop && r.operationName === "RewardCodeFreeShippingCreate")!;
    expect(created.variables.input).toMatchObject({ combinesWith: { shippingDiscounts: false }, usageLimit: 1 });
    expect(await codeInShopify(shop, redemption.code!)).toMatchObject({ kind: "present", active: true });
  });

  it("GIVEN too few points, an unknown reward, another shop's reward or bad variable points THEN refused and nothing changes", async () => {
    const shop = await shopWithMember(50);
    const other = await shopWithMember(5000);
    const reward = await createReward(db, shop, definition());
    const othersReward = await createReward(db, other, definition());

    await expect(redeem(shop, reward.id)).rejects.toBeInstanceOf(InsufficientPointsError);
    await expect(redeem(shop, othersReward.id)).rejects.toMatchObject({ code: "unknown_reward" });
    await expect(redeem(shop, 999_999)).rejects.toMatchObject({ code: "unknown_reward" });
    expect(await memberBalances(shop, CUSTOMER)).toEqual({ available: 50, pending: 0 });
    expect(await db.redemption.count({ where: { shop } })).toBe(0);
    expect(standIn.requests.filter((r) => r.shop === shop && r.isMutation)).toEqual([]);
  });
});

describe("when Shopify fails, points come back and no live code is left", () => {
  async function expectRestored(shop: string, redemptionStatus = "failed") {
    expect(await memberBalances(shop, CUSTOMER)).toEqual({ available: 500, pending: 0 });
    const [row] = await db.redemption.findMany({ where: { shop } });
    expect(row!.status).toBe(redemptionStatus);
    expect(await codeInShopify(shop, row!.code!)).toMatchObject({ kind: "absent" });
    expect(await redemptionEntries(shop)).toEqual([
      ["redeem", -100],
      ["redeem_return", 100],
    ]);
    await expectCachedBalancesMatchLedger(shop);
  }

  it("GIVEN userErrors THEN refused with Shopify's message", async () => {
    const shop = await shopWithMember(500);
    const reward = await createReward(db, shop, definition());
    standIn.injectFault(
      { kind: "userErrors", userErrors: [{ field: ["basicCodeDiscount", "code"], code: "INVALID", message: "Code is invalid" }] },
      { operationName: "RewardCodeBasicCreate" },
    );
    await expect(redeem(shop, reward.id)).rejects.toThrow(/INVALID: Code is invalid/);
    await expectRestored(shop);
  });

  it("GIVEN a 5xx THEN the code is looked up (absent) and the points return", async () => {
    const shop = await shopWithMember(500);
    const reward = await createReward(db, shop, definition());
    standIn.injectFault({ kind: "http5xx", status: 502 }, { operationName: "RewardCodeBasicCreate" });
    await expect(redeem(shop, reward.id)).rejects.toBeInstanceOf(RedemptionRefusedError);
    await expectRestored(shop);
  });

  it("GIVEN throttling on every retry THEN refused after backing off; GIVEN throttling once THEN the retry succeeds", async () => {
    const shop = await shopWithMember(500);
    const reward = await createReward(db, shop, definition());
    standIn.injectFault({ kind: "throttled" }, { operationName: "RewardCodeBasicCreate", times: 3 });
    await expect(redeem(shop, reward.id)).rejects.toThrow(/throttled/);
    expect(standIn.requests.filter((r) => r.shop === shop && r.operationName === "RewardCodeBasicCreate")).toHaveLength(3);
    await expectRestored(shop);

    standIn.injectFault({ kind: "throttled" }, { operationName: "RewardCodeBasicCreate", times: 1 });
    const { availablePoints } = await redeem(shop, reward.id);
    expect(availablePoints).toBe(400);
  });

  it("GIVEN no answer at all THEN it times out, finds no code, and the points return", async () => {
    const shop = await shopWithMember(500);
    const reward = await createReward(db, shop, definition());
    standIn.injectFault({ kind: "timeout" }, { operationName: "RewardCodeBasicCreate" });
    await expect(redeem(shop, reward.id)).rejects.toBeInstanceOf(RedemptionRefusedError);
    await expectRestored(shop);
  });

  it("GIVEN Shopify created the code but the answer was lost (timeout or 5xx after applying) THEN the code is deactivated and the points return", async () => {
    for (const fault of [{ kind: "timeoutAfterApply" as const }, { kind: "http5xxAfterApply" as const, status: 502 as const }]) {
      const shop = await shopWithMember(500);
      const reward = await createReward(db, shop, definition());
      standIn.injectFault(fault, { operationName: "RewardCodeBasicCreate" });
      await expect(redeem(shop, reward.id)).rejects.toBeInstanceOf(RedemptionRefusedError);

      const [row] = await db.redemption.findMany({ where: { shop } });
      expect(row!.status).toBe("failed");
      // The code Shopify did create is still on record there, but no longer usable.
      expect(await codeInShopify(shop, row!.code!)).toMatchObject({ kind: "present", active: false });
      expect(await memberBalances(shop, CUSTOMER)).toEqual({ available: 500, pending: 0 });
      await expectCachedBalancesMatchLedger(shop);
    }
  });

  it("GIVEN no answer AND Shopify unreachable for the lookup THEN the reservation waits, and reconciliation settles it later", async () => {
    const shop = await shopWithMember(500);
    const reward = await createReward(db, shop, definition());
    standIn.injectFault({ kind: "timeout" }, { operationName: "RewardCodeBasicCreate" });
    standIn.injectFault({ kind: "http5xx", status: 503 }, { operationName: "RewardCodeLookUp" });
    await expect(redeem(shop, reward.id)).rejects.toBeInstanceOf(RedemptionPendingError);
    expect(await memberBalances(shop, CUSTOMER)).toEqual({ available: 400, pending: 0 }); // reserved, not lost

    expect(await reconcileStaleReservations(sqlDb, issuerFor, new Date())).toEqual({ issued: 0, failed: 0, unsettled: 0 }); // too fresh
    expect(await reconcileStaleReservations(sqlDb, issuerFor, new Date(Date.now() + STALE_RESERVATION_MS + 1000))).toEqual({
      issued: 0,
      failed: 1,
      unsettled: 0,
    });
    await expectRestored(shop);
  });
});

describe("reconciliation of reservations a crash left behind", () => {
  it("GIVEN the process died after Shopify created the code THEN reconciliation completes the redemption", async () => {
    const shop = await shopWithMember(500);
    const reward = await createReward(db, shop, definition());
    const issuer = await issuerFor(shop);
    const reserved = await reserveRedemption(sqlDb, { shop, customerId: CUSTOMER, rewardId: reward.id, currency: "USD" });
    const outcome = await issuer.issue({
      shop,
      redemptionId: reserved.id,
      customerId: CUSTOMER,
      reward: reserved.reward,
      code: reserved.code,
      valueMinor: reserved.valueMinor,
      currency: "USD",
      startsAt: new Date(),
      expiresAt: reserved.expiresAt,
    });
    expect(outcome.kind).toBe("issued");
    // …and the process died here, before recording it.

    const later = new Date(Date.now() + STALE_RESERVATION_MS + 1000);
    expect(await reconcileStaleReservations(sqlDb, issuerFor, later)).toEqual({ issued: 1, failed: 0, unsettled: 0 });
    expect((await loadRedemption(sqlDb, shop, reserved.id))!.status).toBe("issued");
    expect(await memberBalances(shop, CUSTOMER)).toEqual({ available: 400, pending: 0 });
    expect(await reconcileStaleReservations(sqlDb, issuerFor, later)).toEqual({ issued: 0, failed: 0, unsettled: 0 });
  });

  it("GIVEN the process died before asking Shopify THEN reconciliation returns the points", async () => {
    const shop = await shopWithMember(500);
    const reward = await createReward(db, shop, definition());
    await reserveRedemption(sqlDb, { shop, customerId: CUSTOMER, rewardId: reward.id, currency: "USD" });
    const later = new Date(Date.now() + STALE_RESERVATION_MS + 1000);
    expect(await reconcileStaleReservations(sqlDb, issuerFor, later)).toEqual({ issued: 0, failed: 1, unsettled: 0 });
    expect(await memberBalances(shop, CUSTOMER)).toEqual({ available: 500, pending: 0 });
  });
});

describe("codes after issue", () => {
  it("GIVEN a code unused past its expiry THEN it is deactivated in Shopify and the points come back with the reason", async () => {
    const shop = await shopWithMember(500);
    const reward = await createReward(db, shop, definition({ validityDays: 7 }));
    const { redemption } = await redeem(shop, reward.id);

    // The sweep is global and other test files share the database (short-lived cart codes among them): what is
    // asserted is this shop's redemption, and counts only as "at least ours".
    await expireUnusedCodes(sqlDb, issuerFor, new Date(Date.now() + 6 * DAY));
    expect((await loadRedemption(sqlDb, shop, redemption.id))!.status).toBe("issued");
    expect((await expireUnusedCodes(sqlDb, issuerFor, new Date(Date.now() + 8 * DAY))).expired).toBeGreaterThanOrEqual(1);

    expect(await codeInShopify(shop, redemption.code!)).toMatchObject({ kind: "present", active: false });
    expect(standIn.requests.some((r) => r.shop === shop && r.operationName === "RewardCodeDeactivate")).toBe(true);
    expect(await memberBalances(shop, CUSTOMER)).toEqual({ available: 500, pending: 0 });
    const returned = await db.ledgerEntry.findFirstOrThrow({ where: { shop, kind: "redeem_return" } });
    expect(returned.reason).toBe(`Code ${redemption.code} expired unused`);
    expect((await loadRedemption(sqlDb, shop, redemption.id))!.status).toBe("expired");
    await expireUnusedCodes(sqlDb, issuerFor, new Date(Date.now() + 9 * DAY));
    expect(await memberBalances(shop, CUSTOMER)).toEqual({ available: 500, pending: 0 });
    expect(await db.ledgerEntry.count({ where: { shop, kind: "redeem_return" } })).toBe(1);
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN an order paid with the code THEN the redemption is used and expiry leaves it alone", async () => {
    const shop = await shopWithMember(500);
    const reward = await createReward(db, shop, definition({ validityDays: 7 }));
    const { redemption } = await redeem(shop, reward.id);

    const payload = orderPaidPayload({ orderId: "77001", customerId: CUSTOMER, lines: [{ id: "770011", quantity: 1, unitPrice: 3000 }] });
    await deliverOk(shop, "orders/paid", { ...payload, discount_codes: [{ code: redemption.code!.toLowerCase(), amount: "5.00", type: "fixed_amount" }] });

    const used = await db.redemption.findUniqueOrThrow({ where: { id: redemption.id } });
    expect(used).toMatchObject({ status: "used", orderId: "77001" });
    await expireUnusedCodes(sqlDb, issuerFor, new Date(Date.now() + 8 * DAY));
    expect((await loadRedemption(sqlDb, shop, redemption.id))!.status).toBe("used");
    expect((await memberBalances(shop, CUSTOMER))!.available).toBe(400);
  });
});

describe("concurrency", () => {
  it("GIVEN 500 points WHEN 50 redemptions of a 100-point reward race THEN exactly 5 succeed, 0 points remain and exactly 5 codes exist", async () => {
    const shop = await shopWithMember(500);
    const reward = await createReward(db, shop, definition());
    const issuer = await issuerFor(shop);

    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => redeemReward(sqlDb, issuer, { shop, customerId: CUSTOMER, rewardId: reward.id, currency: "USD" })),
    );

    const succeeded = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(succeeded).toHaveLength(5);
    expect(refused.every((r) => (r as PromiseRejectedResult).reason instanceof InsufficientPointsError)).toBe(true);
    expect(await memberBalances(shop, CUSTOMER)).toEqual({ available: 0, pending: 0 });
    const codes = await db.redemption.findMany({ where: { shop, status: "issued" } });
    expect(codes).toHaveLength(5);
    for (const row of codes) expect(await codeInShopify(shop, row.code!)).toMatchObject({ kind: "present", active: true });
    expect(standIn.requests.filter((r) => r.shop === shop && r.operationName === "RewardCodeBasicCreate")).toHaveLength(5);
    await expectCachedBalancesMatchLedger(shop);
  });
});
