// The non-order ways to earn through their real entry points: signed app proxy calls (birthday, social follow, the
// panel's program and member views), signed customers/update webhooks (newsletter), and the daily job (birthdays,
// anniversaries in the shop's time zone).
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { saveAction } from "../../../app/persistence/earning-actions";
import { recordShopSeen } from "../../../app/persistence/shops";
import { runScheduledActionsJob } from "../../../app/jobs/scheduled-actions-job";
import { defaultAction, type ActionDefinition } from "../../../app/rules/earning-actions";
import { action as birthdayAction } from "../../../app/routes/proxy.birthday";
import { action as followAction } from "../../../app/routes/proxy.follow";
import { loader as meLoader } from "../../../app/routes/proxy.me";
import { loader as programLoader } from "../../../app/routes/proxy.program";
import { installedShop, signedProxyRequest } from "../../support/shopify-requests";
import { deliverOk } from "../../support/webhook-delivery";
import { customerPayload } from "../../support/shopify-payloads";
import { expectCachedBalancesMatchLedger, memberBalances } from "../../support/ledger-invariants";
import { jsonRouteResponse, type ResourceRoute } from "../../support/route-response";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
// Status and body only: the assertions below compare the whole answer.
const call = async (route: Route, request: Request) => {
  const { status, body } = await jsonRouteResponse(route, request);
  return { status, body };
};
type Route = ResourceRoute;

const post = async (route: Route, shop: string, path: string, customerId: string | undefined, body: unknown) =>
  call(
    route,
    await signedProxyRequest(shop, path, {
      customerId,
      init: { method: "POST", headers: { "Content-Type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) },
    }),
  );

async function shopWith(zone: string, ...actions: Array<Partial<ActionDefinition> & { key: string }>) {
  const shop = await installedShop("ways");
  await recordShopSeen(sqlDb, shop, "USD", new Date(), zone);
  for (const action of actions) await saveAction(sqlDb, shop, { ...defaultAction(action.key), enabled: true, points: 100, ...action });
  return shop;
}

const counts = async (shop: string) => ({ members: await db.member.count({ where: { shop } }), entries: await db.ledgerEntry.count({ where: { shop } }) });

describe("birthday", () => {
  it("GIVEN a signed shopper THEN the birthday is stored with the year it first earns; bad dates are 400 and guests 401, writing nothing", async () => {
    const shop = await shopWith("UTC", { key: "birthday", leadDays: 30 });
    expect(await post(birthdayAction, shop, "/proxy/birthday", "41", { month: 2, day: 30 })).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_birthday", field: "day" } },
    });
    expect(await post(birthdayAction, shop, "/proxy/birthday", "41", "{")).toMatchObject({ status: 400 });
    expect(await post(birthdayAction, shop, "/proxy/birthday", undefined, { month: 5, day: 1 })).toMatchObject({ status: 401 });
    expect(await counts(shop)).toEqual({ members: 0, entries: 0 });

    const saved = await post(birthdayAction, shop, "/proxy/birthday", "41", { month: 12, day: 31 });
    expect(saved.status).toBe(200);
    expect(saved.body.birthday).toMatchObject({ month: 12, day: 31 });
    const me = await call(meLoader, await signedProxyRequest(shop, "/proxy/me", { customerId: "41" }));
    expect(me.body.birthday).toEqual(saved.body.birthday);
  });

  it("GIVEN the job on the birthday in Kiritimati THEN the member is credited that local day, once, and not before its first year", async () => {
    const shop = await shopWith("Pacific/Kiritimati", { key: "birthday", points: 250, leadDays: 30 });
    // Set on 1 January (shop time) for 10 March: 68 days ahead, so it earns this year.
    await db.member.create({ data: { shop, customerId: "51", birthdayMonth: 3, birthdayDay: 10, birthdayFirstYear: 2026 } });
    // And one set too late: earns from 2027.
    await db.member.create({ data: { shop, customerId: "52", birthdayMonth: 3, birthdayDay: 10, birthdayFirstYear: 2027 } });

    await runScheduledActionsJob(sqlDb, new Date("2026-03-09T09:59:00Z")); // 9 March 23:59 in Kiritimati
    expect(await memberBalances(shop, "51")).toEqual({ available: 0, pending: 0 });
    await runScheduledActionsJob(sqlDb, new Date("2026-03-09T10:00:00Z")); // 10 March 00:00 there
    expect(await memberBalances(shop, "51")).toEqual({ available: 250, pending: 0 });
    expect(await memberBalances(shop, "52")).toEqual({ available: 0, pending: 0 });
    // Later the same day and again after the shop's sweep mark is cleared: nothing twice.
    await runScheduledActionsJob(sqlDb, new Date("2026-03-10T05:00:00Z"));
    await db.earningAction.update({ where: { shop_key: { shop, key: "birthday" } }, data: { sweptOn: null } });
    await runScheduledActionsJob(sqlDb, new Date("2026-03-10T06:00:00Z"));
    expect(await memberBalances(shop, "51")).toEqual({ available: 250, pending: 0 });
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN a birthday entered 5 days ahead THEN it earns nothing this year, next year on the day", async () => {
    const shop = await shopWith("UTC", { key: "birthday", points: 100, leadDays: 30 });
    const today = new Date();
    const soon = new Date(today.getTime() + 5 * 86_400_000);
    const saved = await post(birthdayAction, shop, "/proxy/birthday", "61", { month: soon.getUTCMonth() + 1, day: soon.getUTCDate() });
    expect(saved.body.birthday.earnsFrom).toBe(soon.getUTCFullYear() + 1);
    await runScheduledActionsJob(sqlDb, soon);
    expect(await memberBalances(shop, "61")).toEqual({ available: 0, pending: 0 });
  });
});

