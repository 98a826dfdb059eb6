// A delivery that still fails after all its attempts needs attention: the admin lists it with its error in words,
// and a Retry by a staff member (recorded) sends it back to the inbox, where it is applied once.
import { afterEach, describe, expect, it, vi } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { action as attentionAction, loader as attentionLoader, type AttentionActionResult } from "../../../app/routes/app.attention";
import { appendEntries } from "../../../app/persistence/ledger";
import { backgroundWebhooksIdle, MAX_ATTEMPTS, sweepWebhookInbox } from "../../../app/shopify/webhook-inbox.server";
import { MAX_BALANCE_POINTS } from "../../../app/rules/points-limits";
import { installedShop } from "../../support/shopify-requests";
import { deliver } from "../../support/webhook-delivery";
import { orderPaidPayload } from "../../support/shopify-payloads";
import { expectCachedBalancesMatchLedger, memberBalances } from "../../support/ledger-invariants";
import { runRoute, seedMember, staffRequest } from "../../support/admin-requests";

installAdminApiStandIn();

type LoaderData = Awaited<ReturnType<typeof attentionLoader>>;
const HOUR = 60 * 60 * 1000;

afterEach(() => {
  vi.restoreAllMocks();
});

async function listed(shop: string) {
  const result = await runRoute<LoaderData>(attentionLoader, await staffRequest(shop, "/app/attention"));
  expect(result.status).toBe(200);
  return result.body.deliveries;
}

async function retry(shop: string, webhookId: string, sub = "888") {
  return runRoute<AttentionActionResult>(attentionAction, await staffRequest(shop, "/app/attention", { sub, form: { webhookId } }));
}

/** A member whose pending balance is 10 points short of the most a balance may hold: any order's points fail. */
async function shopWithAFullBalance() {
  const shop = await installedShop("attention");
  const member = await seedMember(shop, "7301", { email: "full@example.com" }, 0, MAX_BALANCE_POINTS - 10);
  return { shop, memberId: member.id };
}

describe("deliveries that need attention", () => {
  it("GIVEN a delivery that fails every attempt THEN it is listed with its error in words; a staff Retry (recorded) applies it once the cause is gone", async () => {
    vi.spyOn(process.stderr, "write").mockImplementation(() => true); // the failures are logged, expectedly
    const { shop, memberId } = await shopWithAFullBalance();
    const response = await deliver(shop, "orders/paid", orderPaidPayload({ orderId: "9501", customerId: "7301", lines: [{ id: "95011", quantity: 1, unitPrice: 10_000 }] }), "w-full");
    expect(response.status).toBe(200);
    expect(await listed(shop)).toEqual([]); // one failed attempt: the inbox still retries it

    // The sweep's retries, each after its back-off, until the attempts are used up.
    let now = Date.now();
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt += 1) {
      now += 2 * HOUR;
      expect(await sweepWebhookInbox(sqlDb, new Date(now), undefined, shop)).toEqual({ applied: 0, failed: 1 });
    }
    expect(await sweepWebhookInbox(sqlDb, new Date(now + 2 * HOUR), undefined, shop)).toEqual({ applied: 0, failed: 0 });

    const [waiting, ...others] = await listed(shop);
    expect(others).toEqual([]);
    expect(waiting).toMatchObject({ webhookId: "w-full", topic: "orders/paid", attempts: MAX_ATTEMPTS, errorCode: "points_limit" });
    expect(waiting!.errorDetail).toMatch(/^PointsLimitError: this would take the member's balance beyond/);
    expect(await memberBalances(shop, "7301")).toEqual({ available: 0, pending: MAX_BALANCE_POINTS - 10 });

    // The cause dealt with: the member's pending points come down (through the ledger), then staff member 888 retries.
    await sqlDb.transaction().execute((trx) =>
      appendEntries(trx, shop, memberId, [
        { kind: "reverse", availableDelta: 0, pendingDelta: -1000, reason: "Corrected", sourceType: "system", sourceId: "test", idempotencyKey: "test-correct" },
      ]),
    );
    const retried = await retry(shop, "w-full");
    expect(retried).toMatchObject({ status: 200, body: { ok: true, webhookId: "w-full" } });
    expect((await retry(shop, "w-full")).body).toEqual({ ok: false, issues: [{ field: "webhookId", code: "not_waiting" }] }); // already sent back
    await backgroundWebhooksIdle();

    expect(await memberBalances(shop, "7301")).toEqual({ available: 0, pending: MAX_BALANCE_POINTS - 10 - 1000 + 100 });
    const delivery = await db.webhookDelivery.findUniqueOrThrow({ where: { shop_webhookId: { shop, webhookId: "w-full" } } });
    expect(delivery).toMatchObject({ payload: null, lastError: null, errorCode: null });
    expect(delivery.processedAt).toBeInstanceOf(Date);
    expect(await db.webhookRetry.findMany({ where: { shop }, select: { webhookId: true, staffUserId: true, errorCode: true } })).toEqual([
      { webhookId: "w-full", staffUserId: "888", errorCode: "points_limit" },
    ]);
    expect(await listed(shop)).toEqual([]);
    await expectCachedBalancesMatchLedger(shop);

    // Once applied there is nothing to retry: 404, nothing recorded.
    expect((await retry(shop, "w-full")).status).toBe(404);
    expect(await db.webhookRetry.count({ where: { shop } })).toBe(1);
  });

  it("GIVEN another shop's delivery that needs attention THEN its staff cannot see or retry it", async () => {
    vi.spyOn(process.stderr, "write").mockImplementation(() => true); // the failures are logged, expectedly
    const { shop } = await shopWithAFullBalance();
    await deliver(shop, "orders/paid", orderPaidPayload({ orderId: "9601", customerId: "7301", lines: [{ id: "96011", quantity: 1, unitPrice: 10_000 }] }), "w-other");
    await db.webhookDelivery.update({ where: { shop_webhookId: { shop, webhookId: "w-other" } }, data: { attempts: MAX_ATTEMPTS } });
    const other = await installedShop("attention-other");
    expect(await listed(other)).toEqual([]);
    expect((await retry(other, "w-other")).status).toBe(404);
    expect(await db.webhookRetry.count({ where: { shop: { in: [shop, other] } } })).toBe(0);
    expect(await listed(shop)).toHaveLength(1);
  });
});
