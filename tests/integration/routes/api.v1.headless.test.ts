// The headless API (/api/v1/program, /api/v1/members/*, /api/v1/customer-tokens, /api/v1/customer/*) through its
// real routes: shop keys and customer tokens (valid, expired, forged, wrong scope, revoked key, other shop, other
// customer), the same answers as the app proxy, refusals that write nothing, rate limits, CORS, and every answer
// validated against docs/openapi.yaml (JSON Schema 2020-12).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterEach, describe, expect, it } from "vitest";
import { SignJWT, decodeJwt, decodeProtectedHeader } from "jose";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { appendEntries, ensureMember } from "../../../app/persistence/ledger";
import { createReward } from "../../../app/persistence/reward-catalog";
import { createApiKey, listApiKeys, revokeApiKey } from "../../../app/persistence/api-keys";
import { saveAllowedOrigins } from "../../../app/persistence/api-origins";
import { saveAction } from "../../../app/persistence/earning-actions";
import { saveReferralSettings } from "../../../app/persistence/referrals";
import { recordShopSeen } from "../../../app/persistence/shops";
import { REWARD_DEFAULTS } from "../../../app/rules/rewards";
import { defaultAction } from "../../../app/rules/earning-actions";
import { DEFAULT_REFERRAL_SETTINGS } from "../../../app/rules/referrals";
import { HEADLESS_TOKEN_LIMIT } from "../../../app/shopify/headless-api.server";
import { mintCustomerToken } from "../../../app/shopify/customer-tokens.server";
import * as program from "../../../app/routes/api.v1.program";
import * as member from "../../../app/routes/api.v1.members.$customerId";
import * as memberRedeem from "../../../app/routes/api.v1.members.$customerId_.redeem";
import * as memberCancel from "../../../app/routes/api.v1.members.$customerId_.cancel";
import * as memberBirthday from "../../../app/routes/api.v1.members.$customerId_.birthday";
import * as memberFollow from "../../../app/routes/api.v1.members.$customerId_.follow";
import * as memberReferral from "../../../app/routes/api.v1.members.$customerId_.referral";
import * as tokens from "../../../app/routes/api.v1.customer-tokens";
import * as me from "../../../app/routes/api.v1.customer.me";
import * as customerProgram from "../../../app/routes/api.v1.customer.program";
import * as redeem from "../../../app/routes/api.v1.customer.redeem";
import * as cancel from "../../../app/routes/api.v1.customer.cancel";
import * as birthday from "../../../app/routes/api.v1.customer.birthday";
import * as follow from "../../../app/routes/api.v1.customer.follow";
import * as referral from "../../../app/routes/api.v1.customer.referral";
import { loader as proxyMe } from "../../../app/routes/proxy.me";
import { loader as proxyProgram } from "../../../app/routes/proxy.program";
import { APP_URL, installShop, signedProxyRequest, uniqueShop } from "../../support/shopify-requests";
import { expectCachedBalancesMatchLedger, memberBalances } from "../../support/ledger-invariants";
import { openApiChecker } from "../../support/openapi";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Route = (args: LoaderFunctionArgs) => Promise<Response>;

const spec = openApiChecker("docs/openapi.yaml");
const standIn = installAdminApiStandIn();

const shops: string[] = [];
afterEach(async () => {
  // Other files' expiry sweeps are global: codes of ours still issued are marked used (as extension.test.ts does).
  await db.redemption.updateMany({ where: { shop: { in: shops.splice(0) }, status: "issued" }, data: { status: "used" } });
});

type Call = { route: Route; method: "GET" | "POST" | "OPTIONS" | "PUT"; path: string; documented?: string; auth?: string | null; body?: unknown; params?: Record<string, string>; headers?: Record<string, string> };

async function call({ route, method, path, documented, auth, body, params = {}, headers = {} }: Call) {
  const init: RequestInit = { method, headers: { ...(auth ? { Authorization: `Bearer ${auth}` } : {}), ...(body !== undefined ? { "Content-Type": "application/json" } : {}), ...headers } };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  const response = await route({ request: new Request(`${APP_URL}${path}`, init), params, context: {} });
  const text = await response.text();
  const json = (text ? JSON.parse(text) : null) as Json;
  if (documented && method !== "OPTIONS") spec.expectDocumented(method, documented, response.status, json);
  expect(response.headers.get("Cache-Control") ?? "no-store").toBe("no-store");
  return { status: response.status, body: json, headers: response.headers };
}