describe("anniversary", () => {
  it("GIVEN members who joined on this local day in earlier years THEN each is credited; those joined on other days are not", async () => {
    const shop = await shopWith("America/Los_Angeles", { key: "anniversary", points: 40 });
    // 2025-06-03 in Los Angeles is 07:00Z on the 3rd to 07:00Z on the 4th.
    await db.member.create({ data: { shop, customerId: "71", createdAt: new Date("2025-06-04T06:30:00Z") } });
    await db.member.create({ data: { shop, customerId: "72", createdAt: new Date("2025-06-04T07:30:00Z") } });
    await db.member.create({ data: { shop, customerId: "73", createdAt: new Date("2026-06-03T12:00:00Z") } });
    await runScheduledActionsJob(sqlDb, new Date("2026-06-03T20:00:00Z"));
    expect(await memberBalances(shop, "71")).toEqual({ available: 40, pending: 0 });
    expect(await memberBalances(shop, "72")).toEqual({ available: 0, pending: 0 });
    expect(await memberBalances(shop, "73")).toEqual({ available: 0, pending: 0 });
  });
});

describe("newsletter", () => {
  it("GIVEN customers/update with email consent subscribed THEN points once ever, not again after unsubscribe and resubscribe", async () => {
    const shop = await shopWith("UTC", { key: "newsletter", points: 30 });
    const consent = (state: string) => customerPayload("81", { email_marketing_consent: { state, opt_in_level: "single_opt_in", consent_updated_at: "2026-11-20T10:00:00-05:00" } });
    await deliverOk(shop, "customers/update", consent("not_subscribed"));
    expect(await memberBalances(shop, "81")).toEqual({ available: 0, pending: 0 });
    await deliverOk(shop, "customers/update", consent("subscribed"));
    expect(await memberBalances(shop, "81")).toEqual({ available: 30, pending: 0 });
    await deliverOk(shop, "customers/update", consent("unsubscribed"));
    await deliverOk(shop, "customers/update", consent("subscribed"));
    expect(await memberBalances(shop, "81")).toEqual({ available: 30, pending: 0 });
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN the newsletter switched off THEN subscribing earns nothing", async () => {
    const shop = await shopWith("UTC", { key: "newsletter", points: 30, enabled: false });
    await deliverOk(shop, "customers/update", customerPayload("82", { email_marketing_consent: { state: "subscribed", opt_in_level: null, consent_updated_at: null } }));
    expect(await db.ledgerEntry.count({ where: { shop } })).toBe(0);
  });
});

describe("social follow", () => {
  it("GIVEN a shopper back from Instagram THEN points once per network; the panel shows it done", async () => {
    const shop = await shopWith(
      "UTC",
      { key: "social_instagram", points: 15, url: "https://instagram.com/tea" },
      { key: "social_tiktok", points: 20, url: "https://tiktok.com/@tea" },
    );
    const program = await call(programLoader, await signedProxyRequest(shop, "/proxy/program"));
    expect(program.body.actions.map((a: Json) => [a.key, a.network, a.points, a.url])).toEqual([
      ["social_instagram", "instagram", 15, "https://instagram.com/tea"],
      ["social_tiktok", "tiktok", 20, "https://tiktok.com/@tea"],
    ]);

    expect(await post(followAction, shop, "/proxy/follow", "91", { network: "instagram" })).toEqual({
      status: 200,
      body: { credited: { points: 15 }, availablePoints: 15 },
    });
    expect(await post(followAction, shop, "/proxy/follow", "91", { network: "instagram" })).toMatchObject({ status: 409, body: { error: { code: "already_earned" } } });
    expect(await post(followAction, shop, "/proxy/follow", "91", { network: "youtube" })).toMatchObject({ status: 404 });
    expect(await post(followAction, shop, "/proxy/follow", "91", { network: "myspace" })).toMatchObject({ status: 400 });
    expect(await post(followAction, shop, "/proxy/follow", undefined, { network: "tiktok" })).toMatchObject({ status: 401 });
    const me = await call(meLoader, await signedProxyRequest(shop, "/proxy/me", { customerId: "91" }));
    expect(me.body.actions).toEqual([
      { key: "social_instagram", done: true },
      { key: "social_tiktok", done: false },
    ]);
    expect(me.body.availablePoints).toBe(15);
    await expectCachedBalancesMatchLedger(shop);
  });
});
