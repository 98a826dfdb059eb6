// Ids beyond 2^53 written as JSON numbers with no GraphQL id beside them, as in Shopify's own documentation samples
// (refunds/create `order_id` 820982911946154508, line `product_id` 788032119674292922): read exactly, accepted, and
// scored exactly — a refund finds its order, and a product exclusion names the right product.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { action as ordersPaid } from "../../../app/routes/webhooks.orders.paid";
import { action as refundsCreate } from "../../../app/routes/webhooks.refunds.create";
import { saveProgramSettings } from "../../../app/persistence/program-settings";
import { DEFAULT_PROGRAM_SETTINGS } from "../../../app/rules/program-settings";
import { backgroundWebhooksIdle } from "../../../app/shopify/webhook-inbox.server";
import { installedShop, signedWebhookRequest } from "../../support/shopify-requests";
import { orderPaidPayload, refundPayload } from "../../support/shopify-payloads";
import { expectCachedBalancesMatchLedger, memberBalances } from "../../support/ledger-invariants";

const ORDER_ID = "820982911946154508";
const PRODUCT_ID = "788032119674292922";

/** The body as Shopify writes it: `field` holds `digits` as a JSON number literal (no quotes). */
function withNumberLiteral(text: string, field: string, placeholder: number, digits: string): string {
  const literal = `"${field}":${placeholder},`;
  expect(text).toContain(literal);
  return text.replaceAll(literal, `"${field}":${digits},`);
}

async function send(shop: string, topic: "orders/paid" | "refunds/create", rawBody: string) {
  const route = topic === "orders/paid" ? ordersPaid : refundsCreate;
  const response = await route({ request: signedWebhookRequest({ shop, topic, payload: null, rawBody }) });
  await backgroundWebhooksIdle();
  return response;
}

describe("ids beyond 2^53 as JSON numbers", () => {
  it("GIVEN an order whose product id is beyond 2^53 (excluded) and its refund naming the order by a number beyond 2^53 THEN both are accepted and scored exactly", async () => {
    const shop = await installedShop("big-ids");
    await saveProgramSettings(sqlDb, shop, { ...DEFAULT_PROGRAM_SETTINGS, pendingDays: 0, excludedProductIds: [PRODUCT_ID] });
    // Two lines of $10.00: one of the excluded product (earns 0), one of another product (earns 10).
    const order = orderPaidPayload({
      orderId: "777",
      customerId: "5501",
      lines: [
        { id: "7771", quantity: 1, unitPrice: 1000, productId: "111" },
        { id: "7772", quantity: 1, unitPrice: 1000, productId: "222" },
      ],
    });
    // The order's id as a number literal beyond 2^53 (its GraphQL id matching); the product id with no gid at all.
    (order as { admin_graphql_api_id: string }).admin_graphql_api_id = `gid://shopify/Order/${ORDER_ID}`;
    const orderBody = withNumberLiteral(withNumberLiteral(JSON.stringify(order), "id", 777, ORDER_ID), "product_id", 111, PRODUCT_ID);
    expect((await send(shop, "orders/paid", orderBody)).status).toBe(200);
    expect(await memberBalances(shop, "5501")).toEqual({ available: 10, pending: 0 });
    expect(await db.orderRecord.count({ where: { shop, orderId: ORDER_ID } })).toBe(1);

    const refund = refundPayload({ refundId: "4401", orderId: "777", lines: [{ lineItemId: "7772", quantity: 1 }] });
    const refundBody = withNumberLiteral(JSON.stringify(refund), "order_id", 777, ORDER_ID);
    expect(refundBody).toContain(`"order_id":${ORDER_ID}`);
    expect((await send(shop, "refunds/create", refundBody)).status).toBe(200);
    expect(await memberBalances(shop, "5501")).toEqual({ available: 0, pending: 0 });
    expect(await db.heldOrderEvent.count({ where: { shop } })).toBe(0); // found its order: nothing held
    await expectCachedBalancesMatchLedger(shop);
  });
});
