// The storefront's app proxy API (docs/proxy-api.md) through its real routes, with requests signed as Shopify's
// app proxy signs them.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { appendEntries, ensureMember } from "../../../app/persistence/ledger";
import { createReward, setRewardEnabled } from "../../../app/persistence/reward-catalog";
import { REWARD_DEFAULTS, type RewardDefinition } from "../../../app/rules/rewards";
import { recordShopSeen } from "../../../app/persistence/shops";
import { loader as programLoader } from "../../../app/routes/proxy.program";
import { loader as meLoader } from "../../../app/routes/proxy.me";
import { action as redeemAction } from "../../../app/routes/proxy.redeem";
import { installShop, signedProxyRequest, uniqueShop } from "../../support/shopify-requests";
import { expectCachedBalancesMatchLedger, memberBalances } from "../../support/ledger-invariants";
import { jsonRouteResponse, type ResourceRoute } from "../../support/route-response";

const standIn = installAdminApiStandIn();

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const call = jsonRouteResponse;
type Route = ResourceRoute;

const get = async (route: Route, shop: string, path: string, customerId?: string) =>
  call(route, await signedProxyRequest(shop, path, { customerId }));

const redeem = async (shop: string, customerId: string | undefined, body: unknown) =>
  call(
    redeemAction,
    await signedProxyRequest(shop, "/proxy/redeem", {
      customerId,
      init: { method: "POST", headers: { "Content-Type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) },
    }),
  );

function definition(overrides: Partial<RewardDefinition> = {}): RewardDefinition {
  return { ...REWARD_DEFAULTS, type: "fixed_amount", title: "$5 off", pointsCost: 100, amountMinor: 500, ...overrides };
}

async function shopWithMember(customerId: string, points: number, entries = 1) {
  const shop = uniqueShop();
  await installShop(shop);
  await recordShopSeen(sqlDb, shop, "EUR");
  standIn.seedShop(shop, { name: "Tea House", currencyCode: "EUR" });
  standIn.seedCustomer(shop, { id: customerId });
  const member = await ensureMember(sqlDb, shop, customerId);
  await sqlDb.transaction().execute((tx) =>
    appendEntries(
      tx,
      shop,
      member.id,
      Array.from({ length: entries }, (_, i) => ({
        kind: "adjust" as const,
        availableDelta: i === 0 ? points - (entries - 1) : 1,
        pendingDelta: 0,
        reason: `grant ${i}`,
        sourceType: "staff" as const,
        sourceId: "t",
        idempotencyKey: `grant:${customerId}:${i}`,
      })),
    ),
  );
  return shop;
}

describe("GET /proxy/program", () => {
  it("GIVEN a signed request (guest) THEN the shop's enabled rewards in order, earning rules, cacheable; never another shop's", async () => {
    const shop = await shopWithMember("1", 0);
    const other = await shopWithMember("1", 0);
    await createReward(db, shop, definition({ title: "Second", sortOrder: 2 }));
    await createReward(db, shop, definition({ title: "First", sortOrder: 1, type: "percentage", percentage: 10, amountMinor: null }));
    const hidden = await createReward(db, shop, definition({ title: "Hidden" }));
    await setRewardEnabled(db, shop, hidden.id, false);
    await createReward(db, other, definition({ title: "Other shop's" }));

    const { status, headers, body } = await get(programLoader, shop, "/proxy/program");
    expect(status).toBe(200);
    expect(headers.get("Cache-Control")).toBe("public, max-age=60");
    expect(body.currency).toBe("EUR");
    expect(body.earning).toMatchObject({ pointsPerUnit: 1, pendingDays: 14, rounding: "down" });
    expect(body.rewards.map((r: Json) => r.title)).toEqual(["First", "Second"]);
    expect(body.rewards[0]).toMatchObject({ type: "percentage", percentage: 10, pointsCost: 100, cheapestPoints: 100 });
  });

  it("GIVEN an unsigned request THEN 401", async () => {
    const url = `https://my-test-app.myshopify.io/proxy/program?shop=${uniqueShop()}`;
    expect((await call(programLoader, new Request(url))).status).toBe(401);
  });
});

describe("GET /proxy/me", () => {
  it("GIVEN a guest THEN 401 with a message", async () => {
    const shop = await shopWithMember("1", 0);
    const { status, body } = await get(meLoader, shop, "/proxy/me");
    expect(status).toBe(401);
    expect(body.error.code).toBe("sign_in_required");
  });

  it("GIVEN a signed-in shopper THEN their balances, affordable rewards and history in pages of 20", async () => {
    const shop = await shopWithMember("42", 150, 25);
    await createReward(db, shop, definition({ title: "Cheap", pointsCost: 100 }));
    await createReward(db, shop, definition({ title: "Dear", pointsCost: 1000 }));

    const first = await get(meLoader, shop, "/proxy/me", "42");
    expect(first.status).toBe(200);
    expect(first.headers.get("Cache-Control")).toBe("private, no-store");
    expect(first.body).toMatchObject({ availablePoints: 150, pendingPoints: 0, currency: "EUR" });
    expect(first.body.rewards.map((r: Json) => [r.title, r.affordable])).toEqual([
      ["Cheap", true],
      ["Dear", false],
    ]);
    expect(first.body.history.entries).toHaveLength(20);
    expect(first.body.history.entries[0].reason).toBe("grant 24");

    const second = await get(meLoader, shop, `/proxy/me?before=${first.body.history.nextBefore}`, "42");
    expect(second.body.history.entries.map((e: Json) => e.reason)).toEqual(["grant 4", "grant 3", "grant 2", "grant 1", "grant 0"]);
    expect(second.body.history.nextBefore).toBeNull();

    expect((await get(meLoader, shop, "/proxy/me?before=abc", "42")).status).toBe(400);
  });

  it("GIVEN the same customer id in another shop THEN that shop's request sees nothing of this shop's member", async () => {
    const shop = await shopWithMember("77", 900);
    const other = uniqueShop();
    const { status, body } = await get(meLoader, other, "/proxy/me", "77");
    expect(status).toBe(200);
    expect(body).toMatchObject({ availablePoints: 0, pendingPoints: 0, issuedRewards: [] });
    expect(body.history.entries).toEqual([]);
    expect((await memberBalances(shop, "77"))!.available).toBe(900);
  });
});

describe("POST /proxy/redeem", () => {
  it("GIVEN a signed-in shopper with points THEN the code and the new balance; /me then lists the code", async () => {
    const shop = await shopWithMember("501", 500);
    const reward = await createReward(db, shop, definition({ validityDays: 30 }));

    const { status, body } = await redeem(shop, "501", { rewardId: reward.id });
    expect(status).toBe(200);
    expect(body.availablePoints).toBe(400);
    expect(body.redemption).toMatchObject({ rewardId: reward.id, status: "issued", points: 100, valueMinor: 500, currency: "EUR" });
    expect(body.redemption.code).toMatch(/^[A-Z2-9]{10}$/);

    const me = await get(meLoader, shop, "/proxy/me", "501");
    expect(me.body.issuedRewards).toEqual([
      expect.objectContaining({ code: body.redemption.code, status: "issued", title: "$5 off", expiresAt: body.redemption.expiresAt }),
    ]);
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN a guest, bad JSON, a bad rewardId, an unknown reward or too few points THEN 401/400/404/409 and nothing written", async () => {
    const shop = await shopWithMember("502", 50);
    const reward = await createReward(db, shop, definition());

    expect((await redeem(shop, undefined, { rewardId: reward.id })).status).toBe(401);
    const badJson = await redeem(shop, "502", "{nope");
    expect(badJson).toMatchObject({ status: 400, body: { error: { code: "invalid_request", message: "the body must be JSON" } } });
    expect((await redeem(shop, "502", { rewardId: "1" })).body.error.message).toBe("rewardId must be a reward's id");
    expect((await redeem(shop, "502", { rewardId: reward.id, points: -3 })).status).toBe(400);
    expect((await redeem(shop, "502", { rewardId: 987654 })).status).toBe(404);
    const poor = await redeem(shop, "502", { rewardId: reward.id });
    expect(poor).toMatchObject({ status: 409, body: { error: { code: "insufficient_points" } } });

    expect(await db.redemption.count({ where: { shop } })).toBe(0);
    expect(await memberBalances(shop, "502")).toEqual({ available: 50, pending: 0 });
  });

  it("GIVEN ids beyond the 32-bit id columns (2^31 … 2^53) THEN 400, never a database error, and nothing written", async () => {
    const shop = await shopWithMember("505", 500);
    await createReward(db, shop, definition());
    for (const id of [2 ** 31, 2 ** 53 - 1]) {
      const page = await get(meLoader, shop, `/proxy/me?before=${id}`, "505");
      expect(page).toMatchObject({ status: 400, body: { error: { code: "invalid_cursor" } } });
      const redeemed = await redeem(shop, "505", { rewardId: id });
      expect(redeemed).toMatchObject({ status: 400, body: { error: { code: "invalid_request", message: "rewardId must be a reward's id" } } });
    }
    // The largest id a column holds is still an id: a page before it is the newest page.
    expect((await get(meLoader, shop, `/proxy/me?before=${2 ** 31 - 1}`, "505")).status).toBe(200);
    expect(await db.redemption.count({ where: { shop } })).toBe(0);
    expect(await memberBalances(shop, "505")).toEqual({ available: 500, pending: 0 });
  });

  it("GIVEN a shop whose offline session is gone (uninstalled) THEN 503 shop_unavailable and nothing written", async () => {
    const shop = await shopWithMember("504", 500);
    const reward = await createReward(db, shop, definition());
    // What app/uninstalled leaves: the loyalty data stays, the access token does not.
    await db.session.deleteMany({ where: { shop } });
    const entriesBefore = await db.ledgerEntry.count({ where: { shop } });

    const answer = await redeem(shop, "504", { rewardId: reward.id });
    expect(answer).toMatchObject({ status: 503, body: { error: { code: "shop_unavailable", message: expect.any(String) } } });
    expect(await db.redemption.count({ where: { shop } })).toBe(0);
    expect(await db.ledgerEntry.count({ where: { shop } })).toBe(entriesBefore);
    expect(await memberBalances(shop, "504")).toEqual({ available: 500, pending: 0 });
    expect(standIn.requests.filter((r) => r.shop === shop)).toEqual([]);
  });

  it("GIVEN a sixth redemption within a minute THEN 429 with Retry-After, and no points move", async () => {
    const shop = await shopWithMember("503", 10_000);
    const reward = await createReward(db, shop, definition({ pointsCost: 10 }));
    for (let i = 0; i < 5; i += 1) expect((await redeem(shop, "503", { rewardId: reward.id })).status).toBe(200);

    const limited = await redeem(shop, "503", { rewardId: reward.id });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(limited.body.error.code).toBe("rate_limited");
    expect(await memberBalances(shop, "503")).toEqual({ available: 9950, pending: 0 });
  });
});
