// A refund or cancellation of an order that used a reward code gives the points spent on the reward back — once,
// whatever the order of orders/paid, refunds/create and orders/cancelled, however often each is delivered — when the
// order is fully refunded or cancelled and the merchant's setting says so (the default). Through the real signed
// webhook routes, against redemptions made through the Admin API stand-in.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import db, { sqlDb } from "../../../app/db.server";
import { unauthenticated } from "../../../app/shopify.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { action as programAction, loader as programLoader } from "../../../app/routes/app.program";
import { createReward } from "../../../app/persistence/reward-catalog";
import { redeemReward } from "../../../app/persistence/redemption";
import { getProgramSettings, saveProgramSettings } from "../../../app/persistence/program-settings";
import { DEFAULT_PROGRAM_SETTINGS } from "../../../app/rules/program-settings";
import { settingsToForm } from "../../../app/rules/program-settings-form";
import { REWARD_DEFAULTS } from "../../../app/rules/rewards";
import { createRewardIssuer } from "../../../app/shopify/reward-issuer.server";
import { installShop, uniqueShop } from "../../support/shopify-requests";
import { deliverOk } from "../../support/webhook-delivery";
import { orderCancelledPayload, orderPaidPayload, refundPayload, type TestOrder } from "../../support/shopify-payloads";
import { expectCachedBalancesMatchLedger } from "../../support/ledger-invariants";
import { runRoute, seedMember, staffRequest } from "../../support/admin-requests";

const standIn = installAdminApiStandIn();
const CUSTOMER = "9001";

/** A shop whose member redeemed a 100-point code; returns the code. */
async function shopWithRedeemedCode(returnPoints = true) {
  const shop = uniqueShop("reward-refund");
  await installShop(shop);
  standIn.seedShop(shop, { name: "Tea House", currencyCode: "USD" });
  standIn.seedCustomer(shop, { id: CUSTOMER });
  await seedMember(shop, CUSTOMER, {}, 1000);
  if (!returnPoints) await saveProgramSettings(sqlDb, shop, { ...DEFAULT_PROGRAM_SETTINGS, returnRewardPointsOnRefund: false });
  const reward = await createReward(db, shop, { ...REWARD_DEFAULTS, type: "fixed_amount", title: "$5 off", pointsCost: 100, amountMinor: 500 });
  const { admin } = await unauthenticated.admin(shop);
  const { redemption } = await redeemReward(sqlDb, createRewardIssuer(admin.graphql), { shop, customerId: CUSTOMER, rewardId: reward.id, currency: "USD" });
  return { shop, code: redemption.code!, redemptionId: redemption.id };
}

type Event =
  | { kind: "paid"; order: TestOrder; code: string }
  | { kind: "refund"; refundId: string; orderId: string; lines: Array<{ lineItemId: string; quantity: number }> }
  | { kind: "cancel"; order: TestOrder };

function send(shop: string, event: Event, webhookId: string) {
  switch (event.kind) {
    case "paid": {
      const body = orderPaidPayload(event.order);
      // Shopify reports the code as the shopper typed it.
      body.discount_codes = [{ code: event.code.toLowerCase(), amount: "5.00", type: "fixed_amount" }];
      return deliverOk(shop, "orders/paid", body, webhookId);
    }
    case "refund":
      return deliverOk(shop, "refunds/create", refundPayload(event), webhookId);
    case "cancel":
      return deliverOk(shop, "orders/cancelled", orderCancelledPayload(event.order), webhookId);
  }
}

async function rewardEntries(shop: string) {
  const entries = await db.ledgerEntry.findMany({ where: { shop, sourceType: "redemption" }, orderBy: { id: "asc" } });
  return entries.map((entry) => [entry.kind, Number(entry.availableDelta)]);
}

/** An order of two lines that used the code, 0–3 refunds of some of its units, maybe a cancellation. */
const scenario = fc
  .record({
    quantities: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
    refunds: fc.array(fc.tuple(fc.nat(3), fc.nat(3)), { maxLength: 3 }),
    cancelled: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
    returnPoints: fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
  })
  .chain((spec) =>
    fc
      .tuple(
        fc.array(fc.nat(), { minLength: 10, maxLength: 10 }), // arrival order
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), // delivered twice (same id: a retry; or a new id)
      )
      .map(([keys, twice]) => ({ spec, keys, twice })),
  );

function eventsFor(spec: { quantities: [number, number]; refunds: Array<[number, number]>; cancelled: boolean }, orderId: string, code: string) {
  const order: TestOrder = {
    orderId,
    customerId: CUSTOMER,
    lines: spec.quantities.map((quantity, l) => ({ id: `${orderId}${l}`, quantity, unitPrice: 1500 })),
  };
  const events: Event[] = [{ kind: "paid", order, code }];
  spec.refunds.forEach(([first, second], r) => {
    const lines = [first, second]
      .map((quantity, l) => ({ lineItemId: `${orderId}${l}`, quantity: Math.min(quantity, spec.quantities[l]!) }))
      .filter((line) => line.quantity > 0);
    if (lines.length > 0) events.push({ kind: "refund", refundId: `${orderId}${r}`, orderId, lines });
  });
  if (spec.cancelled) events.push({ kind: "cancel", order });
  const refunded = [0, 1].map((l) =>
    events.reduce((sum, event) => sum + (event.kind === "refund" ? (event.lines.find((line) => line.lineItemId === `${orderId}${l}`)?.quantity ?? 0) : 0), 0),
  );
  const fullyReversed = spec.cancelled || refunded.every((units, l) => units >= spec.quantities[l]!);
  return { events, fullyReversed };
}

