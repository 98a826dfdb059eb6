import { describe, expect, it } from "vitest";
import { sqlDb } from "../../../app/db.server";
import { appendEntries, ensureMember } from "../../../app/persistence/ledger";
import { loader as proxySession } from "../../../app/routes/proxy.session";
import { loader as proxyMe } from "../../../app/routes/proxy.me";
import { installShop, signedProxyRequest, signedProxyRequestWithQuery, uniqueShop } from "../../support/shopify-requests";
import { routeResponse } from "../../support/route-response";

type Loader = typeof proxySession;

const call = (request: Request, loader: Loader = proxySession) => routeResponse(loader, request);

const refused = { error: { code: "invalid_signature", message: expect.any(String) } };

/** A shop with two members holding different balances, so an answer shows whose data it is. */
async function shopWithTwoMembers() {
  const shop = uniqueShop();
  await installShop(shop);
  for (const [customerId, points] of [["7001", 100], ["7002", 250]] as const) {
    const member = await ensureMember(sqlDb, shop, customerId);
    await sqlDb.transaction().execute((tx) =>
      appendEntries(tx, shop, member.id, [
        { kind: "adjust", availableDelta: points, pendingDelta: 0, reason: "grant", sourceType: "staff", sourceId: "t", idempotencyKey: `grant:${customerId}` },
      ]),
    );
  }
  return shop;
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
    expect(await response.json()).toEqual({ error: { code: "invalid_signature", message: "Invalid app proxy signature" } });
  });

  it("GIVEN no signature THEN 401", async () => {
    const url = `https://my-test-app.myshopify.io/proxy/session?shop=${uniqueShop()}&logged_in_customer_id=1`;
    const response = await call(new Request(url));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "invalid_signature", message: "Missing app proxy signature" } });
  });

  it("GIVEN a correctly signed but stale timestamp (replay) THEN 401", async () => {
    const shop = uniqueShop();
    const realNow = Date.now;
    // Sign as if it were 10 minutes ago; the library accepts ±90 s.
    Date.now = () => realNow() - 10 * 60 * 1000;
    const stale = await signedProxyRequest(shop, "/proxy/session", { customerId: "7001" }).finally(() => {
      Date.now = realNow;
    });
    const response = await call(stale);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(refused);
  });

  it("GIVEN a request signed the way the helper for repeated parameters signs THEN it is accepted (the helper signs as Shopify verifies)", async () => {
    const shop = await shopWithTwoMembers();
    const request = signedProxyRequestWithQuery(shop, "/proxy/me", [
      ["path_prefix", "/apps/loyalty"],
      ["logged_in_customer_id", "7002"],
      ["tag", "a"],
      ["tag", "b"],
    ]);
    const response = await call(request, proxyMe);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ availablePoints: 250 });
  });

  it("GIVEN logged_in_customer_id twice, correctly signed over the comma-joined values THEN 401 and no shopper's data", async () => {
    const shop = await shopWithTwoMembers();
    const request = signedProxyRequestWithQuery(shop, "/proxy/me", [
      ["path_prefix", "/apps/loyalty"],
      ["logged_in_customer_id", "7001"],
      ["logged_in_customer_id", "7002"],
    ]);
    const response = await call(request, proxyMe);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(refused);
  });

  it.each(["shop", "path_prefix", "timestamp", "signature"])(
    "GIVEN %s twice in a correctly signed request THEN 401",
    async (name) => {
      const shop = await shopWithTwoMembers();
      const repeated: Record<string, Array<[string, string]>> = {
        shop: [["shop", shop], ["shop", uniqueShop()]],
        path_prefix: [["path_prefix", "/apps/loyalty"], ["path_prefix", "/apps/other"]],
        timestamp: [["timestamp", String(Math.trunc(Date.now() / 1000))], ["timestamp", String(Math.trunc(Date.now() / 1000))]],
        signature: [["signature", "0".repeat(64)]],
      };
      const params: Array<[string, string]> = [
        ...(name === "path_prefix" ? [] : [["path_prefix", "/apps/loyalty"] as [string, string]]),
        ["logged_in_customer_id", "7001"],
        ...repeated[name]!,
      ];
      const response = await call(signedProxyRequestWithQuery(shop, "/proxy/me", params), proxyMe);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual(refused);
    },
  );
});
