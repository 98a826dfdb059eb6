// The analytics hold-out group earns nothing on any surface, through each real entry point (signed admin, proxy and
// webhook requests, the API key route): staff adjustments, CSV import, the custom actions API, social follows, the
// referral link, tier assignment, rewards given by hand and points for imported past orders. Each refusal says why
// and writes nothing; an enrolled customer of the same shop, on the same path, is credited (so the refusals are the
// hold-out's, not a broken path's).
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { action as customerAction, type AdjustActionResult } from "../../../app/routes/app.customers.$id/route";
import { action as tierAction, loader as tierLoader, type TierAssignResult } from "../../../app/routes/app.customers.$id.tier";
import { action as supportAction, type SupportActionResult } from "../../../app/routes/app.customers.$id_.support";
import { action as importAction } from "../../../app/routes/app.import._index";
import { loader as errorsLoader } from "../../../app/routes/app.import.$id.errors";
import { action as tiersAction } from "../../../app/routes/app.tiers";
import { action as historyAction, type HistoryActionResult } from "../../../app/routes/app.tiers.history";
import { action as actionsApi } from "../../../app/routes/api.v1.actions";
import { action as followAction } from "../../../app/routes/proxy.follow";
import { loader as referralLoader } from "../../../app/routes/proxy.referral";
import { loader as headlessMember } from "../../../app/routes/api.v1.members.$customerId";
import { action as headlessRedeem } from "../../../app/routes/api.v1.members.$customerId_.redeem";
import { action as mintToken } from "../../../app/routes/api.v1.customer-tokens";
import { loader as headlessMe } from "../../../app/routes/api.v1.customer.me";
import { loader as posMe } from "../../../app/routes/extension.pos.me";
import { action as posRedeem } from "../../../app/routes/extension.pos.redeem";
import { importJobsIdle } from "../../../app/jobs/import-job.server";
import { historyImportsIdle } from "../../../app/jobs/order-history-job";
import { tierJobsIdle } from "../../../app/jobs/tier-jobs.server";
import { saveAnalyticsSettings } from "../../../app/persistence/analytics-settings";
import { createApiKey } from "../../../app/persistence/api-keys";
import { saveAction } from "../../../app/persistence/earning-actions";
import { saveReferralSettings } from "../../../app/persistence/referrals";
import { createReward } from "../../../app/persistence/reward-catalog";
import { recordShopSeen } from "../../../app/persistence/shops";
import { DEFAULT_SEGMENT_THRESHOLDS } from "../../../app/rules/analytics-segments";
import { defaultAction } from "../../../app/rules/earning-actions";
import { holdOutPosition } from "../../../app/rules/hold-out";
import { DEFAULT_REFERRAL_SETTINGS } from "../../../app/rules/referrals";
import { REWARD_DEFAULTS } from "../../../app/rules/rewards";
import { APP_URL, adminDocumentRequest, installShop, posRequest, signedProxyRequest, uniqueShop } from "../../support/shopify-requests";
import { runRoute, staffRequest } from "../../support/admin-requests";
import { deliverOk } from "../../support/webhook-delivery";
import { orderPaidPayload } from "../../support/shopify-payloads";
import { expectCachedBalancesMatchLedger, memberBalances } from "../../support/ledger-invariants";
import { openApiChecker } from "../../support/openapi";

const standIn = installAdminApiStandIn();
const spec = openApiChecker("docs/openapi.yaml");
const DAY = 86_400_000;

/** Customer ids whose hash puts them inside (held) or outside a 50% hold-out for this shop. */
function customersFor(shop: string, held: boolean, count: number, from = 900): string[] {
  const found: string[] = [];
  for (let id = from; found.length < count; id++) if (holdOutPosition(shop, String(id)) < 0.5 === held) found.push(String(id));
  return found;
}

/** A shop with a 50% hold-out and two customers whose first order came through orders/paid: one held out, one not. */
async function shopWithHoldOut() {
  const shop = uniqueShop("holdout-paths");
  await installShop(shop);
  await recordShopSeen(sqlDb, shop, "USD", new Date(), "UTC");
  standIn.seedShop(shop, { name: "Tea House", currencyCode: "USD" });
  await saveAnalyticsSettings(sqlDb, shop, { holdOutPercent: 50, segments: DEFAULT_SEGMENT_THRESHOLDS });
  const [held] = customersFor(shop, true, 1);
  const [enrolled] = customersFor(shop, false, 1);
  for (const [index, customerId] of [held!, enrolled!].entries()) {
    standIn.seedCustomer(shop, { id: customerId, email: `c${customerId}@example.com` });
    await deliverOk(shop, "orders/paid", orderPaidPayload({ orderId: `610${index}`, customerId, lines: [{ id: `610${index}1`, quantity: 1, unitPrice: 2_000 }] }));
  }
  const heldMember = await db.member.findUniqueOrThrow({ where: { shop_customerId: { shop, customerId: held! } } });
  expect(heldMember.holdOut).toBe(true);
  return { shop, held: held!, enrolled: enrolled!, heldMemberId: heldMember.id };
}