function deliveriesOf(events: Event[], keys: number[], twice: boolean[]) {
  const deliveries = events.map((event, i) => ({ event, webhookId: `d-${i}` }));
  events.forEach((event, i) => {
    if (twice[i]) deliveries.push({ event, webhookId: i % 2 ? `d-${i}` : `d-${i}-again` });
  });
  return deliveries
    .map((delivery, i) => ({ delivery, key: keys[i] ?? 0 }))
    .sort((a, b) => a.key - b.key)
    .map((entry) => entry.delivery);
}

let orderCounter = 71000;

describe("reward points back when the order that used the code is refunded", () => {
  it("property: any order and repetition of paid, refund and cancel events gives the points back exactly once, iff fully reversed and the setting says so", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ spec, keys, twice }) => {
        const { shop, code, redemptionId } = await shopWithRedeemedCode(spec.returnPoints);
        orderCounter += 1;
        const { events, fullyReversed } = eventsFor(spec, String(orderCounter), code);
        for (const { event, webhookId } of deliveriesOf(events, keys, twice)) await send(shop, event, webhookId);

        const back = fullyReversed && spec.returnPoints;
        expect(await rewardEntries(shop)).toEqual(back ? [["redeem", -100], ["redeem_return", 100]] : [["redeem", -100]]);
        const redemption = await db.redemption.findUniqueOrThrow({ where: { id: redemptionId } });
        expect(redemption).toMatchObject({ status: back ? "refunded" : "used", orderId: String(orderCounter) });
        await expectCachedBalancesMatchLedger(shop);
      }),
      { numRuns: 25 },
    );
  }, 180_000);

  it("property: the same deliveries all at once end the same way", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ spec, keys, twice }) => {
        const { shop, code } = await shopWithRedeemedCode(spec.returnPoints);
        orderCounter += 1;
        const { events, fullyReversed } = eventsFor(spec, String(orderCounter), code);
        await Promise.all(deliveriesOf(events, keys, twice).map(({ event, webhookId }) => send(shop, event, webhookId)));

        const back = fullyReversed && spec.returnPoints;
        expect(await rewardEntries(shop)).toEqual(back ? [["redeem", -100], ["redeem_return", 100]] : [["redeem", -100]]);
        await expectCachedBalancesMatchLedger(shop);
      }),
      { numRuns: 10 },
    );
  }, 180_000);

  it("GIVEN a partial refund THEN nothing comes back; the refund of the rest completes it", async () => {
    const { shop, code } = await shopWithRedeemedCode();
    const order: TestOrder = { orderId: "72001", customerId: CUSTOMER, lines: [{ id: "720010", quantity: 2, unitPrice: 1500 }] };
    await send(shop, { kind: "refund", refundId: "72101", orderId: "72001", lines: [{ lineItemId: "720010", quantity: 1 }] }, "r1");
    await send(shop, { kind: "paid", order, code }, "p1");
    expect(await rewardEntries(shop)).toEqual([["redeem", -100]]);
    await send(shop, { kind: "refund", refundId: "72102", orderId: "72001", lines: [{ lineItemId: "720010", quantity: 1 }] }, "r2");
    expect(await rewardEntries(shop)).toEqual([["redeem", -100], ["redeem_return", 100]]);
    const entry = await db.ledgerEntry.findFirstOrThrow({ where: { shop, kind: "redeem_return" } });
    expect(entry.reason).toBe("Order refunded: order 72001 fully refunded");
  });
});

describe("the Program page's setting", () => {
  it("defaults to giving the points back, saves 'never', and refuses anything else with a field error", async () => {
    const shop = uniqueShop("reward-refund-setting");
    await installShop(shop);
    const page = await runRoute<Awaited<ReturnType<typeof programLoader>>>(programLoader, await staffRequest(shop, "/app/program"));
    expect(page.body.form.rewardRefund).toBe("return");

    const form = { ...settingsToForm(DEFAULT_PROGRAM_SETTINGS), rewardRefund: "never" };
    expect((await runRoute(programAction, await staffRequest(shop, "/app/program", { form }))).status).toBe(200);
    expect((await getProgramSettings(sqlDb, shop)).returnRewardPointsOnRefund).toBe(false);

    const bad = await runRoute(programAction, await staffRequest(shop, "/app/program", { form: { ...form, rewardRefund: "sometimes" } }));
    expect(bad).toMatchObject({ status: 400, body: { ok: false, issues: [{ field: "rewardRefund", code: "not_a_choice" }] } });
    expect((await getProgramSettings(sqlDb, shop)).returnRewardPointsOnRefund).toBe(false);
  });
});
