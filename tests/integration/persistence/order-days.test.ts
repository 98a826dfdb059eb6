// Home's order figures come from days summed once (OrderDay) plus the live part of the period. Every write that
// changes a day already summed — orders/paid delivered days late, orders/cancelled, an imported order history —
// must make the next view sum that day again. Through signed webhooks; after each step the figures must equal a
// direct sum over the order records (what Home computed before the days were stored).
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { unauthenticated } from "../../../app/shopify.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { getProgramStats, periodEndingAt } from "../../../app/persistence/program-stats";
import { recordHistoricalOrder } from "../../../app/persistence/order-history";
import { createReward } from "../../../app/persistence/reward-catalog";
import { redeemReward } from "../../../app/persistence/redemption";
import { REWARD_DEFAULTS } from "../../../app/rules/rewards";
import { createRewardIssuer } from "../../../app/shopify/reward-issuer.server";
import { installShop, uniqueShop } from "../../support/shopify-requests";
import { deliverOk } from "../../support/webhook-delivery";
import { orderCancelledPayload, orderPaidPayload, type TestOrder } from "../../support/shopify-payloads";
import { seedMember } from "../../support/admin-requests";
import { backgroundWebhooksIdle } from "../../../app/shopify/webhook-inbox.server";

const standIn = installAdminApiStandIn();
const DAY = 24 * 60 * 60 * 1000;

const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

function paidOrder(orderId: string, customerId: string | null, cents: number, paidDaysAgo: number): TestOrder {
  return { orderId, customerId, lines: [{ id: `${orderId}1`, quantity: 1, unitPrice: cents }], processedAt: daysAgo(paidDaysAgo) };
}

/** The period's order figures summed straight from the order records, as Home did before OrderDay. */
async function directFigures(shop: string, days: 7 | 30) {
  const period = periodEndingAt(new Date(), days);
  const group = (memberId: { not: null } | null) =>
    db.orderRecord.aggregate({
      where: { shop, paidAt: { gte: period.from, lte: period.to }, cancelledAt: null, memberId },
      _count: { _all: true, netSalesMinor: true },
      _sum: { netSalesMinor: true },
    });
  const [members, guests] = await Promise.all([group({ not: null }), group(null)]);
  const average = (g: typeof members) => (g._count.netSalesMinor > 0 ? Math.round(Number(g._sum.netSalesMinor ?? 0) / g._count.netSalesMinor) : null);
  return { memberOrders: members._count._all, guestOrders: guests._count._all, memberAverageMinor: average(members), guestAverageMinor: average(guests) };
}

async function homeFigures(shop: string, days: 7 | 30) {
  await backgroundWebhooksIdle();
  const { orders } = await getProgramStats(db, sqlDb, shop, days);
  return { memberOrders: orders.memberOrders, guestOrders: orders.guestOrders, memberAverageMinor: orders.memberAverageMinor, guestAverageMinor: orders.guestAverageMinor };
}

