// runAdminGraphql (app/shopify/admin-graphql.server.ts) against the Admin API stand-in, through the app's own client
// (`unauthenticated.admin`, which hands the library's errors through as they are): every kind of answer Shopify can
// give ends as exactly one outcome, and only THROTTLED is retried.
import { describe, expect, it } from "vitest";
import { unauthenticated } from "../../../app/shopify.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { runAdminGraphql, requireData, AdminGraphqlError } from "../../../app/shopify/admin-graphql.server";
import { SHOP_INFO_QUERY } from "../../../app/shopify/shop-info.server";
import { CUSTOMERS_BY_EMAIL_QUERY } from "../../../app/shopify/customer-lookup.server";
import { DEACTIVATE_CODE } from "../../../app/shopify/reward-operations";
import { installShop, uniqueShop } from "../../support/shopify-requests";

const standIn = installAdminApiStandIn();

async function shopClient() {
  const shop = uniqueShop("gql");
  await installShop(shop);
  standIn.seedShop(shop, { name: "Tea House" });
  const { admin } = await unauthenticated.admin(shop);
  const requests = () => standIn.requests.filter((request) => request.shop === shop);
  return { shop, graphql: admin.graphql, requests };
}

const fast = { timeoutMs: 300, baseDelayMs: 5, throttleRetries: 2 };

describe("runAdminGraphql: one outcome per answer", () => {
  it("GIVEN an answer with data THEN data, typed as the document asks", async () => {
    const { graphql } = await shopClient();
    const result = await runAdminGraphql(graphql, SHOP_INFO_QUERY, undefined, fast);
    expect(result).toEqual({ kind: "data", data: { shop: expect.objectContaining({ name: "Tea House", currencyCode: "USD" }) } });
  });

  it("GIVEN top-level GraphQL errors THEN errors, with Shopify's message and the operation's name", async () => {
    const { graphql } = await shopClient();
    const result = await runAdminGraphql(graphql, CUSTOMERS_BY_EMAIL_QUERY, { query: "email:a@b.c", first: 251 }, fast);
    expect(result).toEqual({ kind: "errors", message: expect.stringMatching(/^ImportCustomersByEmail: .*less than or equal to 250/) });
  });

  it("GIVEN a mutation refused with userErrors THEN userErrors, each with its code", async () => {
    const { graphql } = await shopClient();
    const result = await runAdminGraphql(graphql, DEACTIVATE_CODE, { id: "gid://shopify/DiscountCodeNode/1" }, fast);
    expect(result).toEqual({
      kind: "userErrors",
      userErrors: [{ field: ["id"], code: "INVALID", message: "Code discount does not exist." }],
      message: "RewardCodeDeactivate: INVALID: Code discount does not exist.",
    });
  });

  it("GIVEN THROTTLED twice THEN it backs off, retries and returns the third answer", async () => {
    const { graphql, requests } = await shopClient();
    standIn.injectFault({ kind: "throttled" }, { operationName: "ShopInfo", times: 2 });
    const started = Date.now();
    const result = await runAdminGraphql(graphql, SHOP_INFO_QUERY, undefined, { ...fast, baseDelayMs: 40 });
    expect(result.kind).toBe("data");
    expect(requests()).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(40 + 80);
  });

  it("GIVEN THROTTLED on every try THEN throttled after the retries", async () => {
    const { graphql, requests } = await shopClient();
    standIn.injectFault({ kind: "throttled" }, { operationName: "ShopInfo", times: 3 });
    const result = await runAdminGraphql(graphql, SHOP_INFO_QUERY, undefined, fast);
    expect(result).toEqual({ kind: "throttled", message: expect.stringMatching(/^ShopInfo: throttled: Throttled/) });
    expect(requests()).toHaveLength(3);
  });

  it("GIVEN a bucket that needs half a second to refill THEN the retry waits as long as Shopify's cost says, not just the back-off", async () => {
    const { shop, graphql, requests } = await shopClient();
    // The query asks for 52 points (a 50-node connection); restored at 100 points a second from empty: ~0.52 s.
    standIn.state.shops.get(shop)!.bucket.available = 0;
    const result = await runAdminGraphql(graphql, CUSTOMERS_BY_EMAIL_QUERY, { query: "email:a@b.c", first: 50 }, { ...fast, baseDelayMs: 1, throttleRetries: 1 });
    expect(result.kind).toBe("data");
    expect(requests()).toHaveLength(2);
  });

  it("GIVEN a 5xx THEN http with its status, asked once (a blind retry could duplicate a mutation)", async () => {
    const { graphql, requests } = await shopClient();
    standIn.injectFault({ kind: "http5xx", status: 502 }, { operationName: "ShopInfo" });
    const result = await runAdminGraphql(graphql, SHOP_INFO_QUERY, undefined, fast);
    expect(result).toMatchObject({ kind: "http", status: 502 });
    expect(requests()).toHaveLength(1);
  });

  it("GIVEN no answer THEN timeout after the time limit", async () => {
    const { graphql } = await shopClient();
    standIn.injectFault({ kind: "timeout" }, { operationName: "ShopInfo" });
    const started = Date.now();
    const result = await runAdminGraphql(graphql, SHOP_INFO_QUERY, undefined, fast);
    expect(result).toEqual({ kind: "timeout", message: "ShopInfo: no answer from Shopify within 300 ms" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("GIVEN a dropped connection THEN network", async () => {
    const { graphql } = await shopClient();
    standIn.injectFault({ kind: "network" }, { operationName: "ShopInfo" });
    expect(await runAdminGraphql(graphql, SHOP_INFO_QUERY, undefined, fast)).toMatchObject({ kind: "network" });
  });

  it("GIVEN a revoked access token THEN http 401 (outside a request there is nobody to re-authenticate)", async () => {
    const { graphql } = await shopClient();
    standIn.injectFault({ kind: "invalidToken" }, { operationName: "ShopInfo" });
    expect(await runAdminGraphql(graphql, SHOP_INFO_QUERY, undefined, fast)).toMatchObject({ kind: "http", status: 401 });
  });

  it("requireData returns the data, or throws AdminGraphqlError carrying the outcome", async () => {
    const { graphql } = await shopClient();
    expect(requireData(await runAdminGraphql(graphql, SHOP_INFO_QUERY, undefined, fast)).shop.name).toBe("Tea House");
    standIn.injectFault({ kind: "http5xx", status: 503 }, { operationName: "ShopInfo" });
    const failed = await runAdminGraphql(graphql, SHOP_INFO_QUERY, undefined, fast);
    expect(() => requireData(failed)).toThrow(AdminGraphqlError);
    expect(() => requireData(failed)).toThrow(/^ShopInfo: /);
  });
});
