// The POS extension's backend (/extension/pos/*) through its real routes, with session tokens minted as Shopify mints
// them for POS (the signed-in user as `sub`, the shop as `dest`): who may act, for which customer of which shop, the
// same redemption as online, and the audit of who did what where.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterEach, describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { appendEntries, ensureMember } from "../../../app/persistence/ledger";
import { createReward } from "../../../app/persistence/reward-catalog";
import { REWARD_DEFAULTS, type RewardDefinition } from "../../../app/rules/rewards";
import { recordShopSeen } from "../../../app/persistence/shops";
import { listPosActivity, savePosAccess } from "../../../app/persistence/pos";
import * as posMe from "../../../app/routes/extension.pos.me";
import * as posRedeem from "../../../app/routes/extension.pos.redeem";
import * as posCancel from "../../../app/routes/extension.pos.cancel";
import * as posCustomers from "../../../app/routes/extension.pos.customers";
import * as posEnrol from "../../../app/routes/extension.pos.enrol";
import { action as proxyRedeem } from "../../../app/routes/proxy.redeem";
import { CART_CODE_VALID_MS } from "../../../app/shopify/member-api.server";
import { customerSearchQuery } from "../../../app/shopify/pos-customers.server";
import { expireUnusedCodes } from "../../../app/persistence/redemption-sweeps";
import { rewardIssuerForShop } from "../../../app/shopify/reward-issuer.server";
import { extensionSessionToken, installShop, posRequest, signedProxyRequest, uniqueShop, type PosTokenOptions } from "../../support/shopify-requests";
import { expectCachedBalancesMatchLedger, memberBalances } from "../../support/ledger-invariants";
import { jsonRouteResponse as call, jsonPost as post } from "../../support/route-response";
import { deliverOk } from "../../support/webhook-delivery";
import { orderPaidPayload, refundPayload } from "../../support/shopify-payloads";
import { webhookJson } from "../../support/shopify-requests";
import { listCampaigns, saveCampaign } from "../../../app/persistence/campaigns";

const standIn = installAdminApiStandIn();

