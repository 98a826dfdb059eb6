// The admin's point of sale page: who may use the POS extension, saved only when every id is an id; and the
// customer page's card of what staff did for the customer at the register.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { action, loader, type PosActionResult } from "../../../app/routes/app.pos";
import { loader as customerLoader } from "../../../app/routes/app.customers.$id/route";
import { ensureMember } from "../../../app/persistence/ledger";
import { getPosAccess, recordPosActivity } from "../../../app/persistence/pos";
import { installShop, uniqueShop } from "../../support/shopify-requests";
import { runRoute, staffRequest } from "../../support/admin-requests";

installAdminApiStandIn();

const post = async (shop: string, form: Record<string, string>) => runRoute<PosActionResult>(action, await staffRequest(shop, "/app/pos", { form }));

describe("Point of sale page", () => {
  it("GIVEN no settings THEN everyone may act; bad ids are refused writing nothing; good ones are saved", async () => {
    const shop = uniqueShop("pos-page");
    await installShop(shop);
    expect((await runRoute<Record<string, unknown>>(loader, await staffRequest(shop, "/app/pos"))).body).toEqual({ staffUserIds: "", locationIds: "", allowEnrol: true });

    const bad = await post(shop, { staffUserIds: "42, bob", locationIds: "", allowEnrol: "true" });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ ok: false, issues: [{ field: "staffUserIds", code: "invalid_id", values: { value: "bob" } }] });
    expect(await db.posSettings.count({ where: { shop } })).toBe(0);

    expect((await post(shop, { staffUserIds: "42,\n43 42", locationIds: "gid://shopify/Location/77", allowEnrol: "false" })).body).toEqual({ ok: true });
    expect(await getPosAccess(sqlDb, shop)).toEqual({ staffUserIds: ["42", "43"], locationIds: ["77"], allowEnrol: false });
    expect((await runRoute<Record<string, unknown>>(loader, await staffRequest(shop, "/app/pos"))).body).toEqual({ staffUserIds: "42, 43", locationIds: "77", allowEnrol: false });
  });

  it("GIVEN POS activity for a customer THEN their admin page lists it, newest first, and nothing of another shop's", async () => {
    const shop = uniqueShop("pos-page");
    const other = uniqueShop("pos-page");
    await installShop(shop);
    await ensureMember(sqlDb, shop, "9301");
    await recordPosActivity(sqlDb, shop, { customerId: "9301", action: "enrol", staffUserId: "42", staffMemberId: null, locationId: "77" }, new Date("2026-11-01T10:00:00Z"));
    await recordPosActivity(sqlDb, shop, { customerId: "9301", action: "redeem", staffUserId: "42", staffMemberId: "501", locationId: "77", redemptionId: 5, points: 100 }, new Date("2026-11-02T10:00:00Z"));
    await recordPosActivity(sqlDb, other, { customerId: "9301", action: "redeem", staffUserId: "99", staffMemberId: null, locationId: "1" });
    const page = await runRoute<{ posActivity: Array<Record<string, unknown>> }>(customerLoader, await staffRequest(shop, "/app/customers/9301"), { id: "9301" });
    expect(page.body.posActivity.map((e) => [e.action, e.staffUserId, e.staffMemberId, e.locationId, e.points])).toEqual([
      ["redeem", "42", "501", "77", 100],
      ["enrol", "42", null, "77", null],
    ]);
  });
});
