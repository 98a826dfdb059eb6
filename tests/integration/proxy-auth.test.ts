import { describe, expect, it } from "vitest";
import { loader as proxySession } from "../../app/routes/proxy.session";
import { signedProxyRequest, uniqueShop } from "../support/shopify-requests";

async function call(request: Request): Promise<Response> {
  try {
    return await proxySession({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("app proxy authentication", () => {
  it("GIVEN a request signed by Shopify for a logged-in shopper THEN the shop and customer come from the signature", async () => {
    const shop = uniqueShop();
    const response = await call(await signedProxyRequest(shop, "/proxy/session", { customerId: "7001" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ shop, customerId: "7001" });
  });

  it("GIVEN a guest THEN customerId is null", async () => {
    const shop = uniqueShop();
    const response = await call(await signedProxyRequest(shop, "/proxy/session"));
    expect(await response.json()).toEqual({ shop, customerId: null });
  });

  it("GIVEN the customer id is changed after signing THEN 401", async () => {
    const shop = uniqueShop();
    const signed = await signedProxyRequest(shop, "/proxy/session", { customerId: "7001" });
    const url = new URL(signed.url);
    url.searchParams.set("logged_in_customer_id", "7002");
    const response = await call(new Request(url));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "Invalid app proxy signature" });
  });

  it("GIVEN no signature THEN 401", async () => {
    const url = `https://my-test-app.myshopify.io/proxy/session?shop=${uniqueShop()}&logged_in_customer_id=1`;
    expect((await call(new Request(url))).status).toBe(401);
  });

  it("GIVEN a correctly signed but stale timestamp (replay) THEN 401", async () => {
    const shop = uniqueShop();
    const realNow = Date.now;
    // Sign as if it were 10 minutes ago; the library accepts ±90 s.
    Date.now = () => realNow() - 10 * 60 * 1000;
    const stale = await signedProxyRequest(shop, "/proxy/session", { customerId: "7001" }).finally(() => {
      Date.now = realNow;
    });
    expect((await call(stale)).status).toBe(401);
  });
});