describe("order figures summed by day", () => {
  it("GIVEN days Home has summed WHEN an order of one of them arrives late, one is cancelled and a history is imported THEN each view equals the direct sum", async () => {
    const shop = uniqueShop("order-days");
    await installShop(shop);
    await deliverOk(shop, "orders/paid", orderPaidPayload(paidOrder("5101", "8101", 4000, 3)));
    await deliverOk(shop, "orders/paid", orderPaidPayload(paidOrder("5102", "8102", 2000, 3)));
    await deliverOk(shop, "orders/paid", orderPaidPayload(paidOrder("5103", null, 1500, 2)));
    await deliverOk(shop, "orders/paid", orderPaidPayload(paidOrder("5104", "8101", 1000, 0)));

    const first = await homeFigures(shop, 7);
    expect(first).toEqual({ memberOrders: 3, guestOrders: 1, memberAverageMinor: 2333, guestAverageMinor: 1500 });
    expect(first).toEqual(await directFigures(shop, 7));
    // The settled days of the period are stored (the 7 days but today, and yesterday in its first hour).
    expect(await db.orderDay.count({ where: { shop } })).toBeGreaterThanOrEqual(5);
    const threeDaysAgo = daysAgo(3).slice(0, 10);
    expect(await db.orderDay.findUnique({ where: { shop_day: { shop, day: threeDaysAgo } } })).toMatchObject({ memberOrders: 2, memberWithAmount: 2 });

    // orders/paid for an order paid three days ago, delivered now (Shopify retries for 48 hours).
    await deliverOk(shop, "orders/paid", orderPaidPayload(paidOrder("5105", "8103", 6000, 3)));
    const late = await homeFigures(shop, 7);
    expect(late).toMatchObject({ memberOrders: 4, memberAverageMinor: 3250 });
    expect(late).toEqual(await directFigures(shop, 7));

    // A cancellation of a guest order of two days ago.
    await deliverOk(shop, "orders/cancelled", orderCancelledPayload(paidOrder("5103", null, 1500, 2), new Date().toISOString()));
    const cancelled = await homeFigures(shop, 7);
    expect(cancelled).toMatchObject({ guestOrders: 0, guestAverageMinor: null });
    expect(cancelled).toEqual(await directFigures(shop, 7));

    // An imported past order on a stored day.
    expect(await recordHistoricalOrder(sqlDb, shop, { orderId: "5106", customerId: "8104", currency: "USD", netSalesMinor: 500, paidAt: new Date(daysAgo(3)), cancelled: false })).toBe(true);
    const imported = await homeFigures(shop, 7);
    expect(imported).toMatchObject({ memberOrders: 5 });
    expect(imported).toEqual(await directFigures(shop, 7));

    // A repeated delivery changes nothing, and a wider period sums the days it lacks.
    await deliverOk(shop, "orders/paid", orderPaidPayload(paidOrder("5105", "8103", 6000, 3)));
    expect(await homeFigures(shop, 7)).toEqual(imported);
    expect(await homeFigures(shop, 30)).toEqual(await directFigures(shop, 30));
  });

  it("GIVEN a redeemed code WHEN an order uses it THEN Home's reward orders carry the net sales orders/paid recorded, counted once per order", async () => {
    const shop = uniqueShop("order-days-reward");
    await installShop(shop);
    standIn.seedShop(shop, { name: "Tea House", currencyCode: "USD" });
    standIn.seedCustomer(shop, { id: "8201" });
    await seedMember(shop, "8201", {}, 1000);
    const reward = await createReward(db, shop, { ...REWARD_DEFAULTS, type: "fixed_amount", title: "$5 off", pointsCost: 100, amountMinor: 500 });
    const { admin } = await unauthenticated.admin(shop);
    const issue = () => redeemReward(sqlDb, createRewardIssuer(admin.graphql), { shop, customerId: "8201", rewardId: reward.id, currency: "USD" });
    const codes = [(await issue()).redemption.code!, (await issue()).redemption.code!];

    const body = orderPaidPayload({ orderId: "5201", customerId: "8201", lines: [{ id: "52011", quantity: 2, unitPrice: 2500, discount: 1000 }] });
    body.discount_codes = codes.map((code) => ({ code: code.toLowerCase(), amount: "5.00", type: "fixed_amount" }));
    await deliverOk(shop, "orders/paid", body);
    await backgroundWebhooksIdle();

    const recorded = await db.orderRecord.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: "5201" } } });
    expect(Number(recorded.netSalesMinor)).toBe(4000);
    const used = await db.redemption.findMany({ where: { shop, status: "used" } });
    expect(used.map((redemption) => Number(redemption.orderNetSalesMinor))).toEqual([4000, 4000]);
    const { orders } = await getProgramStats(db, sqlDb, shop, 30);
    expect(orders).toMatchObject({ rewardOrders: 1, rewardOrdersNetSalesMinor: 4000 });
  });
});
