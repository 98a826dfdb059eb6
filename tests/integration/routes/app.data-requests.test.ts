// The customers/data_request exports in admin: a signed webhook records one; staff list them and download each as the
// JSON the app stored, only for their own shop.
import { describe, expect, it } from "vitest";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { loader as listLoader } from "../../../app/routes/app.data-requests._index";
import { loader as downloadLoader } from "../../../app/routes/app.data-requests.$id";
import { forgedSessionToken, installShop, uniqueShop, APP_URL } from "../../support/shopify-requests";
import { deliverOk } from "../../support/webhook-delivery";
import { runRoute, seedMember, staffRequest } from "../../support/admin-requests";

installAdminApiStandIn();
type ListData = Awaited<ReturnType<typeof listLoader>>;

async function shopWithRequest() {
  const shop = uniqueShop("data-requests");
  await installShop(shop);
  await seedMember(shop, "701", { firstName: "Ada", email: "customer-701@example.com" }, 250);
  await deliverOk(shop, "customers/data_request", {
    shop_id: 1,
    shop_domain: shop,
    orders_requested: [],
    customer: { id: 701, email: "customer-701@example.com", phone: null },
    data_request: { id: 9 },
  });
  return shop;
}

describe("data request exports in admin", () => {
  it("GIVEN a customers/data_request delivery THEN staff see it listed and download the stored export as JSON", async () => {
    const shop = await shopWithRequest();

    const list = await runRoute<ListData>(listLoader, await staffRequest(shop, "/app/data-requests"));
    expect(list.status).toBe(200);
    expect(list.body.requests).toHaveLength(1);
    const [entry] = list.body.requests;
    expect(entry).toMatchObject({ customerId: "701" });

    const download = await runRoute(downloadLoader, await staffRequest(shop, `/app/data-requests/${entry!.id}`), { id: String(entry!.id) });
    expect(download.status).toBe(200);
    expect(download.response!.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(download.response!.headers.get("Content-Disposition")).toMatch(/^attachment; filename="data-request-\d+-customer-701-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(download.response!.headers.get("Cache-Control")).toBe("no-store");
    const exported = (await download.response!.json()) as { customerId: string; member: { email: string; availablePoints: number } };
    expect(exported).toMatchObject({ customerId: "701", member: { email: "customer-701@example.com", availablePoints: 250 } });
    expect(Buffer.byteLength(JSON.stringify(exported))).toBe(entry!.bytes);
  });

  it("GIVEN another shop's request id, a bad id or a forged session token THEN 404 / 401 and no export", async () => {
    const shop = await shopWithRequest();
    const [entry] = (await runRoute<ListData>(listLoader, await staffRequest(shop, "/app/data-requests"))).body.requests;
    const other = uniqueShop("data-requests-other");
    await installShop(other);

    expect((await runRoute<ListData>(listLoader, await staffRequest(other, "/app/data-requests"))).body.requests).toEqual([]);
    expect((await runRoute(downloadLoader, await staffRequest(other, `/app/data-requests/${entry!.id}`), { id: String(entry!.id) })).status).toBe(404);
    expect((await runRoute(downloadLoader, await staffRequest(shop, "/app/data-requests/2147483648"), { id: "2147483648" })).status).toBe(404);
    const forged = new Request(`${APP_URL}/app/data-requests/${entry!.id}`, { headers: { Authorization: `Bearer ${await forgedSessionToken(shop)}` } });
    expect((await runRoute(downloadLoader, forged, { id: String(entry!.id) })).status).toBe(401);
  });
});
