// The demo storefront's app-proxy stand-in (/apps/loyalty/*), against the running demo app: it must sign requests
// exactly as Shopify does (the app's real /proxy routes verify them with Shopify's library), and the shopper it
// names must come from the storefront session only, never from what the browser sends.
import "@shopify/shopify-api/adapters/node";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import { describe, expect, inject, it } from "vitest";
import { DEMO_API_SECRET } from "../../app/demo/demo-config";
import { DEMO_SHOP } from "../../app/demo/demo-mode.server";
import { appProxySignature, CUSTOMER_COOKIE, signedProxyUrl } from "../../app/demo/storefront/app-proxy.server";

const base = () => inject("demoUrl");
const asShopper = (id: string) => ({ headers: { Cookie: `${CUSTOMER_COOKIE}=${id}` } });

describe("demo app proxy (Shopify's signature, the session's customer)", () => {
  it("forwards a shopper's request with a signature the app accepts, for that shopper", async () => {
    const response = await fetch(`${base()}/apps/loyalty/me`, asShopper("7002"));
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(((await response.json()) as { availablePoints: number }).availablePoints).toBeGreaterThanOrEqual(0);
    const session = (await (await fetch(`${base()}/apps/loyalty/session`, asShopper("7002"))).json()) as { shop: string; customerId: string };
    expect(session).toEqual({ shop: DEMO_SHOP, customerId: "7002" });
  });

  it("drops Shopify's parameters when the browser sends them: a guest stays a guest", async () => {
    const forged = new URLSearchParams({ logged_in_customer_id: "7003", shop: "other.myshopify.com", signature: "0".repeat(64), timestamp: "1" });
    const me = await fetch(`${base()}/apps/loyalty/me?${forged}`);
    expect(me.status).toBe(401);
    expect(await me.json()).toMatchObject({ error: { code: "sign_in_required" } });
    const session = (await (await fetch(`${base()}/apps/loyalty/session?${forged}`, asShopper("7001"))).json()) as { shop: string; customerId: string };
    expect(session).toEqual({ shop: DEMO_SHOP, customerId: "7001" });
  });

  it("signs as Shopify does: the app accepts our signature and refuses it once anything signed changes", async () => {
    const url = signedProxyUrl({ appUrl: base(), subpath: "session", query: new URLSearchParams({ a: "1", b: "2" }), shop: DEMO_SHOP, customerId: "7004", secret: DEMO_API_SECRET });
    expect(url.searchParams.get("path_prefix")).toBe("/apps/loyalty");
    expect(Math.abs(Number(url.searchParams.get("timestamp")) - Date.now() / 1000)).toBeLessThan(5);
    expect(url.searchParams.get("signature")).toMatch(/^[0-9a-f]{64}$/);
    expect((await fetch(url)).status).toBe(200);

    const tampered = new URL(url);
    tampered.searchParams.set("logged_in_customer_id", "7003");
    expect((await fetch(tampered)).status).toBe(401);
    const wrongSecret = signedProxyUrl({ appUrl: base(), subpath: "session", query: new URLSearchParams(), shop: DEMO_SHOP, customerId: "7004", secret: "not-the-secret" });
    expect((await fetch(wrongSecret)).status).toBe(401);
    const stale = signedProxyUrl({ appUrl: base(), subpath: "session", query: new URLSearchParams(), shop: DEMO_SHOP, customerId: "7004", secret: DEMO_API_SECRET, now: new Date(Date.now() - 5 * 60_000) });
    expect((await fetch(stale)).status).toBe(401);
  });

  it("computes the signature as Shopify's library checks it, repeated keys included", async () => {
    // Shopify's own validator (the library the app uses), configured with another secret.
    const shopify = shopifyApi({ apiKey: "key", apiSecretKey: "hush", hostName: "localhost", apiVersion: ApiVersion.October25, isEmbeddedApp: false });
    const params = new URLSearchParams({ shop: "some-shop.myshopify.com", logged_in_customer_id: "", path_prefix: "/apps/awesome_reviews" });
    params.append("extra", "1");
    params.append("extra", "2");
    params.set("timestamp", String(Math.floor(Date.now() / 1000)));
    params.set("signature", appProxySignature(params, "hush"));
    expect(await shopify.utils.validateHmac(params, { signator: "appProxy" })).toBe(true);
    params.set("extra", "3");
    expect(await shopify.utils.validateHmac(params, { signator: "appProxy" })).toBe(false);
  });

  it("passes POST bodies and the app's errors through unchanged", async () => {
    const response = await fetch(`${base()}/apps/loyalty/redeem`, { method: "POST", body: "not json", headers: { "Content-Type": "application/json", ...asShopper("7005").headers } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "invalid_request" } });
    const unaffordable = await fetch(`${base()}/apps/loyalty/redeem`, { method: "POST", body: JSON.stringify({ rewardId: 1 }), headers: { "Content-Type": "application/json", ...asShopper("7005").headers } });
    expect(unaffordable.status).toBe(409);
    expect(await unaffordable.json()).toMatchObject({ error: { code: "insufficient_points" } });
  });
});
