// The Admin GraphQL stand-in, driven the way the app drives it: through the app's own Admin API client
// (`unauthenticated.admin`, the same client `authenticate.admin` returns) and plain fetch to Shopify's URL.
import { describe, expect, it } from "vitest";
import { isInterfaceType, isObjectType } from "graphql";
import { unauthenticated } from "../../../../app/shopify.server";
import { loadAdminSchema } from "../../../../app/demo/admin-api";
import { installAdminApiStandIn, expectOnlyValidOperations } from "../../../../app/demo/admin-api/vitest";
import { shopView } from "../../../../app/demo/admin-api/views/shop";
import { customerView } from "../../../../app/demo/admin-api/views/customers";
import { orderView } from "../../../../app/demo/admin-api/views/orders";
import { installShop, uniqueShop } from "../../../support/shopify-requests";

const standIn = installAdminApiStandIn();
const API_URL = (shop: string) => `https://${shop}/admin/api/2026-10/graphql.json`;

async function post(shop: string, query: string, variables: Record<string, unknown> = {}, token = "shpat_test") {
  const response = await fetch(API_URL(shop), {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": token },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe("Admin API stand-in: schema validation", () => {
  it("GIVEN the app sends a misspelled field THEN Shopify's validation error comes back and the test guard fails", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    standIn.seedShop(shop, { name: "Tea House" });
    const { admin } = await unauthenticated.admin(shop);

    const failure = await admin.graphql(`#graphql
      query Misspelled { shop { nmae } }`).then(
      () => null,
      (error: unknown) => error,
    );
    // The app's client raises the GraphQL errors Shopify would return…
    expect(failure).not.toBeNull();
    expect(JSON.stringify((failure as { body?: unknown }).body)).toContain('Cannot query field \\"nmae\\" on type \\"Shop\\"');
    // …and the guard every test file runs after each test fails on it.
    expect(() => expectOnlyValidOperations(standIn)).toThrow(/Misspelled on .*Cannot query field "nmae" on type "Shop"/s);
    expect(standIn.invalidOperations).toEqual([]); // the guard consumed it; this test itself stays green
  });

  it("GIVEN a valid query THEN data comes from the seeded state with Shopify's cost extension", async () => {
    const shop = uniqueShop();
    standIn.seedShop(shop, { name: "Tea House", currencyCode: "PLN" });
    const { status, body } = await post(shop, "query { shop { name currencyCode myshopifyDomain plan { displayName } } }");
    expect(status).toBe(200);
    expect(body.data.shop).toEqual({ name: "Tea House", currencyCode: "PLN", myshopifyDomain: shop, plan: { displayName: "Basic" } });
    expect(body.extensions.cost).toMatchObject({
      requestedQueryCost: 2,
      actualQueryCost: 2,
      throttleStatus: { maximumAvailable: 2000, restoreRate: 100 },
    });
  });

  it("every field the stand-in's views define exists on Shopify's type (no invented fields)", () => {
    const schema = loadAdminSchema();
    const shop = uniqueShop();
    standIn.seedShop(shop);
    const customerId = standIn.seedCustomer(shop, { firstName: "Ada" });
    const orderId = standIn.seedOrder(shop, { customerId, lines: [{ title: "Tea", quantity: 1, price: "10.00" }] });
    const state = standIn.state.shops.get(shop)!;
    const views = [
      shopView(state),
      customerView(state, state.customers.get(customerId)!),
      orderView(state, state.orders.get(orderId)!),
    ];
    for (const view of views) {
      const type = schema.getType(view.__typename);
      expect(type && (isObjectType(type) || isInterfaceType(type)), view.__typename).toBeTruthy();
      const fields = Object.keys((type as { getFields(): object }).getFields());
      const invented = Object.keys(view).filter((key) => key !== "__typename" && !fields.includes(key));
      expect(invented, `${view.__typename} fields not in the schema`).toEqual([]);
    }
  });
});