async function heldOutHasNothing(shop: string, memberId: number) {
  expect(await db.ledgerEntry.count({ where: { shop, memberId } })).toBe(0);
  expect(await db.pointsAdjustment.count({ where: { shop, memberId } })).toBe(0);
  expect(await db.redemption.count({ where: { shop, memberId } })).toBe(0);
  const member = await db.member.findFirstOrThrow({ where: { shop, id: memberId } });
  expect([Number(member.availablePoints), Number(member.pendingPoints)]).toEqual([0, 0]);
  await expectCachedBalancesMatchLedger(shop);
}

describe("the hold-out earns nothing on any surface", () => {
  it("staff adjustment: refused with held_out, no ledger entry and no audit row; an enrolled member is adjusted", async () => {
    const { shop, held, enrolled, heldMemberId } = await shopWithHoldOut();
    const form = (requestKey: string) => ({ points: "250", reason: "Goodwill", requestKey, confirmOverdraw: "false" });
    const refused = await runRoute<AdjustActionResult>(customerAction, await staffRequest(shop, `/app/customers/${held}`, { sub: "77", form: form("holdout-key-1") }), { id: held });
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({ ok: false, issues: [{ field: "points", code: "held_out" }] });
    const done = await runRoute<AdjustActionResult>(customerAction, await staffRequest(shop, `/app/customers/${enrolled}`, { sub: "77", form: form("holdout-key-2") }), { id: enrolled });
    expect(done.body).toMatchObject({ ok: true, points: 250 });
    await heldOutHasNothing(shop, heldMemberId);
  });

  it("CSV import: the held-out member's row is a row error saying why; the other rows import", async () => {
    const { shop, held, enrolled, heldMemberId } = await shopWithHoldOut();
    // A customer the app has never seen whose hash would put them in the hold-out: imported and enrolled, by design
    // (the hold-out samples customers new to the shop, not members of the previous program).
    const [newcomer] = customersFor(shop, true, 1, 5000);
    standIn.seedCustomer(shop, { id: newcomer!, email: "newcomer@example.com" });
    const form = new FormData();
    form.set("file", new File([["Customer ID,Points,Note", `${held},500,from Smile`, `${enrolled},300,from Smile`, `${newcomer},40,from Smile`].join("\n")], "balances.csv", { type: "text/csv" }));
    expect((await runRoute(importAction, await staffRequest(shop, "/app/import", { sub: "4242", body: form }))).status).toBe(200);
    await importJobsIdle();
    const job = await db.importJob.findFirstOrThrow({ where: { shop } });
    expect(job).toMatchObject({ status: "done", importedRows: 2, errorRows: 1, importedPoints: 340n });
    const report = await runRoute(errorsLoader, await adminDocumentRequest(shop, `/app/import/${job.id}/errors`), { id: String(job.id) });
    const text = await report.response!.text();
    expect(text).toContain("hold-out group");
    expect(text).toContain(`${held},500,from Smile`);
    expect(await memberBalances(shop, enrolled)).toEqual({ available: 300, pending: expect.any(Number) });
    expect((await db.member.findUniqueOrThrow({ where: { shop_customerId: { shop, customerId: newcomer! } } })).holdOut).toBe(false);
    await heldOutHasNothing(shop, heldMemberId);
  });

  it("custom actions API: 403 not_enrolled for a held-out customer, known or first seen, as documented; an enrolled one is credited", async () => {
    const { shop, held, enrolled, heldMemberId } = await shopWithHoldOut();
    await saveAction(sqlDb, shop, { ...defaultAction("quiz"), enabled: true, points: 10 });
    const { key } = await createApiKey(sqlDb, shop, "Quiz app");
    const send = async (customerId: string, idempotencyKey: string) => {
      const request = new Request(`${APP_URL}/api/v1/actions`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${key}` },
        body: JSON.stringify({ action: "quiz", customerId, idempotencyKey }),
      });
      const response = await actionsApi({ request, params: {}, context: {} });
      const body = await response.json();
      spec.expectDocumented("POST", "/api/v1/actions", response.status, body);
      return { status: response.status, body };
    };
    expect(await send(held, "q-1")).toMatchObject({ status: 403, body: { error: { code: "not_enrolled", field: "customerId", message: expect.stringContaining("hold-out") } } });
    const [firstSeen] = customersFor(shop, true, 1, 7000);
    expect(await send(firstSeen!, "q-2")).toMatchObject({ status: 403, body: { error: { code: "not_enrolled" } } });
    const assigned = await db.member.findUniqueOrThrow({ where: { shop_customerId: { shop, customerId: firstSeen! } } });
    expect(assigned.holdOut).toBe(true);
    expect(await db.actionRequest.count({ where: { shop } })).toBe(0);
    expect(await send(enrolled, "q-3")).toMatchObject({ status: 201, body: { credit: { points: 10 } } });
    await heldOutHasNothing(shop, heldMemberId);
    await heldOutHasNothing(shop, assigned.id);
  });

  it("storefront: a social follow and the referral link answer the neutral not_enrolled; an enrolled shopper earns and gets a link", async () => {
    const { shop, held, enrolled, heldMemberId } = await shopWithHoldOut();
    await saveAction(sqlDb, shop, { ...defaultAction("social_instagram"), enabled: true, points: 15, url: "https://instagram.com/tea" });
    await saveReferralSettings(sqlDb, shop, { ...DEFAULT_REFERRAL_SETTINGS, enabled: true });
    const follow = async (customerId: string) => {
      const init = { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ network: "instagram" }) };
      const response = await followAction({ request: await signedProxyRequest(shop, "/proxy/follow", { customerId, init }), params: {}, context: {} });
      return { status: response.status, body: await response.json() };
    };
    const referral = async (customerId: string) => {
      const response = await referralLoader({ request: await signedProxyRequest(shop, "/proxy/referral", { customerId }), params: {}, context: {} });
      return { status: response.status, body: await response.json() };
    };
    expect(await follow(held)).toEqual({ status: 403, body: { error: { code: "not_enrolled", message: "The rewards program is not available for this account" } } });
    expect(await follow(enrolled)).toMatchObject({ status: 200, body: { credited: { points: 15 } } });
    expect(await referral(held)).toMatchObject({ status: 403, body: { error: { code: "not_enrolled" } } });
    expect(await referral(enrolled)).toMatchObject({ status: 200, body: { code: expect.any(String) } });
    expect(await db.referralCode.count({ where: { shop, memberId: heldMemberId } })).toBe(0);
    await heldOutHasNothing(shop, heldMemberId);
  });

  it("headless API and point of sale: the held-out customer gets the neutral not_enrolled from the shop key, a customer token and POS; an enrolled one is served", async () => {
    const { shop, held, enrolled, heldMemberId } = await shopWithHoldOut();
    const reward = await createReward(db, shop, { ...REWARD_DEFAULTS, type: "fixed_amount", title: "$1 off", pointsCost: 1, amountMinor: 100, validityDays: 30 });
    const { key } = await createApiKey(sqlDb, shop, "Mobile app");
    type Route = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;
    const call = async (route: Route, path: string, auth: string, params: Record<string, string>, body?: unknown) => {
      const init: RequestInit = { method: body === undefined ? "GET" : "POST", headers: { Authorization: `Bearer ${auth}`, "Content-Type": "application/json" } };
      if (body !== undefined) init.body = JSON.stringify(body);
      const response = await route({ request: new Request(`${APP_URL}${path}`, init), params, context: {} });
      return { status: response.status, body: await response.json() };
    };
    const mint = async (customerId: string) => (await call(mintToken as Route, "/api/v1/customer-tokens", key, {}, { customerId })).body.token as string;
    const pos = async (route: Route, path: string, body?: unknown) => {
      const init: RequestInit = body === undefined ? { method: "GET" } : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
      const response = await route({ request: await posRequest(path, { shop, init }), params: {}, context: {} });
      return { status: response.status, body: await response.json() };
    };
    const notEnrolled = { status: 403, body: { error: { code: "not_enrolled", message: "The rewards program is not available for this account" } } };

    const member = await call(headlessMember as Route, `/api/v1/members/${held}`, key, { customerId: held });
    spec.expectDocumented("GET", "/api/v1/members/{customerId}", member.status, member.body);
    expect(member).toEqual(notEnrolled);
    const redeemed = await call(headlessRedeem as Route, `/api/v1/members/${held}/redeem`, key, { customerId: held }, { rewardId: reward.id });
    spec.expectDocumented("POST", "/api/v1/members/{customerId}/redeem", redeemed.status, redeemed.body);
    expect(redeemed.status).toBe(403);
    const me = await call(headlessMe as Route, "/api/v1/customer/me", await mint(held), {});
    spec.expectDocumented("GET", "/api/v1/customer/me", me.status, me.body);
    expect(me).toEqual(notEnrolled);
    expect(await pos(posMe as Route, `/extension/pos/me?customer=${held}`)).toEqual(notEnrolled);
    expect((await pos(posRedeem as Route, "/extension/pos/redeem", { customerId: held, rewardId: reward.id })).status).toBe(403);
    await heldOutHasNothing(shop, heldMemberId);

    // The enrolled customer of the same shop, on the same routes, is served.
    expect((await call(headlessMember as Route, `/api/v1/members/${enrolled}`, key, { customerId: enrolled })).status).toBe(200);
    const served = (await call(headlessMe as Route, "/api/v1/customer/me", await mint(enrolled), {})).body;
    // Their first order's points (pending, at the default pending days).
    expect(served.availablePoints + served.pendingPoints).toBeGreaterThan(0);
    expect((await pos(posMe as Route, `/extension/pos/me?customer=${enrolled}`)).status).toBe(200);
  });

  it("tier assignment and a reward given by hand: refused with held_out, nothing written", async () => {
    const { shop, held, enrolled, heldMemberId } = await shopWithHoldOut();
    const tier = (position: string, en: string, threshold: string, entryReward: string) => ({ id: "", position, names: { en }, threshold, multiplier: "1", entryReward, freeShipping: false, birthdayMultiplier: "1" });
    const program = JSON.stringify({ measure: "money_spent", period: "calendar_year", graceDays: "0", tiers: [tier("1", "Member", "0", "50"), tier("2", "Gold", "1000", "500")] });
    expect((await runRoute(tiersAction, await staffRequest(shop, "/app/tiers", { form: { intent: "save", program } }))).status).toBe(200);
    await tierJobsIdle();
    type TierData = Awaited<ReturnType<typeof tierLoader>>;
    const page = await runRoute<TierData>(tierLoader, await staffRequest(shop, `/app/customers/${enrolled}/tier`), { id: enrolled });
    const goldId = page.body.summary!.tiers[1]!.id;
    const holdUntil = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);
    const assign = async (customerId: string) =>
      runRoute<TierAssignResult>(tierAction, await staffRequest(shop, `/app/customers/${customerId}/tier`, { form: { tierId: goldId, holdUntil, reason: "Press event" } }), { id: customerId });
    expect(await assign(held)).toMatchObject({ status: 400, body: { ok: false, issues: [{ field: "tierId", code: "held_out" }] } });
    expect(await db.tierChange.count({ where: { shop, memberId: heldMemberId } })).toBe(0);
    expect((await assign(enrolled)).body).toEqual({ ok: true });
    expect(await db.tierChange.count({ where: { shop, cause: "manual" } })).toBe(1); // the enrolled member's

    const reward = await createReward(db, shop, { ...REWARD_DEFAULTS, type: "fixed_amount", title: "$5 off", pointsCost: 100, amountMinor: 500 });
    const grant = async (customerId: string, requestKey: string) =>
      runRoute<SupportActionResult>(supportAction, await staffRequest(shop, `/app/customers/${customerId}/support`, { sub: "staff-5", form: { intent: "grant", rewardId: String(reward.id), requestKey } }), { id: customerId });
    expect(await grant(held, "grant-key-held")).toMatchObject({ status: 409, body: { ok: false, issues: [{ code: "held_out" }] } });
    expect(await db.supportAction.count({ where: { shop, memberId: heldMemberId } })).toBe(0);
    expect(standIn.requests.filter((r) => r.shop === shop && r.operationName === "RewardCodeBasicCreate")).toHaveLength(0);
    expect(await grant(enrolled, "grant-key-enrolled")).toMatchObject({ status: 200, body: { ok: true, status: "issued" } });
    await heldOutHasNothing(shop, heldMemberId);
  });

  it("points for imported past orders: the held-out member's orders are neither previewed nor awarded", async () => {
    const { shop, held, enrolled, heldMemberId } = await shopWithHoldOut();
    const ago = new Date(Date.now() - 90 * DAY).toISOString();
    standIn.seedOrder(shop, { id: "5001", customerId: held, subtotalPrice: "80.00", processedAt: ago, createdAt: ago });
    standIn.seedOrder(shop, { id: "5002", customerId: enrolled, subtotalPrice: "42.00", processedAt: ago, createdAt: ago });
    const post = async (form: Record<string, string>) => runRoute<HistoryActionResult>(historyAction, await staffRequest(shop, "/app/tiers/history", { form }));
    expect((await post({ intent: "start" })).body).toMatchObject({ ok: true });
    await historyImportsIdle();
    expect(await db.orderRecord.count({ where: { shop, orderId: { in: ["5001", "5002"] } } })).toBe(2);
    expect((await post({ intent: "preview" })).body).toEqual({ ok: true, preview: { orders: 1, members: 1, points: 42 } });
    expect((await post({ intent: "award", points: "42" })).body).toEqual({ ok: true, awarded: { orders: 1, members: 1, points: 42 } });
    await heldOutHasNothing(shop, heldMemberId);
  });
});