async function grant(shop: string, customerId: string, points: number) {
  standIn.seedCustomer(shop, { id: customerId });
  const m = await ensureMember(sqlDb, shop, customerId);
  await sqlDb.transaction().execute((tx) =>
    appendEntries(tx, shop, m.id, [{ kind: "adjust", availableDelta: points, pendingDelta: 0, reason: "grant", sourceType: "staff", sourceId: "t", idempotencyKey: `grant:${customerId}` }]),
  );
}

async function headlessShop(members: Record<string, number> = { "7001": 700, "7002": 300 }) {
  const shop = uniqueShop("headless");
  shops.push(shop);
  await installShop(shop);
  await recordShopSeen(sqlDb, shop, "EUR");
  standIn.seedShop(shop, { name: "Tea House", currencyCode: "EUR" });
  for (const [customerId, points] of Object.entries(members)) await grant(shop, customerId, points);
  const reward = await createReward(db, shop, { ...REWARD_DEFAULTS, type: "fixed_amount", title: "€5 off", pointsCost: 500, amountMinor: 500, validityDays: 30 });
  await saveAction(sqlDb, shop, { ...defaultAction("social_instagram"), enabled: true, points: 15, url: "https://instagram.com/tea" });
  await saveAction(sqlDb, shop, { ...defaultAction("birthday"), enabled: true, points: 250 });
  await saveReferralSettings(sqlDb, shop, { ...DEFAULT_REFERRAL_SETTINGS, enabled: true, friendRewardType: "percentage", friendRewardValue: 10 });
  const key = await createApiKey(sqlDb, shop, "Mobile backend");
  return { shop, reward, key: key.key, keyId: key.id };
}

const mint = async (key: string, body: unknown) => call({ route: tokens.action, method: "POST", path: "/api/v1/customer-tokens", documented: "/api/v1/customer-tokens", auth: key, body });
async function tokenFor(key: string, customerId: string, scopes?: string[]) {
  const answer = await mint(key, { customerId, ...(scopes ? { scopes } : {}) });
  expect(answer.status).toBe(201);
  return answer.body.token as string;
}

const entries = async (shop: string) => ({ entries: await db.ledgerEntry.count({ where: { shop } }), redemptions: await db.redemption.count({ where: { shop } }), birthdays: await db.member.count({ where: { shop, birthdayMonth: { not: null } } }) });

