import { describe, expect, it } from "vitest";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { loader as homeLoader } from "../../../app/routes/app._index";
import { loader as themeStatusLoader } from "../../../app/routes/app.theme-status";
import { adminDocumentRequest, forgedSessionToken, installShop, uniqueShop, APP_URL } from "../../support/shopify-requests";
import { runRoute, seedMember, staffRequest } from "../../support/admin-requests";
import { sqlDb } from "../../../app/db.server";
import { runSegmentJob } from "../../../app/jobs/segment-job";
import { saveMirrorSettings } from "../../../app/persistence/customer-mirror";
import { recordShopSeen } from "../../../app/persistence/shops";
import { deliverOk } from "../../support/webhook-delivery";
import { orderPaidPayload } from "../../support/shopify-payloads";

const standIn = installAdminApiStandIn();

type HomeData = Awaited<ReturnType<typeof homeLoader>>;
type ThemeData = Awaited<ReturnType<typeof themeStatusLoader>>;

describe("Home", () => {
  it("shows the shop's figures for the chosen period, and only that shop's", async () => {
    const shop = uniqueShop("home");
    await installShop(shop);
    standIn.seedShop(shop, { name: "Tea House", currencyCode: "PLN" });
    await seedMember(shop, "1", {}, 300);
    await seedMember(shop, "2", {}, 0, 150);
    const other = uniqueShop("home-other");
    await seedMember(other, "1", {}, 99_999);

    const result = await runRoute<HomeData>(homeLoader, await staffRequest(shop, "/app?period=7"));
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ shopDomain: shop, shop: { name: "Tea House" }, currency: "PLN" });
    expect(result.body.stats.period.days).toBe(7);
    expect(result.body.stats.members).toEqual({ total: 2, joined: 2 });
    expect(result.body.stats.points).toMatchObject({ issued: 450, outstandingAvailable: 300, outstandingPending: 150 });
    expect(result.body.stats.series).toHaveLength(7);

    const fallback = await runRoute<HomeData>(homeLoader, await staffRequest(shop, "/app?period=12345"));
    expect(fallback.body.stats.period.days).toBe(30);
  });

  it("shows the segment trend from the daily snapshots of the last 90 shop-local days, and whether Shopify has the segments", async () => {
    const shop = uniqueShop("home-segments");
    await installShop(shop);
    standIn.seedShop(shop, { name: "Tea House", currencyCode: "USD", ianaTimezone: "Pacific/Kiritimati" });
    await recordShopSeen(sqlDb, shop, "USD", new Date(), "Pacific/Kiritimati");
    await deliverOk(shop, "orders/paid", orderPaidPayload({ orderId: "6501", customerId: "51", lines: [{ id: "65011", quantity: 1, unitPrice: 4_000 }] }));
    const DAY = 86_400_000;
    // Snapshots 120, 40 and 1 days ago: the first is older than the trend shows.
    for (const daysAgo of [120, 40, 1]) await runSegmentJob(sqlDb, new Date(Date.now() - daysAgo * DAY));
    const home = async () => (await runRoute<HomeData>(homeLoader, await staffRequest(shop, "/app"))).body;
    const before = await home();
    const dayOf = (daysAgo: number) => new Intl.DateTimeFormat("en-CA", { timeZone: "Pacific/Kiritimati" }).format(new Date(Date.now() - daysAgo * DAY));
    expect(before.segmentTrend.map((point) => point.day)).toEqual([dayOf(40), dayOf(1)]);
    expect(before.segmentMirror).toMatchObject({ enabled: false });
    await saveMirrorSettings(sqlDb, shop, { enabled: true, tierTags: false });
    await runSegmentJob(sqlDb);
    const after = await home();
    expect(after.segmentTrend).toHaveLength(3);
    expect(after.segmentTrend.at(-1)).toMatchObject({ new: 1, vip: 0 });
    expect(after.segmentMirror).toMatchObject({ enabled: true, due: 1, lastRunAt: null });
  });

  it("GIVEN Shopify unreachable for the shop's details THEN the figures still show", async () => {
    const shop = uniqueShop("home-down");
    await installShop(shop);
    standIn.seedShop(shop, { name: "Tea House" });
    standIn.injectFault({ kind: "http5xx", status: 503 }, { operationName: "ShopInfo" });
    const result = await runRoute<HomeData>(homeLoader, await staffRequest(shop, "/app"));
    expect(result.status).toBe(200);
    expect(result.body.shop).toBeNull();
    expect(result.body.stats.members.total).toBe(0);
  });

  it("GIVEN a forged session token THEN 401", async () => {
    const shop = uniqueShop("home");
    await installShop(shop);
    const request = new Request(`${APP_URL}/app`, { headers: { Authorization: `Bearer ${await forgedSessionToken(shop)}` } });
    expect((await runRoute(homeLoader, request)).status).toBe(401);
  });
});

describe("Storefront embed status", () => {
  it("asks Shopify with a valid Admin API query and says 'unknown' rather than failing when it cannot tell", async () => {
    const shop = uniqueShop("theme");
    await installShop(shop);
    standIn.seedShop(shop, { name: "Tea House" });
    const result = await runRoute<ThemeData>(themeStatusLoader, await staffRequest(shop, "/app/theme-status"));
    expect(result.status).toBe(200);
    // The stand-in does not keep themes; what matters here is the query Shopify would accept (checked after each
    // test) and that an answer without a theme is not mistaken for "off".
    expect(result.body).toEqual({
      state: "unknown",
      themeName: null,
      activationUrl: `https://${shop}/admin/themes/current/editor?context=apps&activateAppId=testApiKey/rewards-launcher`,
    });
    expect(standIn.requests.filter((r) => r.shop === shop).map((r) => r.operationName)).toEqual(["ThemeEmbedStatus"]);
  });

  it("GIVEN Shopify answers 5xx THEN 'unknown' rather than an error page", async () => {
    const shop = uniqueShop("theme-down");
    await installShop(shop);
    standIn.seedShop(shop, { name: "Tea House" });
    standIn.injectFault({ kind: "http5xx", status: 502 }, { operationName: "ThemeEmbedStatus" });
    const result = await runRoute<ThemeData>(themeStatusLoader, await staffRequest(shop, "/app/theme-status"));
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ state: "unknown", themeName: null });
  });

  it("GIVEN Shopify refuses the stored access token THEN the library's re-authentication answer (401) reaches the page, not 'unknown'", async () => {
    const shop = uniqueShop("theme-revoked");
    await installShop(shop);
    standIn.seedShop(shop, { name: "Tea House" });
    standIn.injectFault({ kind: "invalidToken" }, { operationName: "ThemeEmbedStatus" });
    const result = await runRoute<ThemeData>(themeStatusLoader, await staffRequest(shop, "/app/theme-status"));
    expect(result.status).toBe(401);
    expect(result.body).toBeUndefined();
  });

  it("GIVEN the same refusal on a page load (no Authorization header) THEN the library's redirect to its bounce page reaches the browser", async () => {
    const shop = uniqueShop("theme-revoked-doc");
    await installShop(shop);
    standIn.seedShop(shop, { name: "Tea House" });
    standIn.injectFault({ kind: "invalidToken" }, { operationName: "ThemeEmbedStatus" });
    const result = await runRoute<ThemeData>(themeStatusLoader, await adminDocumentRequest(shop, "/app/theme-status"));
    expect(result.status).toBe(302);
    expect(result.response!.headers.get("Location")).toMatch(/^\/auth\/session-token\?/);
  });
});
