// Crediting ways to earn (app/persistence/action-credits.ts) on the real database: limits hold under concurrent
// duplicate requests, refusals write nothing, the period follows the shop's time zone.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import db, { sqlDb } from "../../../app/db.server";
import { creditAction } from "../../../app/persistence/action-credits";
import { saveAction } from "../../../app/persistence/earning-actions";
import { recordShopSeen } from "../../../app/persistence/shops";
import { defaultAction, type ActionDefinition, type ActionLimit } from "../../../app/rules/earning-actions";
import { installedShop } from "../../support/shopify-requests";
import { expectCachedBalancesMatchLedger, memberBalances } from "../../support/ledger-invariants";

async function shopWithAction(limit: ActionLimit, overrides: Partial<ActionDefinition> = {}, zone = "UTC") {
  const shop = await installedShop("earn");
  await recordShopSeen(sqlDb, shop, "USD", new Date(), zone);
  await saveAction(sqlDb, shop, { ...defaultAction("quiz"), enabled: true, points: 25, limit, ...overrides });
  return shop;
}

const tableCounts = async (shop: string) => ({
  members: await db.member.count({ where: { shop } }),
  entries: await db.ledgerEntry.count({ where: { shop } }),
  requests: await db.actionRequest.count({ where: { shop } }),
});

describe("creditAction", () => {
  it("property: concurrent duplicate posts credit exactly as often as the limit allows", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        // Each post's idempotency key: posts sharing one are one request sent several times.
        fc.array(fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }), { minLength: 1, maxLength: 10 }),
        async (count, keys) => {
          const shop = await shopWithAction({ type: "per_period", count, period: "day" });
          const now = new Date("2026-06-10T12:00:00Z");
          const outcomes = await Promise.all(
            keys.map((key) => creditAction(sqlDb, { shop, customerId: "77", actionKey: "quiz", requestKey: key === null ? null : `req-${key}`, now })),
          );
          const distinctRequests = keys.filter((key) => key === null).length + new Set(keys.filter((key) => key !== null)).size;
          const credited = outcomes.filter((o) => o.status === "credited" && !o.replayed).length;
          expect(credited).toBe(Math.min(count, distinctRequests));
          expect(outcomes.every((o) => o.status === "credited" || o.status === "limit_reached")).toBe(true);
          expect(await memberBalances(shop, "77")).toEqual({ available: 25 * credited, pending: 0 });
          // A repeated idempotency key answers as its first request did, never credits twice.
          for (const key of new Set(keys.filter((k) => k !== null))) {
            const mine = outcomes.filter((_, i) => keys[i] === key);
            const ledgerKeys = new Set(mine.map((o) => (o.status === "credited" ? o.ledgerKey : o.status)));
            expect(ledgerKeys.size).toBe(1);
          }
          await expectCachedBalancesMatchLedger(shop);
        },
      ),
      { numRuns: 12 },
    );
  });

  it("GIVEN the limit reached, an unknown or a disabled action THEN nothing is written, not even the member", async () => {
    const shop = await shopWithAction({ type: "once" });
    expect(await creditAction(sqlDb, { shop, customerId: "5", actionKey: "nope" })).toEqual({ status: "unknown_action" });
    await saveAction(sqlDb, shop, { ...defaultAction("newsletter"), enabled: false, points: 10 });
    expect(await creditAction(sqlDb, { shop, customerId: "5", actionKey: "newsletter" })).toEqual({ status: "disabled" });
    expect(await tableCounts(shop)).toEqual({ members: 0, entries: 0, requests: 0 });

    expect(await creditAction(sqlDb, { shop, customerId: "5", actionKey: "quiz", requestKey: "a" })).toMatchObject({ status: "credited", points: 25 });
    const before = await tableCounts(shop);
    expect(await creditAction(sqlDb, { shop, customerId: "5", actionKey: "quiz", requestKey: "b" })).toEqual({ status: "limit_reached" });
    expect(await tableCounts(shop)).toEqual(before);
  });

  it("GIVEN an idempotency key used for another customer THEN it is refused and nothing is written", async () => {
    const shop = await shopWithAction({ type: "per_period", count: 5, period: "day" });
    await creditAction(sqlDb, { shop, customerId: "5", actionKey: "quiz", requestKey: "k" });
    const before = await tableCounts(shop);
    expect(await creditAction(sqlDb, { shop, customerId: "6", actionKey: "quiz", requestKey: "k" })).toEqual({ status: "request_key_reused" });
    expect(await tableCounts(shop)).toEqual(before);
  });

  it("GIVEN once a day in Kiritimati (UTC+14) THEN the day turns at 10:00 UTC", async () => {
    const shop = await shopWithAction({ type: "per_period", count: 1, period: "day" }, {}, "Pacific/Kiritimati");
    const credit = (iso: string) => creditAction(sqlDb, { shop, customerId: "9", actionKey: "quiz", now: new Date(iso) });
    expect(await credit("2026-03-01T09:00:00Z")).toMatchObject({ status: "credited" }); // 1 March, 23:00 local
    expect(await credit("2026-03-01T09:59:00Z")).toEqual({ status: "limit_reached" });
    expect(await credit("2026-03-01T10:00:00Z")).toMatchObject({ status: "credited", ledgerKey: "action:quiz:9:-:D2026-03-02:1" });
  });

  it("GIVEN reviews once per product THEN each product earns once, a photo adds its bonus", async () => {
    const shop = await installedShop("earn");
    await saveAction(sqlDb, shop, { ...defaultAction("product_review"), enabled: true, points: 20, photoBonus: 30 });
    const review = (subject: string, photo: boolean) => creditAction(sqlDb, { shop, customerId: "3", actionKey: "product_review", subject, photo });
    expect(await review("100", true)).toMatchObject({ status: "credited", points: 50 });
    expect(await review("100", false)).toEqual({ status: "limit_reached" });
    expect(await review("200", false)).toMatchObject({ status: "credited", points: 20, availablePoints: 70 });
    await expectCachedBalancesMatchLedger(shop);
  });
});
