import { describe, expect, it } from "vitest";
import { loader as homeLoader } from "../../../app/routes/app._index";
import { loader as appLoader } from "../../../app/routes/app";
import db from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import {
  adminDocumentRequest,
  adminFetchRequest,
  forgedSessionToken,
  installShop,
  uniqueShop,
} from "../../support/shopify-requests";

const standIn = installAdminApiStandIn();

type Loader = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>;

/** Runs a loader the way Remix does: a thrown Response is the response. */
async function call<L extends Loader>(loader: L, request: Request): Promise<Response | Awaited<ReturnType<L>>> {
  try {
    return (await loader({ request, params: {}, context: {} })) as Awaited<ReturnType<L>>;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("embedded admin authentication", () => {
  it("GIVEN a valid session token for an installed shop WHEN the home page loads THEN it shows the shop read through the Admin API", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    standIn.seedShop(shop, { name: "Tea House", currencyCode: "PLN" });

    const result = await call(homeLoader, await adminDocumentRequest(shop, "/app"));
    expect(result).not.toBeInstanceOf(Response);
    expect(result).toMatchObject({ shopDomain: shop, shop: { name: "Tea House", currencyCode: "PLN" } });
    expect((await db.shop.findUnique({ where: { domain: shop } }))?.currency).toBe("PLN");
    expect(standIn.requests.filter((r) => r.shop === shop).map((r) => r.operationName)).toEqual(["ShopInfo"]);
  });

  it("GIVEN a Bearer token signed with another secret THEN 401 and nothing is read or written", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    standIn.seedShop(shop, { name: "Tea House", currencyCode: "PLN" });
    const request = new Request("https://my-test-app.myshopify.io/app", {
      headers: { Authorization: `Bearer ${await forgedSessionToken(shop)}` },
    });
    const shopRow = await db.shop.findUniqueOrThrow({ where: { domain: shop } }); // written by installShop
    const result = await call(homeLoader, request);
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).status).toBe(401);
    expect(standIn.requests.filter((r) => r.shop === shop)).toEqual([]);
    expect(await db.shop.findUniqueOrThrow({ where: { domain: shop } })).toEqual(shopRow);
  });

  it("GIVEN a shop installing the app (no session yet) WHEN admin first loads it THEN token exchange stores the offline session and the shop becomes a tenant", async () => {
    const shop = uniqueShop();
    standIn.seedShop(shop, { name: "Tea House", currencyCode: "PLN" });
    expect(await db.session.count({ where: { shop } })).toBe(0);

    // The app layout, not Home: the Shop row must not depend on the page that happens to load first.
    const result = await call(appLoader, await adminFetchRequest(shop, "/app/customers"));
    expect(result).not.toBeInstanceOf(Response);
    expect(await db.session.findFirst({ where: { shop, isOnline: false } })).toMatchObject({ accessToken: `stand-in-offline-token-${shop}` });
    expect(await db.shop.findUnique({ where: { domain: shop } })).toMatchObject({ domain: shop, uninstalledAt: null });
  });

  it("GIVEN a valid Bearer token (App Bridge fetch) THEN the data request is served", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    standIn.seedShop(shop, { name: "Tea House", currencyCode: "PLN" });
    const result = await call(homeLoader, await adminFetchRequest(shop, "/app"));
    expect(result).toMatchObject({ shop: { name: "Tea House" } });
  });

  it("GIVEN a document request without a session token THEN no page data: the bounce page fetches a token first", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const url = `https://my-test-app.myshopify.io/app?embedded=1&shop=${shop}&host=${Buffer.from(`admin.shopify.com/store/${shop}`).toString("base64")}`;
    const result = await call(appLoader, new Request(url));
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).status).toBe(302);
    expect((result as Response).headers.get("Location")).toContain("/auth/session-token");
  });

  it("GIVEN an expired session token THEN 401 for data requests", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const { getJwt, API_KEY, API_SECRET_KEY } = await import("@shopify/shopify-api/test-helpers");
    const past = Date.now() / 1000 - 7200;
    const { token } = await getJwt(shop.replace(".myshopify.com", ""), API_KEY, API_SECRET_KEY, { exp: past, nbf: past - 60, iat: past - 60 });
    const request = new Request("https://my-test-app.myshopify.io/app", { headers: { Authorization: `Bearer ${token}` } });
    const result = await call(homeLoader, request);
    expect((result as Response).status).toBe(401);
  });
});