describe("server to server, with the shop's API key", () => {
  it("GIVEN a key THEN GET member is the /proxy/me view and GET program the /proxy/program one", async () => {
    const { shop, key } = await headlessShop();
    const viaKey = await call({ route: member.loader, method: "GET", path: "/api/v1/members/7001", documented: "/api/v1/members/{customerId}", auth: key, params: { customerId: "7001" } });
    expect(viaKey).toMatchObject({ status: 200, body: { currency: "EUR", availablePoints: 700, pendingPoints: 0, tier: null } });
    const viaProxy = (await proxyMe({ request: await signedProxyRequest(shop, "/me", { customerId: "7001" }), params: {}, context: {} })) as Response;
    expect(viaKey.body).toEqual(await viaProxy.json());
    const gid = await call({ route: member.loader, method: "GET", path: "/api/v1/members/gid", documented: "/api/v1/members/{customerId}", auth: key, params: { customerId: "gid://shopify/Customer/7001" } });
    expect(gid.body.availablePoints).toBe(700);

    const prog = await call({ route: program.loader, method: "GET", path: "/api/v1/program", documented: "/api/v1/program", auth: key });
    const proxyProg = (await proxyProgram({ request: await signedProxyRequest(shop, "/program", {}), params: {}, context: {} })) as Response;
    expect(prog.status).toBe(200);
    expect(prog.body).toEqual(await proxyProg.json());
    expect(prog.body.actions.map((a: Json) => a.key).sort()).toEqual(["birthday", "social_instagram"]);
    expect(prog.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("GIVEN history pages THEN before pages through them; a bad cursor or customer id is 400", async () => {
    const { key, shop } = await headlessShop({ "7001": 10 });
    const m = await ensureMember(sqlDb, shop, "7001");
    await sqlDb.transaction().execute((tx) =>
      appendEntries(tx, shop, m.id, Array.from({ length: 25 }, (_, i) => ({ kind: "adjust" as const, availableDelta: 1, pendingDelta: 0, reason: `p${i}`, sourceType: "staff", sourceId: "t", idempotencyKey: `page:${i}` }))),
    );
    const first = await call({ route: member.loader, method: "GET", path: "/api/v1/members/7001", documented: "/api/v1/members/{customerId}", auth: key, params: { customerId: "7001" } });
    expect(first.body.history.entries).toHaveLength(20);
    const next = await call({ route: member.loader, method: "GET", path: `/api/v1/members/7001?before=${first.body.history.nextBefore}`, documented: "/api/v1/members/{customerId}", auth: key, params: { customerId: "7001" } });
    expect(next.body.history.entries).toHaveLength(6);
    expect(next.body.history.nextBefore).toBeNull();
    expect((await call({ route: member.loader, method: "GET", path: "/api/v1/members/7001?before=x", documented: "/api/v1/members/{customerId}", auth: key, params: { customerId: "7001" } })).body.error.code).toBe("invalid_cursor");
    for (const bad of ["abc", "0", "gid://shopify/Order/1"]) {
      expect((await call({ route: member.loader, method: "GET", path: "/api/v1/members/x", documented: "/api/v1/members/{customerId}", auth: key, params: { customerId: bad } })).body.error.code).toBe("invalid_customer_id");
    }
  });

  it("GIVEN a key THEN redeem, cancel, birthday, follow and referral act for the path's customer, through the proxy's functions", async () => {
    const { shop, key, reward } = await headlessShop();
    const p = { customerId: "7001" };
    const redeemed = await call({ route: memberRedeem.action, method: "POST", path: "/api/v1/members/7001/redeem", documented: "/api/v1/members/{customerId}/redeem", auth: key, params: p, body: { rewardId: reward.id } });
    expect(redeemed).toMatchObject({ status: 200, body: { availablePoints: 200, redemption: { status: "issued", points: 500 } } });
    expect(await memberBalances(shop, "7002")).toEqual({ available: 300, pending: 0 });
    const cancelled = await call({ route: memberCancel.action, method: "POST", path: "/api/v1/members/7001/cancel", documented: "/api/v1/members/{customerId}/cancel", auth: key, params: p, body: { redemptionId: redeemed.body.redemption.id } });
    expect(cancelled).toMatchObject({ status: 200, body: { pointsReturned: 500, availablePoints: 700, redemption: { status: "revoked" } } });
    // Another customer's redemption is not this one's to cancel.
    const other = await call({ route: memberCancel.action, method: "POST", path: "/api/v1/members/7002/cancel", documented: "/api/v1/members/{customerId}/cancel", auth: key, params: { customerId: "7002" }, body: { redemptionId: redeemed.body.redemption.id } });
    expect(other).toMatchObject({ status: 404, body: { error: { code: "unknown_redemption" } } });
    expect((await call({ route: memberRedeem.action, method: "POST", path: "/", documented: "/api/v1/members/{customerId}/redeem", auth: key, params: { customerId: "7002" }, body: { rewardId: reward.id } })).body.error.code).toBe("insufficient_points");

    const bday = await call({ route: memberBirthday.action, method: "POST", path: "/", documented: "/api/v1/members/{customerId}/birthday", auth: key, params: p, body: { month: 2, day: 29 } });
    expect(bday).toMatchObject({ status: 200, body: { birthday: { month: 2, day: 29 } } });
    expect((await call({ route: memberBirthday.action, method: "POST", path: "/", documented: "/api/v1/members/{customerId}/birthday", auth: key, params: p, body: { month: 2, day: 30 } })).body.error).toMatchObject({ code: "invalid_birthday", field: "day" });

    const followed = await call({ route: memberFollow.action, method: "POST", path: "/", documented: "/api/v1/members/{customerId}/follow", auth: key, params: p, body: { network: "instagram" } });
    expect(followed).toMatchObject({ status: 200, body: { credited: { points: 15 }, availablePoints: 715 } });
    expect((await call({ route: memberFollow.action, method: "POST", path: "/", documented: "/api/v1/members/{customerId}/follow", auth: key, params: p, body: { network: "instagram" } })).status).toBe(409);
    expect((await call({ route: memberFollow.action, method: "POST", path: "/", documented: "/api/v1/members/{customerId}/follow", auth: key, params: p, body: { network: "facebook" } })).body.error.code).toBe("unknown_action");

    const link = await call({ route: memberReferral.loader, method: "GET", path: "/", documented: "/api/v1/members/{customerId}/referral", auth: key, params: p });
    expect(link).toMatchObject({ status: 200, body: { friendOffer: { type: "percentage", value: 10 } } });
    expect(link.body.link).toBe(`https://${shop}/apps/loyalty/r/${link.body.code}`);
    const again = await call({ route: memberReferral.action, method: "POST", path: "/", documented: "/api/v1/members/{customerId}/referral", auth: key, params: p });
    expect(again.body.code).toBe(link.body.code);
    expect((await call({ route: memberReferral.loader, method: "GET", path: "/", documented: "/api/v1/members/{customerId}/referral", auth: key, params: { customerId: "9999" } })).body.error.code).toBe("not_a_member");
    expect((await listApiKeys(sqlDb, shop))[0]!.lastUsedAt).not.toBeNull();
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN no key, a wrong or a revoked key, another method or bad input THEN refused and nothing written", async () => {
    const { shop, key, keyId, reward } = await headlessShop();
    const before = await entries(shop);
    const p = { customerId: "7001" };
    expect((await call({ route: memberRedeem.action, method: "POST", path: "/", documented: "/api/v1/members/{customerId}/redeem", auth: null, params: p, body: { rewardId: reward.id } })).body.error.code).toBe("invalid_api_key");
    expect((await call({ route: memberRedeem.action, method: "POST", path: "/", documented: "/api/v1/members/{customerId}/redeem", auth: `${key}x`, params: p, body: { rewardId: reward.id } })).status).toBe(401);
    // A customer token is not a key.
    const token = await tokenFor(key, "7001");
    expect((await call({ route: memberRedeem.action, method: "POST", path: "/", documented: "/api/v1/members/{customerId}/redeem", auth: token, params: p, body: { rewardId: reward.id } })).status).toBe(401);
    // A method the operation does not have: 405 in the one error shape, with Allow.
    const wrongMethod = await call({ route: member.action, method: "POST", path: "/", auth: key, params: p, body: {} });
    expect([wrongMethod.status, wrongMethod.headers.get("Allow"), spec.errors("#/components/schemas/Error", wrongMethod.body)]).toEqual([405, "GET", []]);
    for (const body of ["{", [1], { rewardId: "3" }, { rewardId: reward.id, points: -1 }, "x".repeat(17_000)]) {
      const answer = await call({ route: memberRedeem.action, method: "POST", path: "/", documented: "/api/v1/members/{customerId}/redeem", auth: key, params: p, body });
      expect([answer.status, answer.body.error.code]).toEqual([400, "invalid_request"]);
    }
    await revokeApiKey(sqlDb, shop, keyId);
    expect((await call({ route: memberRedeem.action, method: "POST", path: "/", documented: "/api/v1/members/{customerId}/redeem", auth: key, params: p, body: { rewardId: reward.id } })).body.error.code).toBe("invalid_api_key");
    expect(await entries(shop)).toEqual(before);
  });

  it("GIVEN shop A's key THEN it never reaches shop B's customers", async () => {
    const a = await headlessShop({ "7001": 700 });
    const b = await headlessShop({ "7001": 900 });
    const viaA = await call({ route: member.loader, method: "GET", path: "/", documented: "/api/v1/members/{customerId}", auth: a.key, params: { customerId: "7001" } });
    expect(viaA.body.availablePoints).toBe(700);
    // B's reward id through A's key: unknown in A; B's balance untouched.
    const crossed = await call({ route: memberRedeem.action, method: "POST", path: "/", documented: "/api/v1/members/{customerId}/redeem", auth: a.key, params: { customerId: "7001" }, body: { rewardId: b.reward.id } });
    expect(crossed.body.error.code).toBe("unknown_reward");
    expect(await memberBalances(b.shop, "7001")).toEqual({ available: 900, pending: 0 });
    // A token minted with A's key is for A's shop only.
    const token = await tokenFor(a.key, "7001");
    expect(decodeJwt(token).aud).toBe(a.shop);
    expect((await call({ route: me.loader, method: "GET", path: "/api/v1/customer/me", documented: "/api/v1/customer/me", auth: token })).body.availablePoints).toBe(700);
  });
});

describe("customer tokens", () => {
  it("GIVEN a token THEN /customer/me, program, redeem, cancel, birthday, follow and referral act for its customer only", async () => {
    const { shop, key, reward } = await headlessShop();
    const token = await tokenFor(key, "gid://shopify/Customer/7001");
    const view = await call({ route: me.loader, method: "GET", path: "/api/v1/customer/me", documented: "/api/v1/customer/me", auth: token });
    expect(view).toMatchObject({ status: 200, body: { availablePoints: 700 } });
    const prog = await call({ route: customerProgram.loader, method: "GET", path: "/api/v1/customer/program", documented: "/api/v1/customer/program", auth: token });
    expect(prog.body.rewards[0].id).toBe(reward.id);
    // A customer id in the query or body is ignored: the token's customer it is.
    const sneaky = await call({ route: me.loader, method: "GET", path: "/api/v1/customer/me?customerId=7002&logged_in_customer_id=7002", documented: "/api/v1/customer/me", auth: token });
    expect(sneaky.body.availablePoints).toBe(700);
    const redeemed = await call({ route: redeem.action, method: "POST", path: "/api/v1/customer/redeem", documented: "/api/v1/customer/redeem", auth: token, body: { rewardId: reward.id, customerId: "7002" } });
    expect(redeemed).toMatchObject({ status: 200, body: { availablePoints: 200 } });
    expect(await memberBalances(shop, "7002")).toEqual({ available: 300, pending: 0 });
    const cancelled = await call({ route: cancel.action, method: "POST", path: "/api/v1/customer/cancel", documented: "/api/v1/customer/cancel", auth: token, body: { redemptionId: redeemed.body.redemption.id } });
    expect(cancelled.body.pointsReturned).toBe(500);
    expect((await call({ route: birthday.action, method: "POST", path: "/api/v1/customer/birthday", documented: "/api/v1/customer/birthday", auth: token, body: { month: 12, day: 31 } })).status).toBe(200);
    expect((await call({ route: follow.action, method: "POST", path: "/api/v1/customer/follow", documented: "/api/v1/customer/follow", auth: token, body: { network: "instagram" } })).body.availablePoints).toBe(715);
    const link = await call({ route: referral.loader, method: "GET", path: "/api/v1/customer/referral", documented: "/api/v1/customer/referral", auth: token });
    expect(link.status).toBe(200);
    expect((await call({ route: referral.action, method: "POST", path: "/api/v1/customer/referral", documented: "/api/v1/customer/referral", auth: token })).body.code).toBe(link.body.code);
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN customer A's token THEN B's points can never be read or spent (B's redemption cannot be cancelled either)", async () => {
    const { shop, key, reward } = await headlessShop({ "7001": 100, "7002": 900 });
    const tokenA = await tokenFor(key, "7001");
    const tokenB = await tokenFor(key, "7002");
    const bRedeemed = await call({ route: redeem.action, method: "POST", path: "/", documented: "/api/v1/customer/redeem", auth: tokenB, body: { rewardId: reward.id } });
    expect(bRedeemed.body.availablePoints).toBe(400);
    expect((await call({ route: me.loader, method: "GET", path: "/", documented: "/api/v1/customer/me", auth: tokenA })).body.availablePoints).toBe(100);
    expect((await call({ route: redeem.action, method: "POST", path: "/", documented: "/api/v1/customer/redeem", auth: tokenA, body: { rewardId: reward.id } })).body.error.code).toBe("insufficient_points");
    expect((await call({ route: cancel.action, method: "POST", path: "/", documented: "/api/v1/customer/cancel", auth: tokenA, body: { redemptionId: bRedeemed.body.redemption.id } })).body.error.code).toBe("unknown_redemption");
    // A token whose subject is changed to B's no longer verifies.
    const [header, , signature] = tokenA.split(".");
    const payload = { ...decodeJwt(tokenA), sub: "7002" };
    const swapped = `${header}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${signature}`;
    expect((await call({ route: me.loader, method: "GET", path: "/", documented: "/api/v1/customer/me", auth: swapped })).body.error.code).toBe("invalid_token");
    expect(await memberBalances(shop, "7002")).toEqual({ available: 400, pending: 0 });
    expect(await memberBalances(shop, "7001")).toEqual({ available: 100, pending: 0 });
  });

  it("GIVEN an expired, forged, none-algorithm, wrong-scope or revoked-key token THEN 401/403 and nothing written", async () => {
    const { shop, key, keyId, reward } = await headlessShop();
    const keyRow = { shop, id: keyId, hash: (await db.apiKey.findUniqueOrThrow({ where: { id: keyId } })).hash };
    const expired = (await mintCustomerToken(keyRow, "7001", ["read", "redeem"], 60, new Date(Date.now() - 120_000))).token;
    expect((await call({ route: me.loader, method: "GET", path: "/", documented: "/api/v1/customer/me", auth: expired })).body.error.code).toBe("token_expired");
    // Signed with the app secret itself, or with another key's derivation: forged.
    const claims = decodeJwt(await tokenFor(key, "7001"));
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: "HS256", kid: String(keyId) }).sign(new TextEncoder().encode(process.env.SHOPIFY_API_SECRET!));
    const unsigned = `${Buffer.from(JSON.stringify({ alg: "none", kid: String(keyId) })).toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.`;
    for (const bad of [forged, unsigned, "eyJ.not.a-jwt", "", key]) {
      const answer = await call({ route: redeem.action, method: "POST", path: "/", documented: "/api/v1/customer/redeem", auth: bad, body: { rewardId: reward.id } });
      expect([answer.status, answer.body.error.code]).toEqual([401, "invalid_token"]);
    }
    // A token longer than we would ever issue (over an hour) is refused even if signed right.
    const tooLong = (await mintCustomerToken(keyRow, "7001", ["read"], 7200)).token;
    expect((await call({ route: me.loader, method: "GET", path: "/", documented: "/api/v1/customer/me", auth: tooLong })).body.error.code).toBe("invalid_token");
    const readOnly = await tokenFor(key, "7001", ["read"]);
    expect(decodeProtectedHeader(readOnly).kid).toBe(String(keyId));
    const refusedRedeem = await call({ route: redeem.action, method: "POST", path: "/", documented: "/api/v1/customer/redeem", auth: readOnly, body: { rewardId: reward.id } });
    expect([refusedRedeem.status, refusedRedeem.body.error.code]).toEqual([403, "insufficient_scope"]);
    expect((await call({ route: follow.action, method: "POST", path: "/", documented: "/api/v1/customer/follow", auth: readOnly, body: { network: "instagram" } })).status).toBe(403);
    const earnOnly = await tokenFor(key, "7001", ["earn"]);
    expect((await call({ route: me.loader, method: "GET", path: "/", documented: "/api/v1/customer/me", auth: earnOnly })).status).toBe(403);
    // Revoking the key ends its tokens.
    const live = await tokenFor(key, "7001");
    expect((await call({ route: me.loader, method: "GET", path: "/", documented: "/api/v1/customer/me", auth: live })).status).toBe(200);
    await revokeApiKey(sqlDb, shop, keyId);
    expect((await call({ route: me.loader, method: "GET", path: "/", documented: "/api/v1/customer/me", auth: live })).body.error.code).toBe("invalid_token");
    expect(await entries(shop)).toEqual({ entries: 2, redemptions: 0, birthdays: 0 });
  });

  it("GIVEN a bad mint request THEN 400 naming the fault; expiresIn bounds the token to at most an hour", async () => {
    const { key } = await headlessShop();
    for (const body of [{}, { customerId: 7001 }, { customerId: "7001", scopes: [] }, { customerId: "7001", scopes: ["admin"] }, { customerId: "7001", scopes: ["read", "read"] }, { customerId: "7001", expiresIn: 3601 }, { customerId: "7001", expiresIn: 30 }, { customerId: "7001", extra: 1 }]) {
      const answer = await mint(key, body);
      expect([answer.status, answer.body.error.code], JSON.stringify(body)).toEqual([400, "invalid_request"]);
      expect(spec.requestValid("POST", "/api/v1/customer-tokens", body), JSON.stringify(body)).toBe(false);
    }
    const minted = await mint(key, { customerId: "7001", scopes: ["read"], expiresIn: 3600 });
    expect(minted).toMatchObject({ status: 201, body: { tokenType: "Bearer", customerId: "7001", scopes: ["read"] } });
    const claims = decodeJwt(minted.body.token);
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(new Date(minted.body.expiresAt).getTime()).toBe(claims.exp! * 1000);
    expect((await mint(null as unknown as string, { customerId: "7001" })).status).toBe(401);
  });

  it("GIVEN more requests in a minute than the customer's limit THEN 429 with Retry-After, also across new tokens; another customer is unaffected", async () => {
    const { key } = await headlessShop();
    const token = await tokenFor(key, "7001");
    for (let i = 0; i < HEADLESS_TOKEN_LIMIT.points; i += 1) expect((await call({ route: me.loader, method: "GET", path: "/?before=x", documented: "/api/v1/customer/me", auth: token })).status).toBe(400);
    const limited = await call({ route: me.loader, method: "GET", path: "/", documented: "/api/v1/customer/me", auth: await tokenFor(key, "7001") });
    expect(limited.body.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await call({ route: me.loader, method: "GET", path: "/", documented: "/api/v1/customer/me", auth: await tokenFor(key, "7002") })).status).toBe(200);
  });
});

describe("CORS", () => {
  it("GIVEN origins the shop lists THEN preflight and answers carry CORS headers for them only; other origins none and 403", async () => {
    const { shop, key } = await headlessShop();
    await saveAllowedOrigins(sqlDb, shop, ["https://app.tea-house.example"]);
    const preflight = (origin: string) =>
      call({ route: redeem.action, method: "OPTIONS", path: "/api/v1/customer/redeem", headers: { Origin: origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type" } });
    const allowed = await preflight("https://app.tea-house.example");
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("Access-Control-Allow-Origin")).toBe("https://app.tea-house.example");
    expect(allowed.headers.get("Access-Control-Allow-Headers")).toMatch(/Authorization/);
    expect(allowed.headers.get("Access-Control-Allow-Methods")).toMatch(/POST/);
    const other = await preflight("https://evil.example");
    expect(other.status).toBe(204);
    expect(other.headers.get("Access-Control-Allow-Origin")).toBeNull();

    const token = await tokenFor(key, "7001");
    const fromApp = await call({ route: me.loader, method: "GET", path: "/", documented: "/api/v1/customer/me", auth: token, headers: { Origin: "https://app.tea-house.example" } });
    expect(fromApp.status).toBe(200);
    expect(fromApp.headers.get("Access-Control-Allow-Origin")).toBe("https://app.tea-house.example");
    expect(fromApp.headers.get("Vary")).toMatch(/Origin/);
    const fromEvil = await call({ route: me.loader, method: "GET", path: "/", documented: "/api/v1/customer/me", auth: token, headers: { Origin: "https://evil.example" } });
    expect([fromEvil.status, fromEvil.body.error.code, fromEvil.headers.get("Access-Control-Allow-Origin")]).toEqual([403, "origin_not_allowed", null]);
    // Another shop listing an origin does not let it read this shop's answers.
    const other2 = await headlessShop();
    await saveAllowedOrigins(sqlDb, other2.shop, ["https://other-shop.example"]);
    const fromOtherShop = await call({ route: me.loader, method: "GET", path: "/", documented: "/api/v1/customer/me", auth: token, headers: { Origin: "https://other-shop.example" } });
    expect([fromOtherShop.status, fromOtherShop.headers.get("Access-Control-Allow-Origin")]).toEqual([403, null]);
    // Server-to-server answers never carry CORS headers, whatever the origin.
    const viaKey = await call({ route: member.loader, method: "GET", path: "/", documented: "/api/v1/members/{customerId}", auth: key, params: { customerId: "7001" }, headers: { Origin: "https://app.tea-house.example" } });
    expect(viaKey.headers.get("Access-Control-Allow-Origin")).toBeNull();
    // No Origin header (a mobile app, a server): answered, no CORS headers.
    const native = await call({ route: me.loader, method: "GET", path: "/", documented: "/api/v1/customer/me", auth: token });
    expect([native.status, native.headers.get("Access-Control-Allow-Origin")]).toEqual([200, null]);
  });
});
