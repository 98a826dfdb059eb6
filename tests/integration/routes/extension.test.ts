// The UI extensions' backend (/extension/checkout/*, /extension/account/*) through its real routes, with session
// tokens minted as Shopify mints them for checkout and customer account extensions, and the app proxy's /redeem and
// /cancel beside them (the cart block): one redemption, whatever the surface.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterEach, describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { instant } from "../../../app/db/dialect";
import { appendEntries, ensureMember } from "../../../app/persistence/ledger";
import { createReward } from "../../../app/persistence/reward-catalog";
import { REWARD_DEFAULTS, type RewardDefinition } from "../../../app/rules/rewards";
import { recordShopSeen } from "../../../app/persistence/shops";
import * as checkoutMe from "../../../app/routes/extension.checkout.me";
import * as checkoutRedeem from "../../../app/routes/extension.checkout.redeem";
import * as checkoutCancel from "../../../app/routes/extension.checkout.cancel";
import * as accountMe from "../../../app/routes/extension.account.me";
import * as accountRedeem from "../../../app/routes/extension.account.redeem";
import { action as proxyRedeem } from "../../../app/routes/proxy.redeem";
import { action as proxyCancel } from "../../../app/routes/proxy.cancel";
import { CART_CODE_VALID_MS } from "../../../app/shopify/member-api.server";
import { expireUnusedCodes } from "../../../app/persistence/redemption-sweeps";
import { rewardIssuerForShop } from "../../../app/shopify/reward-issuer.server";
import { extensionRequest, installShop, signedProxyRequest, uniqueShop, type ExtensionTokenOptions } from "../../support/shopify-requests";
import { expectCachedBalancesMatchLedger, memberBalances } from "../../support/ledger-invariants";
import { jsonRouteResponse as call, jsonPost as post } from "../../support/route-response";

const standIn = installAdminApiStandIn();

// The expiry sweep is global and other files share the database: a 24-hour code of ours left issued would be swept
// (and counted) by their sweeps. Each test's codes still issued afterwards are marked used.
const shops: string[] = [];
afterEach(async () => {
  await db.redemption.updateMany({ where: { shop: { in: shops.splice(0) }, status: "issued" }, data: { status: "used" } });
});

type Route = (args: LoaderFunctionArgs) => Promise<Response>;



const ext = async (route: Route, path: string, options: ExtensionTokenOptions & { init?: RequestInit; token?: string | null }) =>
  call(route, await extensionRequest(path, options));

const proxy = async (route: Route, shop: string, path: string, customerId: string, body: unknown) =>
  call(route, await signedProxyRequest(shop, path, { customerId, init: post(body) }));

function definition(overrides: Partial<RewardDefinition> = {}): RewardDefinition {
  return { ...REWARD_DEFAULTS, type: "fixed_amount", title: "$5 off", pointsCost: 100, amountMinor: 500, validityDays: 30, ...overrides };
}

async function grant(shop: string, customerId: string, points: number) {
  standIn.seedCustomer(shop, { id: customerId });
  const member = await ensureMember(sqlDb, shop, customerId);
  await sqlDb.transaction().execute((tx) =>
    appendEntries(tx, shop, member.id, [
      { kind: "adjust", availableDelta: points, pendingDelta: 0, reason: "grant", sourceType: "staff", sourceId: "t", idempotencyKey: `grant:${customerId}` },
    ]),
  );
  return member;
}

async function shopWith(members: Record<string, number>) {
  const shop = uniqueShop("ext");
  shops.push(shop);
  await installShop(shop);
  await recordShopSeen(sqlDb, shop, "EUR");
  standIn.seedShop(shop, { name: "Tea House", currencyCode: "EUR" });
  for (const [customerId, points] of Object.entries(members)) await grant(shop, customerId, points);
  const reward = await createReward(db, shop, definition());
  return { shop, reward };
}

const discountFor = (shop: string, code: string) =>
  [...(standIn.state.shops.get(shop)?.discounts.values() ?? [])].find((d) => d.codes.some((c) => c.code === code));

