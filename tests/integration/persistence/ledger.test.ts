// Property: any sequence of orders/paid, refunds/create and orders/cancelled deliveries — duplicated, re-delivered
// under new delivery ids, in any order, or all at once — applied through the real webhook routes, ends with every
// balance equal to the reference model, and every cached balance equal to the sum of its ledger entries. Online
// orders and point-of-sale ones (Shopify's POS shape: source_name "pos", a location, no browser_ip, and ids beyond
// 2^53 written as bare JSON integers) earn and reverse alike, returns at the counter included.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { sqlDb } from "../../../app/db.server";
import { releaseDuePoints } from "../../../app/persistence/pending-release";
import { installedShop } from "../../support/shopify-requests";
import { deliverOk } from "../../support/webhook-delivery";
import { orderCancelledPayload, orderPaidPayload, refundPayload, type TestOrder } from "../../support/shopify-payloads";
import { expectCachedBalancesMatchLedger, memberBalances } from "../../support/ledger-invariants";
import { expectedPoints, type OrderEvent } from "../../support/reference-ledger";

const CUSTOMERS = ["601", "602", "603"];
const DAY = 24 * 60 * 60 * 1000;

/** Orders with 1–3 lines, then for each: paid or not, 0–3 refunds of random units, maybe a cancellation. */
const scenario = fc
  .array(
    fc.record({
      customer: fc.constantFrom(...CUSTOMERS),
      lines: fc.array(
        fc.record({ quantity: fc.integer({ min: 1, max: 4 }), unitPrice: fc.integer({ min: 1, max: 5000 }), discount: fc.integer({ min: 0, max: 300 }) }),
        { minLength: 1, maxLength: 3 },
      ),
      paid: fc.integer({ min: 0, max: 9 }).map((n) => n < 8), // most orders are paid; some never are (held events)
      refunds: fc.array(fc.array(fc.record({ line: fc.nat(2), quantity: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 2 }), { maxLength: 3 }),
      cancelled: fc.boolean(),
      pos: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((orders) => {
    const events: OrderEvent[] = [];
    orders.forEach((spec, o) => {
      // POS ids beyond 2^53: any rounding would merge or lose orders, lines and refunds.
      const orderId = spec.pos ? String(2n ** 53n + 1n + BigInt(o) * 1000n) : String(5000 + o);
      const order: TestOrder = {
        orderId,
        customerId: spec.customer,
        ...(spec.pos ? { pos: { locationId: String(2n ** 53n + 77n), userId: "42" } } : {}),
        lines: spec.lines.map((line, l) => ({ id: `${orderId}${l}`, ...line, discount: Math.min(line.discount, line.unitPrice * line.quantity) })),
      };
      if (spec.paid) events.push({ kind: "paid", order });
      spec.refunds.forEach((lines, r) => {
        const refundLines = new Map<string, number>();
        for (const { line, quantity } of lines) {
          const target = order.lines[line % order.lines.length]!;
          refundLines.set(target.id, (refundLines.get(target.id) ?? 0) + quantity);
        }
        events.push({
          kind: "refund",
          refund: { refundId: `${orderId}${r}`, orderId, lines: [...refundLines].map(([lineItemId, quantity]) => ({ lineItemId, quantity })) },
        });
      });
      if (spec.cancelled) events.push({ kind: "cancel", order });
    });
    return events;
  })
  .chain((events) =>
    fc
      .tuple(
        fc.shuffledSubarray(events.map((_, i) => i)), // which events are delivered more than once
        fc.array(fc.nat(), { minLength: events.length * 2, maxLength: events.length * 2 }),
      )
      .map(([duplicated, sortKeys]) => {
        // Every event once, the chosen ones again (half with the same delivery id = a retry, half with a new one).
        const deliveries = events.map((event, i) => ({ event, webhookId: `d-${i}` }));
        duplicated.forEach((i, n) => deliveries.push({ event: events[i]!, webhookId: n % 2 ? `d-${i}` : `d-${i}-again` }));
        // Any arrival order.
        const order = deliveries.map((delivery, i) => ({ delivery, key: sortKeys[i] ?? 0 }));
        order.sort((a, b) => a.key - b.key);
        return { events, deliveries: order.map((entry) => entry.delivery) };
      }),
  );

function send(shop: string, event: OrderEvent, webhookId: string) {
  switch (event.kind) {
    case "paid":
      return deliverOk(shop, "orders/paid", orderPaidPayload(event.order), webhookId);
    case "refund":
      return deliverOk(shop, "refunds/create", refundPayload(event.refund), webhookId);
    case "cancel":
      return deliverOk(shop, "orders/cancelled", orderCancelledPayload(event.order), webhookId);
  }
}

async function expectBalances(shop: string, events: readonly OrderEvent[], where: "pending" | "available") {
  const expected = expectedPoints(events);
  for (const customerId of CUSTOMERS) {
    const balances = await memberBalances(shop, customerId);
    const points = expected.get(customerId);
    if (points === undefined) {
      expect(balances, `customer ${customerId} has no paid order`).toBeNull();
    } else {
      const other = where === "pending" ? "available" : "pending";
      expect(balances, `customer ${customerId}`).toEqual({ [where]: points, [other]: 0 });
    }
  }
  await expectCachedBalancesMatchLedger(shop);
}

describe("ledger properties (through the webhook routes)", () => {
  it("duplicated and reordered deliveries, one at a time, end in the reference balances; release moves them all", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ events, deliveries }) => {
        const shop = await installedShop("prop");
        for (const { event, webhookId } of deliveries) await send(shop, event, webhookId);
        await expectBalances(shop, events, "pending");
        await releaseDuePoints(sqlDb, { now: new Date(Date.now() + 15 * DAY), shop });
        await expectBalances(shop, events, "available");
      }),
      { numRuns: 30 },
    );
  }, 120_000);

  it("the same deliveries all at once (concurrently) end in the same balances", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ events, deliveries }) => {
        const shop = await installedShop("conc");
        await Promise.all(deliveries.map(({ event, webhookId }) => send(shop, event, webhookId)));
        await expectBalances(shop, events, "pending");
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
