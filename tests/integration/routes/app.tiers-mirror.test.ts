// The Tiers page's "Mirror in Shopify" card through its real routes (session tokens as Shopify admin signs them):
// the setting, the status the page shows, a bad value refused with nothing saved, and "write now" through the
// Admin API stand-in.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { loader } from "../../../app/routes/app.tiers";
import { action, type MirrorActionResult } from "../../../app/routes/app.tiers.mirror";
import { appendEntries, ensureMember } from "../../../app/persistence/ledger";
import { recordShopSeen } from "../../../app/persistence/shops";
import { installShop, uniqueShop } from "../../support/shopify-requests";
import { runRoute, staffRequest } from "../../support/admin-requests";

const standIn = installAdminApiStandIn();
type LoaderData = Awaited<ReturnType<typeof loader>>;

async function shopWithMembers(count: number) {
  const shop = uniqueShop("admin-mirror");
  await installShop(shop);
  await recordShopSeen(sqlDb, shop, "USD", new Date(), "UTC");
  standIn.seedShop(shop, { name: "Tea House", currencyCode: "USD" });
  for (let i = 0; i < count; i += 1) {
    const customerId = String(8300 + i);
    standIn.seedCustomer(shop, { id: customerId });
    const member = await ensureMember(sqlDb, shop, customerId);
    await sqlDb.transaction().execute((tx) =>
      appendEntries(tx, shop, member.id, [{ kind: "adjust", availableDelta: 50, pendingDelta: 0, reason: "grant", sourceType: "staff", sourceId: "t", idempotencyKey: `g:${customerId}` }]),
    );
  }
  return shop;
}

const post = async (shop: string, form: Record<string, string>) => runRoute<MirrorActionResult>(action, await staffRequest(shop, "/app/tiers/mirror", { form }));

describe("Mirror in Shopify (Tiers page)", () => {
  it("GIVEN the mirror is switched on THEN every member waits, 'write now' writes them, and the page shows it", async () => {
    const shop = await shopWithMembers(3);
    const off = await runRoute<LoaderData>(loader, await staffRequest(shop, "/app/tiers"));
    expect(off.body.mirror).toMatchObject({ enabled: false, tierTags: false });

    expect((await post(shop, { intent: "save", enabled: "true", tierTags: "false" })).body).toEqual({ ok: true });
    expect((await runRoute<LoaderData>(loader, await staffRequest(shop, "/app/tiers"))).body.mirror).toMatchObject({ enabled: true, due: 3, syncedCount: 0 });

    expect((await post(shop, { intent: "sync" })).body).toEqual({ ok: true, synced: 3, error: null });
    const page = await runRoute<LoaderData>(loader, await staffRequest(shop, "/app/tiers"));
    expect(page.body.mirror).toMatchObject({ enabled: true, due: 0, syncedCount: 3, lastError: null });
    expect(page.body.mirror.lastRunAt).not.toBeNull();
    const points = [...standIn.state.shops.get(shop)!.metafields.values()].filter((record) => record.key === "points").map((record) => record.value);
    expect(points).toEqual(["50", "50", "50"]);
  });

  it("refuses a value that is not true/false and an unknown intent, saving nothing", async () => {
    const shop = await shopWithMembers(1);
    expect(await post(shop, { intent: "save", enabled: "yes", tierTags: "false" })).toMatchObject({ status: 400, body: { ok: false, issues: [{ field: "enabled", code: "invalid" }] } });
    expect(await post(shop, { intent: "drop", enabled: "true", tierTags: "false" })).toMatchObject({ status: 400, body: { ok: false, issues: [{ field: "intent", code: "invalid" }] } });
    expect(await db.customerMirror.count({ where: { shop } })).toBe(0);
  });
});