describe("session tokens", () => {
  it("GIVEN a valid checkout token THEN the token's customer's view, with CORS headers; a guest token THEN the program only", async () => {
    const { shop } = await shopWith({ "7001": 250 });
    const me = await ext(checkoutMe.loader, "/extension/checkout/me", { shop, customerId: "7001" });
    expect(me.status).toBe(200);
    expect(me.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(me.headers.get("Cache-Control")).toBe("private, no-store");
    expect(me.body).toMatchObject({ signedIn: true, program: { pointsPerUnit: 1, pendingDays: 14, currency: "EUR" }, member: { availablePoints: 250 } });
    expect(me.body.member.rewards).toEqual([expect.objectContaining({ title: "$5 off", affordable: true })]);

    const guest = await ext(checkoutMe.loader, "/extension/checkout/me", { shop });
    expect(guest.body).toMatchObject({ signedIn: false, member: null, program: { pointsPerUnit: 1 } });
    const account = await ext(accountMe.loader, "/extension/account/me", { shop, customerId: "7001", surface: "customerAccount" });
    expect(account.body.member.availablePoints).toBe(250);
  });

  it("GIVEN the CORS preflight THEN 204 with the headers, before any token is read", async () => {
    const { shop } = await shopWith({});
    for (const route of [checkoutRedeem.action, checkoutMe.action, accountRedeem.action]) {
      const preflight = await ext(route, "/extension/checkout/redeem", {
        shop,
        token: null,
        init: { method: "OPTIONS", headers: { "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type" } },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("Access-Control-Allow-Origin")).toBe("*");
      expect(preflight.headers.get("Access-Control-Allow-Headers")).toMatch(/Authorization/);
      expect(preflight.headers.get("Access-Control-Max-Age")).toBe("7200");
    }
  });

  it("GIVEN a forged, expired, wrong-audience or missing token THEN 401 (readable cross-origin) and nothing written", async () => {
    const { shop, reward } = await shopWith({ "7001": 500 });
    const bad: Array<Partial<ExtensionTokenOptions> & { token?: string | null }> = [
      { secret: "not-the-app-secret" },
      { expiresIn: -60 },
      { audience: "another-apps-client-id" },
      { token: null },
      { token: "not.a.jwt" },
    ];
    for (const options of bad) {
      for (const [route, path, surface] of [
        [checkoutRedeem.action, "/extension/checkout/redeem", "checkout"],
        [accountRedeem.action, "/extension/account/redeem", "customerAccount"],
      ] as const) {
        const answer = await ext(route, path, { shop, customerId: "7001", surface, ...options, init: post({ rewardId: reward.id }) });
        expect(answer.status, JSON.stringify(options)).toBe(401);
        expect(answer.body.error.code).toBe("invalid_session_token");
        expect(answer.headers.get("Access-Control-Allow-Origin")).toBe("*");
      }
      const read = await ext(checkoutMe.loader, "/extension/checkout/me", { shop, customerId: "7001", ...options });
      expect(read.status).toBe(401);
    }
    expect(await db.redemption.count({ where: { shop } })).toBe(0);
    expect(await memberBalances(shop, "7001")).toEqual({ available: 500, pending: 0 });
    expect(standIn.requests.filter((r) => r.shop === shop)).toEqual([]);
  });

  it("GIVEN a token for customer A THEN only A is read and spent, whatever the body or query says; B's redemption cannot be cancelled by A", async () => {
    const { shop, reward } = await shopWith({ "7001": 300, "7002": 300 });
    const me = await ext(checkoutMe.loader, "/extension/checkout/me?customerId=7002&logged_in_customer_id=7002", { shop, customerId: "7001" });
    expect(me.body.member.availablePoints).toBe(300);

    const redeemed = await ext(checkoutRedeem.action, "/extension/checkout/redeem?customerId=7002", {
      shop,
      customerId: "7001",
      init: post({ rewardId: reward.id, customerId: "7002" }),
    });
    expect(redeemed.status).toBe(200);
    expect(await memberBalances(shop, "7001")).toEqual({ available: 200, pending: 0 });
    expect(await memberBalances(shop, "7002")).toEqual({ available: 300, pending: 0 });

    // B redeems; A tries to cancel B's redemption from checkout and from the cart: 404, nothing moves.
    const theirs = await proxy(proxyRedeem, shop, "/proxy/redeem", "7002", { rewardId: reward.id });
    expect(theirs.status).toBe(200);
    const viaCheckout = await ext(checkoutCancel.action, "/extension/checkout/cancel", { shop, customerId: "7001", init: post({ redemptionId: theirs.body.redemption.id }) });
    expect(viaCheckout).toMatchObject({ status: 404, body: { error: { code: "unknown_redemption" } } });
    const viaCart = await proxy(proxyCancel, shop, "/proxy/cancel", "7001", { redemptionId: theirs.body.redemption.id });
    expect(viaCart.status).toBe(404);
    expect(await memberBalances(shop, "7002")).toEqual({ available: 200, pending: 0 });
    expect(discountFor(shop, theirs.body.redemption.code)?.endsAt).not.toBe(null);
    expect(Date.parse(discountFor(shop, theirs.body.redemption.code)!.endsAt!)).toBeGreaterThan(Date.now());

    // A guest checkout token has no customer: it cannot redeem at all.
    const guest = await ext(checkoutRedeem.action, "/extension/checkout/redeem", { shop, init: post({ rewardId: reward.id }) });
    expect(guest).toMatchObject({ status: 401, body: { error: { code: "sign_in_required" } } });
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN an order id THEN what that order earned its own customer, and nothing of another customer's order", async () => {
    const { shop } = await shopWith({ "7001": 0, "7002": 0 });
    const member = await ensureMember(sqlDb, shop, "7001");
    const now = new Date();
    const releaseAt = new Date(now.getTime() + 14 * 86_400_000);
    await sqlDb
      .insertInto("OrderRecord")
      .values({
        shop,
        orderId: "820982911946154508",
        customerId: "7001",
        memberId: member.id,
        currency: "EUR",
        earning: "{}",
        totalPoints: 42,
        netSalesMinor: 4200,
        paidAt: instant(now),
        releaseAt: instant(releaseAt),
        createdAt: instant(now),
        updatedAt: instant(now),
      })
      .execute();
    const mine = await ext(checkoutMe.loader, "/extension/checkout/me?order=gid://shopify/OrderIdentity/820982911946154508", { shop, customerId: "7001" });
    expect(mine.body.order).toEqual({ points: 42, releaseAt: releaseAt.toISOString(), released: false, cancelled: false });
    const theirs = await ext(checkoutMe.loader, "/extension/checkout/me?order=820982911946154508", { shop, customerId: "7002" });
    expect(theirs.body.order).toBe(null);
    expect((await ext(checkoutMe.loader, "/extension/checkout/me?order=drop%20table", { shop, customerId: "7001" })).status).toBe(400);
  });
});

describe("redeem and cancel from the cart and the checkout", () => {
  it("GIVEN a checkout redemption THEN a code valid 24 h; cancelling deactivates it in Shopify and returns the points, once", async () => {
    const { shop, reward } = await shopWith({ "7001": 300 });
    const started = Date.now();
    const redeemed = await ext(checkoutRedeem.action, "/extension/checkout/redeem", { shop, customerId: "7001", init: post({ rewardId: reward.id }) });
    expect(redeemed.status).toBe(200);
    expect(redeemed.body).toMatchObject({ availablePoints: 200, redemption: { status: "issued", points: 100 } });
    const expiresAt = Date.parse(redeemed.body.redemption.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(started + CART_CODE_VALID_MS - 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + CART_CODE_VALID_MS);
    const code: string = redeemed.body.redemption.code;
    expect(Date.parse(discountFor(shop, code)!.endsAt!)).toBe(Math.floor(expiresAt / 1000) * 1000);

    const cancelled = await ext(checkoutCancel.action, "/extension/checkout/cancel", { shop, customerId: "7001", init: post({ redemptionId: redeemed.body.redemption.id }) });
    expect(cancelled).toMatchObject({ status: 200, body: { pointsReturned: 100, availablePoints: 300, redemption: { status: "revoked" } } });
    expect(Date.parse(discountFor(shop, code)!.endsAt!)).toBeLessThanOrEqual(Date.now());
    // Again (the shopper's second click, or the cart block's own reconciliation): nothing more comes back.
    const again = await ext(checkoutCancel.action, "/extension/checkout/cancel", { shop, customerId: "7001", init: post({ redemptionId: redeemed.body.redemption.id }) });
    expect(again).toMatchObject({ status: 200, body: { pointsReturned: 0, availablePoints: 300 } });
    expect(await memberBalances(shop, "7001")).toEqual({ available: 300, pending: 0 });
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN a cart redemption (applyTo cart) THEN short-lived; a panel one keeps the reward's validity; a used code cannot be cancelled", async () => {
    const { shop, reward } = await shopWith({ "7001": 500 });
    const cart = await proxy(proxyRedeem, shop, "/proxy/redeem", "7001", { rewardId: reward.id, applyTo: "cart" });
    expect(Date.parse(cart.body.redemption.expiresAt)).toBeLessThanOrEqual(Date.now() + CART_CODE_VALID_MS);
    const panel = await proxy(proxyRedeem, shop, "/proxy/redeem", "7001", { rewardId: reward.id });
    expect(Date.parse(panel.body.redemption.expiresAt)).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect((await proxy(proxyRedeem, shop, "/proxy/redeem", "7001", { rewardId: reward.id, applyTo: "drawer" })).status).toBe(400);

    await db.redemption.update({ where: { id: cart.body.redemption.id }, data: { status: "used" } });
    const refused = await proxy(proxyCancel, shop, "/proxy/cancel", "7001", { redemptionId: cart.body.redemption.id });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: "code_used" } } });
    expect(await memberBalances(shop, "7001")).toEqual({ available: 300, pending: 0 });
  });

  it("GIVEN a cart code left unused in an abandoned cart THEN after 24 h the expiry sweep deactivates it and returns the points", async () => {
    const { shop, reward } = await shopWith({ "7001": 300 });
    const cart = await proxy(proxyRedeem, shop, "/proxy/redeem", "7001", { rewardId: reward.id, applyTo: "cart" });
    const panel = await proxy(proxyRedeem, shop, "/proxy/redeem", "7001", { rewardId: reward.id });
    expect(await memberBalances(shop, "7001")).toEqual({ available: 100, pending: 0 });
    const issuerFor = (s: string) => rewardIssuerForShop(s);
    // An hour early: nothing moves.
    await expireUnusedCodes(sqlDb, issuerFor, new Date(Date.now() + CART_CODE_VALID_MS - 3_600_000));
    expect(await memberBalances(shop, "7001")).toEqual({ available: 100, pending: 0 });
    await expireUnusedCodes(sqlDb, issuerFor, new Date(Date.now() + CART_CODE_VALID_MS + 60_000));
    expect(await memberBalances(shop, "7001")).toEqual({ available: 200, pending: 0 });
    expect((await db.redemption.findUniqueOrThrow({ where: { id: cart.body.redemption.id } })).status).toBe("expired");
    // The panel's code keeps the reward's 30 days.
    expect((await db.redemption.findUniqueOrThrow({ where: { id: panel.body.redemption.id } })).status).toBe("issued");
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN the same shopper redeeming from the cart, the checkout and the customer account at once with points for one THEN one succeeds, never an overdraft", async () => {
    for (let round = 0; round < 3; round += 1) {
      const { shop, reward } = await shopWith({ "7001": 150 });
      const answers = await Promise.all([
        proxy(proxyRedeem, shop, "/proxy/redeem", "7001", { rewardId: reward.id, applyTo: "cart" }),
        ext(checkoutRedeem.action, "/extension/checkout/redeem", { shop, customerId: "7001", init: post({ rewardId: reward.id }) }),
        ext(accountRedeem.action, "/extension/account/redeem", { shop, customerId: "7001", surface: "customerAccount", init: post({ rewardId: reward.id }) }),
        proxy(proxyRedeem, shop, "/proxy/redeem", "7001", { rewardId: reward.id }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
      expect(await memberBalances(shop, "7001")).toEqual({ available: 50, pending: 0 });
      expect(await db.redemption.count({ where: { shop } })).toBe(1);
      await expectCachedBalancesMatchLedger(shop);
    }
  });
});