// The expiry sweep is global and other files share the database: codes of ours still issued after a test are marked
// used, so no other file's sweep counts them.
const shops: string[] = [];
afterEach(async () => {
  await db.redemption.updateMany({ where: { shop: { in: shops.splice(0) }, status: "issued" }, data: { status: "used" } });
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Route = (args: LoaderFunctionArgs) => Promise<Response>;


const pos = async (route: Route, path: string, options: PosTokenOptions & { init?: RequestInit; token?: string | null }) => call(route, await posRequest(path, options));

function definition(overrides: Partial<RewardDefinition> = {}): RewardDefinition {
  return { ...REWARD_DEFAULTS, type: "fixed_amount", title: "$5 off", pointsCost: 100, amountMinor: 500, validityDays: 30, minimumSubtotalMinor: 2000, ...overrides };
}

async function grant(shop: string, customerId: string, points: number) {
  standIn.seedCustomer(shop, { id: customerId, firstName: `Customer ${customerId}`, email: `c${customerId}@example.com` });
  const member = await ensureMember(sqlDb, shop, customerId);
  await sqlDb.transaction().execute((tx) =>
    appendEntries(tx, shop, member.id, [
      { kind: "adjust", availableDelta: points, pendingDelta: 0, reason: "grant", sourceType: "staff", sourceId: "t", idempotencyKey: `grant:${customerId}` },
    ]),
  );
}

async function shopWith(members: Record<string, number>) {
  const shop = uniqueShop("pos");
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

describe("POS session tokens", () => {
  it("GIVEN a valid POS token THEN the named customer's view of the token's shop, with CORS headers", async () => {
    const { shop } = await shopWith({ "9001": 250 });
    const me = await pos(posMe.loader, "/extension/pos/me?customer=9001&location=77", { shop });
    expect(me.status).toBe(200);
    expect(me.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(me.headers.get("Cache-Control")).toBe("private, no-store");
    expect(me.body).toMatchObject({ customerId: "9001", program: { currency: "EUR" }, member: { availablePoints: 250, pendingPoints: 0, tier: null } });
    expect(me.body.member.rewards).toEqual([expect.objectContaining({ title: "$5 off", affordable: true, minimumSubtotalMinor: 2000 })]);
    // A customer gid works too; no customer, or not an id, is a 400.
    expect((await pos(posMe.loader, "/extension/pos/me?customer=gid://shopify/Customer/9001", { shop })).body.member.availablePoints).toBe(250);
    for (const query of ["", "?customer=", "?customer=abc", "?customer=0", "?customer=9001&location=x"]) {
      expect((await pos(posMe.loader, `/extension/pos/me${query}`, { shop })).status, query).toBe(400);
    }
  });

  it("GIVEN a forged, expired, other-app, customer or missing token THEN 401 on every endpoint and nothing written or asked of Shopify", async () => {
    const { shop, reward } = await shopWith({ "9001": 500 });
    const checkoutToken = await extensionSessionToken({ shop, customerId: "9001" });
    const bad: Array<Partial<PosTokenOptions> & { token?: string | null }> = [
      { secret: "not-the-app-secret" },
      { expiresIn: -60 },
      { audience: "another-apps-client-id" },
      { sub: "gid://shopify/Customer/9001" },
      { token: checkoutToken },
      { token: null },
      { token: "not.a.jwt" },
    ];
    const endpoints: Array<[Route, string, RequestInit | undefined]> = [
      [posMe.loader, "/extension/pos/me?customer=9001", undefined],
      [posRedeem.action, "/extension/pos/redeem", post({ customerId: "9001", rewardId: reward.id })],
      [posCancel.action, "/extension/pos/cancel", post({ customerId: "9001", redemptionId: 1 })],
      [posCustomers.loader, "/extension/pos/customers?q=Customer", undefined],
      [posEnrol.action, "/extension/pos/enrol", post({ firstName: "Ada", email: "ada@example.com", marketingConsent: true })],
    ];
    for (const options of bad) {
      for (const [route, path, init] of endpoints) {
        const answer = await pos(route, path, { shop, ...options, init });
        expect(answer.status, `${path} ${JSON.stringify(options)}`).toBe(401);
        expect(answer.body.error.code).toBe("invalid_session_token");
        expect(answer.headers.get("Access-Control-Allow-Origin")).toBe("*");
      }
    }
    expect(await db.redemption.count({ where: { shop } })).toBe(0);
    expect(await db.posActivity.count({ where: { shop } })).toBe(0);
    expect(await memberBalances(shop, "9001")).toEqual({ available: 500, pending: 0 });
    expect(standIn.requests.filter((r) => r.shop === shop)).toEqual([]);
  });

  it("GIVEN the CORS preflight THEN 204 with the headers, before any token is read", async () => {
    const { shop } = await shopWith({});
    for (const route of [posRedeem.action, posMe.action, posEnrol.action]) {
      const preflight = await pos(route, "/extension/pos/redeem", {
        shop,
        token: null,
        init: { method: "OPTIONS", headers: { "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type" } },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("Access-Control-Allow-Origin")).toBe("*");
    }
  });

  it("GIVEN shop A's token and a customer id of shop B THEN nothing of B is read or spent, and B's redemption cannot be cancelled", async () => {
    const a = await shopWith({ "9001": 300 });
    const b = await shopWith({ "9002": 400 });
    const me = await pos(posMe.loader, "/extension/pos/me?customer=9002", { shop: a.shop });
    expect(me.status).toBe(200);
    expect(me.body.member).toMatchObject({ availablePoints: 0, pendingPoints: 0, history: { entries: [] }, issuedRewards: [] });
    // B's reward id through A's token: A's shop has no such reward; A's own reward with B's customer: no points in A.
    expect((await pos(posRedeem.action, "/extension/pos/redeem", { shop: a.shop, init: post({ customerId: "9002", rewardId: b.reward.id }) })).status).toBe(404);
    expect((await pos(posRedeem.action, "/extension/pos/redeem", { shop: a.shop, init: post({ customerId: "9002", rewardId: a.reward.id }) })).body.error.code).toBe(
      "insufficient_points",
    );
    const theirs = await call(proxyRedeem, await signedProxyRequest(b.shop, "/proxy/redeem", { customerId: "9002", init: post({ rewardId: b.reward.id }) }));
    expect(theirs.status).toBe(200);
    const cancel = await pos(posCancel.action, "/extension/pos/cancel", { shop: a.shop, init: post({ customerId: "9002", redemptionId: theirs.body.redemption.id }) });
    expect(cancel).toMatchObject({ status: 404, body: { error: { code: "unknown_redemption" } } });
    expect(await memberBalances(b.shop, "9002")).toEqual({ available: 300, pending: 0 });
    expect(await db.posActivity.count({ where: { shop: { in: [a.shop, b.shop] } } })).toBe(0);
  });
});

describe("redeem and cancel at the counter", () => {
  it("GIVEN a POS redemption THEN the same code as the cart's (customer-locked, minimum spend, 24 h), audited with user, staff and location", async () => {
    const { shop, reward } = await shopWith({ "9001": 500 });
    const started = Date.now();
    const redeemed = await pos(posRedeem.action, "/extension/pos/redeem?location=77&staff=501", { shop, staffUserId: "42", init: post({ customerId: "9001", rewardId: reward.id }) });
    expect(redeemed.status).toBe(200);
    expect(redeemed.body).toMatchObject({ availablePoints: 400, redemption: { status: "issued", points: 100 } });
    const expiresAt = Date.parse(redeemed.body.redemption.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(started + CART_CODE_VALID_MS - 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + CART_CODE_VALID_MS);

    // The storefront cart's code for the same reward: the discount Shopify holds differs only in its code and id.
    const cart = await call(proxyRedeem, await signedProxyRequest(shop, "/proxy/redeem", { customerId: "9001", init: post({ rewardId: reward.id, applyTo: "cart" }) }));
    const atCounter = discountFor(shop, redeemed.body.redemption.code)!;
    const online = discountFor(shop, cart.body.redemption.code)!;
    expect(atCounter.eligibility).toEqual({ kind: "customers", customerIds: ["gid://shopify/Customer/9001"] });
    const comparable = (d: typeof online) => ({ ...d, id: null, codes: null, title: null, startsAt: null, endsAt: null, createdAt: null, updatedAt: null });
    expect(comparable(atCounter)).toEqual(comparable(online));
    expect(atCounter.minimumRequirement).toEqual(online.minimumRequirement);
    expect(online.minimumRequirement).not.toBe(null);

    expect(await listPosActivity(sqlDb, shop, "9001")).toEqual([
      expect.objectContaining({ action: "redeem", staffUserId: "42", staffMemberId: "501", locationId: "77", redemptionId: redeemed.body.redemption.id, points: 100 }),
    ]);
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN the code taken off the POS cart THEN cancel deactivates it and returns the points once; audited once", async () => {
    const { shop, reward } = await shopWith({ "9001": 300 });
    const redeemed = await pos(posRedeem.action, "/extension/pos/redeem?location=77", { shop, init: post({ customerId: "9001", rewardId: reward.id }) });
    const code: string = redeemed.body.redemption.code;
    const cancelled = await pos(posCancel.action, "/extension/pos/cancel?location=77", { shop, init: post({ customerId: "9001", redemptionId: redeemed.body.redemption.id }) });
    expect(cancelled).toMatchObject({ status: 200, body: { pointsReturned: 100, availablePoints: 300, redemption: { status: "revoked" } } });
    expect(Date.parse(discountFor(shop, code)!.endsAt!)).toBeLessThanOrEqual(Date.now());
    const again = await pos(posCancel.action, "/extension/pos/cancel?location=77", { shop, init: post({ customerId: "9001", redemptionId: redeemed.body.redemption.id }) });
    expect(again).toMatchObject({ status: 200, body: { pointsReturned: 0, availablePoints: 300 } });
    // Another customer's id with this redemption: not theirs.
    await grant(shop, "9003", 0);
    expect((await pos(posCancel.action, "/extension/pos/cancel", { shop, init: post({ customerId: "9003", redemptionId: redeemed.body.redemption.id }) })).status).toBe(404);
    expect((await listPosActivity(sqlDb, shop, "9001")).map((r) => [r.action, r.points])).toEqual([
      ["cancel", 100],
      ["redeem", 100],
    ]);
    expect(await memberBalances(shop, "9001")).toEqual({ available: 300, pending: 0 });
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN a sale that is never completed THEN the expiry sweep deactivates the POS code after 24 h and returns the points", async () => {
    const { shop, reward } = await shopWith({ "9001": 300 });
    const redeemed = await pos(posRedeem.action, "/extension/pos/redeem", { shop, init: post({ customerId: "9001", rewardId: reward.id }) });
    expect(await memberBalances(shop, "9001")).toEqual({ available: 200, pending: 0 });
    const issuerFor = (s: string) => rewardIssuerForShop(s);
    await expireUnusedCodes(sqlDb, issuerFor, new Date(Date.now() + CART_CODE_VALID_MS - 3_600_000));
    expect(await memberBalances(shop, "9001")).toEqual({ available: 200, pending: 0 });
    await expireUnusedCodes(sqlDb, issuerFor, new Date(Date.now() + CART_CODE_VALID_MS + 60_000));
    expect(await memberBalances(shop, "9001")).toEqual({ available: 300, pending: 0 });
    expect((await db.redemption.findUniqueOrThrow({ where: { id: redeemed.body.redemption.id } })).status).toBe("expired");
    expect(Date.parse(discountFor(shop, redeemed.body.redemption.code)!.endsAt!)).toBeLessThanOrEqual(Date.now() + CART_CODE_VALID_MS + 60_000);
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN the sale completed with the code THEN orders/paid (a POS order, ids beyond 2^53) marks it used: no sweep returns it, no cancel", async () => {
    const { shop, reward } = await shopWith({ "9001": 300 });
    const redeemed = await pos(posRedeem.action, "/extension/pos/redeem?location=77", { shop, init: post({ customerId: "9001", rewardId: reward.id }) });
    const orderId = String(2n ** 53n + 1n);
    const payload = { ...orderPaidPayload({ orderId, customerId: "9001", lines: [{ id: String(2n ** 53n + 11n), quantity: 1, unitPrice: 3000, discount: 500 }], pos: { locationId: "77", userId: "42" } }) };
    payload.discount_codes = [{ code: redeemed.body.redemption.code, amount: "5.00", type: "fixed_amount" }];
    // The body carries the ids as bare integers beyond 2^53, as Shopify writes them.
    expect(webhookJson(payload)).toContain(`"id":${orderId},`);
    expect(webhookJson(payload)).toContain('"source_name":"pos"');
    expect(webhookJson(payload)).not.toContain("browser_ip");
    await deliverOk(shop, "orders/paid", payload);
    expect(await db.redemption.findUniqueOrThrow({ where: { id: redeemed.body.redemption.id } })).toMatchObject({ status: "used", orderId });
    // The order earned (25 after the discount) as any online order does.
    expect(await memberBalances(shop, "9001")).toEqual({ available: 200, pending: 25 });
    await expireUnusedCodes(sqlDb, (s) => rewardIssuerForShop(s), new Date(Date.now() + CART_CODE_VALID_MS + 60_000));
    expect(await memberBalances(shop, "9001")).toEqual({ available: 200, pending: 25 });
    const cancel = await pos(posCancel.action, "/extension/pos/cancel", { shop, init: post({ customerId: "9001", redemptionId: redeemed.body.redemption.id }) });
    expect(cancel).toMatchObject({ status: 409, body: { error: { code: "code_used" } } });
    // A return of everything at the counter reverses exactly as online: the order's points go, and the reward the
    // order used is refunded (its points come back; app/persistence/reward-refunds.ts).
    await deliverOk(shop, "refunds/create", refundPayload({ refundId: String(2n ** 53n + 5n), orderId, lines: [{ lineItemId: String(2n ** 53n + 11n), quantity: 1 }] }));
    expect(await memberBalances(shop, "9001")).toEqual({ available: 300, pending: 0 });
    expect((await db.redemption.findUniqueOrThrow({ where: { id: redeemed.body.redemption.id } })).status).toBe("refunded");
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN the same customer redeeming at the counter and online at once with points for one THEN one succeeds, never an overdraft", async () => {
    const { shop, reward } = await shopWith({ "9001": 150 });
    const answers = await Promise.all([
      pos(posRedeem.action, "/extension/pos/redeem", { shop, init: post({ customerId: "9001", rewardId: reward.id }) }),
      pos(posRedeem.action, "/extension/pos/redeem", { shop, staffUserId: "43", init: post({ customerId: "9001", rewardId: reward.id }) }),
      call(proxyRedeem, await signedProxyRequest(shop, "/proxy/redeem", { customerId: "9001", init: post({ rewardId: reward.id, applyTo: "cart" }) })),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    expect(await memberBalances(shop, "9001")).toEqual({ available: 50, pending: 0 });
    expect(await db.redemption.count({ where: { shop } })).toBe(1);
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN bad bodies THEN 400 and nothing written", async () => {
    const { shop, reward } = await shopWith({ "9001": 300 });
    for (const body of [{ rewardId: reward.id }, { customerId: "x", rewardId: reward.id }, { customerId: "9001" }, { customerId: "9001", rewardId: reward.id, points: -5 }]) {
      expect((await pos(posRedeem.action, "/extension/pos/redeem", { shop, init: post(body) })).status, JSON.stringify(body)).toBe(400);
    }
    expect((await pos(posRedeem.action, "/extension/pos/redeem", { shop, init: { method: "POST", body: "{" } })).status).toBe(400);
    expect((await pos(posRedeem.loader, "/extension/pos/redeem", { shop })).status).toBe(405);
    expect(await db.redemption.count({ where: { shop } })).toBe(0);
    expect(await db.posActivity.count({ where: { shop } })).toBe(0);
  });
});

describe("POS orders and campaigns", () => {
  it("GIVEN a POS-only and an online-only campaign THEN a POS sale earns the first, a web order the second, through orders/paid", async () => {
    const { shop } = await shopWith({});
    const now = Date.now();
    const scope = { productIds: [], collectionIds: [], productTags: [], tierIds: [] };
    await saveCampaign(sqlDb, shop, null, { names: { en: "In-store double" }, multiplierPercent: 200, bonusPoints: 0, startsAt: new Date(now - 3_600_000), endsAt: new Date(now + 86_400_000), scope: { ...scope, channel: "pos" } });
    await saveCampaign(sqlDb, shop, null, { names: { en: "Web bonus" }, multiplierPercent: 100, bonusPoints: 7, startsAt: new Date(now - 3_600_000), endsAt: new Date(now + 86_400_000), scope: { ...scope, channel: "online" } });
    expect((await listCampaigns(sqlDb, shop)).map((c) => c.scope.channel).sort()).toEqual(["online", "pos"]);
    const lines = (id: string) => [{ id, quantity: 1, unitPrice: 4000 }];
    await deliverOk(shop, "orders/paid", orderPaidPayload({ orderId: String(2n ** 53n + 21n), customerId: "9201", lines: lines(String(2n ** 53n + 211n)), pos: { locationId: "77" } }));
    await deliverOk(shop, "orders/paid", orderPaidPayload({ orderId: "920202", customerId: "9202", lines: lines("9202021") }));
    expect(await memberBalances(shop, "9201")).toEqual({ available: 0, pending: 80 });
    expect(await memberBalances(shop, "9202")).toEqual({ available: 0, pending: 47 });
  });
});

describe("who may act", () => {
  it("GIVEN the merchant lists staff and locations THEN others get 403 and nothing is written; enrolment can be turned off", async () => {
    const { shop, reward } = await shopWith({ "9001": 300 });
    await savePosAccess(sqlDb, shop, { staffUserIds: ["42"], locationIds: ["77"], allowEnrol: false });
    const redeem = (options: PosTokenOptions, query: string) => pos(posRedeem.action, `/extension/pos/redeem${query}`, { ...options, init: post({ customerId: "9001", rewardId: reward.id }) });
    expect((await redeem({ shop, staffUserId: "43" }, "?location=77")).body.error.code).toBe("staff_not_allowed");
    expect((await redeem({ shop, staffUserId: "42" }, "?location=78")).body.error.code).toBe("location_not_allowed");
    expect((await redeem({ shop, staffUserId: "42" }, "")).body.error.code).toBe("location_required");
    expect((await pos(posMe.loader, "/extension/pos/me?customer=9001&location=77", { shop, staffUserId: "43" })).status).toBe(403);
    const enrol = await pos(posEnrol.action, "/extension/pos/enrol?location=77", { shop, staffUserId: "42", init: post({ firstName: "Ada", email: "ada@example.com", marketingConsent: true }) });
    expect(enrol).toMatchObject({ status: 403, body: { error: { code: "enrol_disabled" } } });
    expect(await db.redemption.count({ where: { shop } })).toBe(0);
    expect(standIn.requests.filter((r) => r.shop === shop)).toEqual([]);

    // The allowed user at the allowed location (a Location gid as POS may give it).
    const allowed = await redeem({ shop, staffUserId: "42" }, "?location=gid://shopify/Location/77");
    expect(allowed.status).toBe(200);
    expect(await db.posActivity.count({ where: { shop } })).toBe(1);
  });
});

describe("looking up and enrolling customers", () => {
  it("GIVEN a search THEN the shop's matching customers through customers(query:); the text cannot add filters", async () => {
    const { shop } = await shopWith({});
    standIn.seedCustomer(shop, { id: "9101", firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" });
    standIn.seedCustomer(shop, { id: "9102", firstName: "Grace", lastName: "Hopper", email: "grace@example.com" });
    const other = await shopWith({});
    standIn.seedCustomer(other.shop, { id: "9103", firstName: "Ada", lastName: "Byron", email: "byron@example.com" });

    const found = await pos(posCustomers.loader, "/extension/pos/customers?q=ada", { shop });
    expect(found.status).toBe(200);
    expect(found.body.customers).toEqual([{ id: "9101", name: "Ada Lovelace", email: "ada@example.com", phone: null }]);
    expect((await pos(posCustomers.loader, "/extension/pos/customers?q=grace%40example.com", { shop })).body.customers.map((c: Json) => c.id)).toEqual(["9102"]);
    expect((await pos(posCustomers.loader, "/extension/pos/customers?q=9102", { shop })).body.customers.map((c: Json) => c.id)).toEqual(["9102"]);
    expect(customerSearchQuery('ada OR -email:x (state:"ENABLED")')).toBe("ada* OR* emailx* stateENABLED*");
    expect((await pos(posCustomers.loader, "/extension/pos/customers?q=a", { shop })).status).toBe(400);
    expect((await pos(posCustomers.loader, "/extension/pos/customers?q=%3A%3A%28%29", { shop })).status).toBe(400);
  });

  it("GIVEN an enrolment THEN a Shopify customer with the consent given, a member at once, audited; a taken email is refused with nothing recorded", async () => {
    const { shop } = await shopWith({});
    const enrolled = await pos(posEnrol.action, "/extension/pos/enrol?location=77&staff=501", {
      shop,
      init: post({ firstName: " Ada ", lastName: "Lovelace", email: "Ada@Example.com", marketingConsent: true }),
    });
    expect(enrolled.status).toBe(201);
    expect(enrolled.body.customer).toMatchObject({ name: "Ada Lovelace", email: "ada@example.com" });
    const id: string = enrolled.body.customer.id;
    const record = standIn.state.shops.get(shop)!.customers.get(`gid://shopify/Customer/${id}`)!;
    expect(record).toMatchObject({ firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" });
    expect(record.emailMarketingConsent).toMatchObject({ marketingState: "SUBSCRIBED", marketingOptInLevel: "SINGLE_OPT_IN", sourceLocationId: "gid://shopify/Location/77" });
    expect(await db.member.findUnique({ where: { shop_customerId: { shop, customerId: id } } })).toMatchObject({ email: "ada@example.com", firstName: "Ada" });
    expect(await listPosActivity(sqlDb, shop, id)).toEqual([expect.objectContaining({ action: "enrol", staffUserId: "42", staffMemberId: "501", locationId: "77" })]);

    const noConsent = await pos(posEnrol.action, "/extension/pos/enrol", { shop, init: post({ firstName: "Grace", email: "grace@example.com", marketingConsent: false }) });
    expect(standIn.state.shops.get(shop)!.customers.get(`gid://shopify/Customer/${noConsent.body.customer.id}`)!.emailMarketingConsent?.marketingState).toBe("NOT_SUBSCRIBED");

    const taken = await pos(posEnrol.action, "/extension/pos/enrol", { shop, init: post({ firstName: "Ada", email: "ada@example.com", marketingConsent: true }) });
    expect(taken).toMatchObject({ status: 422, body: { error: { code: "customer_not_created", message: "Email has already been taken" } } });
    for (const body of [{ email: "x@example.com", marketingConsent: true }, { firstName: "A", email: "not-an-email", marketingConsent: true }, { firstName: "A", email: "a@example.com" }]) {
      expect((await pos(posEnrol.action, "/extension/pos/enrol", { shop, init: post(body) })).status, JSON.stringify(body)).toBe(400);
    }
    expect(await db.posActivity.count({ where: { shop } })).toBe(2);
    expect(standIn.state.shops.get(shop)!.customers.size).toBe(2);
  });
});