describe("Admin API stand-in: reads", () => {
  it("pages customers with cursors and filters them with Shopify's search syntax", async () => {
    const shop = uniqueShop();
    for (const [id, firstName, tag] of [[11, "Ada", "vip"], [12, "Bo", ""], [13, "Cy", "vip"]] as const) {
      standIn.seedCustomer(shop, { id, firstName, email: `${firstName.toLowerCase()}@example.com`, tags: tag ? [tag] : [] });
    }
    const query = `query Page($after: String, $q: String) {
      customers(first: 2, after: $after, query: $q) { nodes { legacyResourceId firstName } pageInfo { hasNextPage endCursor } }
    }`;
    const first = await post(shop, query);
    expect(first.body.data.customers.nodes.map((c: { firstName: string }) => c.firstName)).toEqual(["Ada", "Bo"]);
    expect(first.body.data.customers.pageInfo.hasNextPage).toBe(true);
    const second = await post(shop, query, { after: first.body.data.customers.pageInfo.endCursor });
    expect(second.body.data.customers.nodes).toEqual([{ legacyResourceId: "13", firstName: "Cy" }]);
    expect(second.body.data.customers.pageInfo.hasNextPage).toBe(false);

    const vip = await post(shop, query, { q: "tag:vip -first_name:Ada" });
    expect(vip.body.data.customers.nodes.map((c: { firstName: string }) => c.firstName)).toEqual(["Cy"]);
    const unsupported = await post(shop, query, { q: "favourite_tea:green" });
    expect(unsupported.body.extensions.search[0].warnings[0].field).toBe("favourite_tea");
  });

  it("reads an order with exact money and its customer", async () => {
    const shop = uniqueShop();
    standIn.seedShop(shop, { currencyCode: "EUR" });
    const customerId = standIn.seedCustomer(shop, { id: 501, firstName: "Ada" });
    const orderId = standIn.seedOrder(shop, {
      id: 9001,
      customerId,
      lines: [
        { title: "Tea", quantity: 3, price: "0.10" },
        { title: "Pot", quantity: 1, price: "19.99" },
      ],
    });
    const { body } = await post(
      shop,
      `query O($id: ID!) { order(id: $id) { name customer { id } subtotalPriceSet { shopMoney { amount currencyCode } }
        lineItems(first: 5) { nodes { title quantity originalUnitPriceSet { shopMoney { amount } } } } } }`,
      { id: orderId },
    );
    expect(body.data.order.customer).toEqual({ id: "gid://shopify/Customer/501" });
    expect(body.data.order.subtotalPriceSet.shopMoney).toEqual({ amount: "20.29", currencyCode: "EUR" });
    expect(body.data.order.lineItems.nodes[0]).toEqual({ title: "Tea", quantity: 3, originalUnitPriceSet: { shopMoney: { amount: "0.1" } } });
  });

  it("refuses a page over 250 and a connection without first/last, as Shopify does", async () => {
    const shop = uniqueShop();
    standIn.seedShop(shop);
    const tooMany = await post(shop, "query { customers(first: 251) { nodes { id } } }");
    expect(tooMany.body.errors[0].message).toMatch(/less than or equal to 250/);
    const unbounded = await post(shop, "query { customers { nodes { id } } }");
    expect(unbounded.body.errors[0].message).toMatch(/first or last/);
  });

  it("a query over the 1000-point limit is refused with MAX_COST_EXCEEDED and not executed", async () => {
    const shop = uniqueShop();
    standIn.seedShop(shop);
    const { body } = await post(shop, "query { orders(first: 250) { nodes { lineItems(first: 250) { nodes { title } } } } }");
    expect(body.errors[0].extensions.code).toBe("MAX_COST_EXCEEDED");
    expect(body.data).toBeUndefined();
  });

  it("a request without an access token gets 401; an unknown store 404", async () => {
    const shop = uniqueShop();
    standIn.seedShop(shop);
    expect((await post(shop, "query { shop { name } }", {}, "")).status).toBe(401);
    expect((await post(uniqueShop("nowhere"), "query { shop { name } }")).status).toBe(404);
  });
});

describe("Admin API stand-in: injected faults", () => {
  it("userErrors: the next mutation is refused with the given userErrors and no other payload", async () => {
    const shop = uniqueShop();
    const customerId = standIn.seedCustomer(shop, { firstName: "Ada" });
    standIn.injectFault({ kind: "userErrors", userErrors: [{ field: ["input", "email"], message: "Email is invalid" }] });
    // A read does not consume a userErrors fault.
    expect((await post(shop, "query { shop { name } }")).body.data.shop).toBeTruthy();
    const { body } = await post(
      shop,
      `mutation Update($input: CustomerInput!) { customerUpdate(input: $input) { customer { id } userErrors { field message } } }`,
      { input: { id: customerId, email: "nope" } },
    );
    expect(body.data.customerUpdate).toEqual({ customer: null, userErrors: [{ field: ["input", "email"], message: "Email is invalid" }] });
  });

  it("http5xx: the app's client sees the 5xx; the next request succeeds again", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    standIn.seedShop(shop, { name: "Tea House" });
    standIn.injectFault({ kind: "http5xx", status: 503 }, { operationName: "ShopName" });
    const { admin } = await unauthenticated.admin(shop);
    const query = "query ShopName { shop { name } }";
    const failure = await admin.graphql(query, { tries: 1 }).then(() => null, (error: unknown) => error);
    expect(String(failure)).toMatch(/503|Service Unavailable/);
    const response = await admin.graphql(query);
    expect(((await response.json()) as { data: { shop: { name: string } } }).data.shop.name).toBe("Tea House");
  });

  it("throttled: THROTTLED error with the bucket's status; the bucket also empties for real", async () => {
    const shop = uniqueShop();
    standIn.seedShop(shop);
    standIn.injectFault({ kind: "throttled" });
    const injected = await post(shop, "query { shop { name } }");
    expect(injected.body.errors[0].extensions.code).toBe("THROTTLED");
    expect(injected.body.extensions.cost.throttleStatus.currentlyAvailable).toBe(0);

    standIn.state.shops.get(shop)!.bucket.available = 10;
    const real = await post(shop, "query { customers(first: 50) { nodes { id } } }"); // requests 52 points
    expect(real.body.errors[0].extensions.code).toBe("THROTTLED");
  });

  it("timeout: the response is held for the given time, so callers' timeouts fire", async () => {
    const shop = uniqueShop();
    standIn.seedShop(shop);
    standIn.injectFault({ kind: "timeout", delayMs: 5_000 });
    const aborted = await fetch(API_URL(shop), {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "shpat_test" },
      body: JSON.stringify({ query: "query { shop { name } }" }),
      signal: AbortSignal.timeout(200),
    }).then(() => "answered", (error: Error) => error.name);
    expect(aborted).toBe("TimeoutError");
  });

  it("a mutation the stand-in does not implement fails loudly instead of pretending to succeed", async () => {
    const shop = uniqueShop();
    const customerId = standIn.seedCustomer(shop, { firstName: "Ada" });
    const { body } = await post(
      shop,
      `mutation { customerUpdate(input: { id: "${customerId}", note: "x" }) { userErrors { message } } }`,
    );
    expect(body.errors[0].extensions.code).toBe("NOT_IMPLEMENTED_IN_STAND_IN");
  });
});
