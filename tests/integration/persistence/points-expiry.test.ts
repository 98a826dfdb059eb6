// Expiry on the real database: lots derived from what real webhooks and adjustments wrote, the sweep expiring what
// is due exactly once however many run at once, reminders enqueued once, pending never touched, and random
// sequences of earn / refund / adjust / expire keeping available = sum(open lots) (fast-check, on SQLite and
// PostgreSQL alike).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import db, { sqlDb } from "../../../app/db.server";
import { appendEntries, ensureMember } from "../../../app/persistence/ledger";
import { previewExpiry, runExpirySweep, saveExpiryPolicy } from "../../../app/persistence/points-expiry";
import { installedShop } from "../../support/shopify-requests";
import { deliverOk } from "../../support/webhook-delivery";
import { orderPaidPayload, refundPayload } from "../../support/shopify-payloads";
import { expectCachedBalancesMatchLedger, expectLotsMatchBalances, memberBalances } from "../../support/ledger-invariants";

const DAY = 24 * 3600_000;

async function expiringShop(pendingDays = 0) {
  const shop = await installedShop("expiry");
  await db.programSettings.create({ data: { shop, pendingDays } });
  // Set long ago, so the 30-day grace is over.
  await saveExpiryPolicy(sqlDb, shop, { kind: "per_lot", months: 1 }, new Date("2020-01-01T00:00:00Z"));
  return shop;
}

describe("points expiry", () => {
  it("GIVEN released and pending points WHEN four sweeps run at once after a month THEN only the released expire, once", async () => {
    const shop = await expiringShop();
    await deliverOk(shop, "orders/paid", orderPaidPayload({ orderId: "8100", customerId: "8101", lines: [{ id: "81001", quantity: 1, unitPrice: 5000 }] }));
    await db.programSettings.update({ where: { shop }, data: { pendingDays: 14 } });
    await deliverOk(shop, "orders/paid", orderPaidPayload({ orderId: "8102", customerId: "8101", lines: [{ id: "81021", quantity: 1, unitPrice: 2000 }] }));
    expect(await memberBalances(shop, "8101")).toEqual({ available: 50, pending: 20 });

    const preview = await previewExpiry(sqlDb, shop, { kind: "per_lot", months: 1 }, new Date("2020-01-01T00:00:00Z"), new Date());
    expect(preview).toMatchObject({ days30: 0, days90: 50, members90: 1 });

    const later = new Date(Date.now() + 40 * DAY);
    const runs = await Promise.all([1, 2, 3, 4].map(() => runExpirySweep(sqlDb, later)));
    expect(runs.reduce((sum, run) => sum + run.points, 0)).toBe(50);
    expect(await memberBalances(shop, "8101")).toEqual({ available: 0, pending: 20 });
    expect(await db.ledgerEntry.count({ where: { shop, kind: "expire" } })).toBe(1);
    await expectCachedBalancesMatchLedger(shop);
    await expectLotsMatchBalances(shop);
    // Nothing more to expire: the sweep writes nothing again.
    expect((await runExpirySweep(sqlDb, later)).points).toBe(0);
  });

  it("GIVEN a policy just changed THEN nothing expires for 30 days, and a reminder (email and Flow trigger) is enqueued once", async () => {
    const shop = await installedShop("expiry-grace");
    await db.programSettings.create({ data: { shop, pendingDays: 0 } });
    await db.notificationSettings.create({ data: { shop } });
    await db.flowSettings.create({ data: { shop, updatedAt: new Date() } });
    await deliverOk(shop, "orders/paid", orderPaidPayload({ orderId: "8200", customerId: "8201", lines: [{ id: "82001", quantity: 1, unitPrice: 3000 }] }));
    const changedAt = new Date(Date.now() + 60 * DAY);
    await saveExpiryPolicy(sqlDb, shop, { kind: "per_lot", months: 1 }, changedAt);
    // Points earned now are due after a month, but the policy changed later: not before changedAt + 30 days.
    expect((await runExpirySweep(sqlDb, new Date(changedAt.getTime() + 29 * DAY))).points).toBe(0);
    await runExpirySweep(sqlDb, new Date(changedAt.getTime() + 29 * DAY));
    const reminders = await db.notificationOutbox.findMany({ where: { shop, kind: "points_expiring", channel: "email" } });
    expect(reminders).toHaveLength(1);
    expect(JSON.parse(reminders[0]!.payload)).toMatchObject({ points: 30, days: 1 });
    // The Flow trigger of the same reminder: the fields extensions/flow-points-expiring declares.
    const triggers = await db.notificationOutbox.findMany({ where: { shop, channel: "flow", kind: "points_expiring" } });
    expect(triggers.map((t) => [t.kind, t.businessKey, JSON.parse(t.payload)])).toEqual([
      ["points_expiring", `flow:${reminders[0]!.businessKey}`, { points: 30, "expiry date": JSON.parse(reminders[0]!.payload).date, "days left": 1 }],
    ]);
    expect((await runExpirySweep(sqlDb, new Date(changedAt.getTime() + 30 * DAY + 1000))).points).toBe(30);
    await expectLotsMatchBalances(shop);
  });

  it("GIVEN an order's points expired THEN its refund takes back only what did not expire (spent points still are)", async () => {
    const shop = await expiringShop();
    await deliverOk(shop, "orders/paid", orderPaidPayload({ orderId: "8400", customerId: "8401", lines: [{ id: "84001", quantity: 2, unitPrice: 5000 }] }));
    const member = await ensureMember(sqlDb, shop, "8401");
    // 40 of the 100 spent, the other 60 expire a month later.
    await sqlDb.transaction().execute((trx) => appendEntries(trx, shop, member.id, [{ kind: "redeem", availableDelta: -40, pendingDelta: 0, reason: "test", sourceType: "redemption", sourceId: "1", idempotencyKey: "redeem:test-8400" }]));
    expect((await runExpirySweep(sqlDb, new Date(Date.now() + 40 * DAY))).points).toBe(60);
    expect(await memberBalances(shop, "8401")).toEqual({ available: 0, pending: 0 });
    // Refunding one of the two units would take 50: 60 of the order expired, so only the 40 spent can be taken back.
    await deliverOk(shop, "refunds/create", refundPayload({ refundId: "84009", orderId: "8400", lines: [{ lineItemId: "84001", quantity: 1 }] }));
    expect(await memberBalances(shop, "8401")).toEqual({ available: -40, pending: 0 });
    // The second unit: nothing of the order is left to take.
    await deliverOk(shop, "refunds/create", refundPayload({ refundId: "84010", orderId: "8400", lines: [{ lineItemId: "84001", quantity: 1 }] }));
    expect(await memberBalances(shop, "8401")).toEqual({ available: -40, pending: 0 });
    await expectCachedBalancesMatchLedger(shop);
    await expectLotsMatchBalances(shop);
  });

  it("keeps available = sum(open lots) over random earn / refund / adjust / expire sequences", async () => {
    type Op = { kind: "order" | "refund" | "adjust" | "expire"; amount: number; months: number };
    const op = fc.record({ kind: fc.constantFrom("order", "refund", "adjust", "expire"), amount: fc.integer({ min: -300, max: 300 }), months: fc.integer({ min: 0, max: 3 }) }) as fc.Arbitrary<Op>;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 3, maxLength: 10 }), async (ops) => {
        run += 1;
        const shop = await expiringShop();
        const member = await ensureMember(sqlDb, shop, "8301", { email: "lots@example.com" });
        const orders: string[] = [];
        let clock = Date.now();
        for (const [index, o] of ops.entries()) {
          clock += o.months * 31 * DAY;
          if (o.kind === "order") {
            const orderId = `${run}${index}83`;
            orders.push(orderId);
            await deliverOk(shop, "orders/paid", orderPaidPayload({ orderId, customerId: "8301", lines: [{ id: `${orderId}1`, quantity: 2, unitPrice: 1000 + Math.abs(o.amount) * 10 }] }));
          } else if (o.kind === "refund" && orders.length > 0) {
            const orderId = orders[Math.abs(o.amount) % orders.length]!;
            await deliverOk(shop, "refunds/create", refundPayload({ refundId: `${orderId}${index}`, orderId, lines: [{ lineItemId: `${orderId}1`, quantity: 1 }] }));
          } else if (o.kind === "adjust" && o.amount !== 0) {
            await sqlDb.transaction().execute((trx) =>
              appendEntries(trx, shop, member.id, [{ kind: "adjust", availableDelta: o.amount, pendingDelta: 0, reason: "test", sourceType: "staff", sourceId: "t", idempotencyKey: `adjust:${run}:${index}` }]),
            );
          } else if (o.kind === "expire") {
            await runExpirySweep(sqlDb, new Date(clock));
          }
          await expectLotsMatchBalances(shop);
        }
        await expectCachedBalancesMatchLedger(shop);
      }),
      { numRuns: 6 },
    );
  });
});
