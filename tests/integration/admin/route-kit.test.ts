// The admin route kit (app/admin/route-kit.server.ts): staff identity from the session token, form reading, and
// the one shape of a refusal, through requests signed as Shopify admin signs them.
import { describe, expect, it } from "vitest";
import db from "../../../app/db.server";
import { formValues, readForm, requireAdmin, requireStaff } from "../../../app/admin/route-kit.server";
import { action as adjustAction } from "../../../app/routes/app.customers.$id/route";
import { installShop, uniqueShop } from "../../support/shopify-requests";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { runRoute, seedMember, staffRequest } from "../../support/admin-requests";

installAdminApiStandIn();

describe("requireAdmin / requireStaff", () => {
  it("GIVEN a staff member's session token THEN the shop and the staff id are the token's", async () => {
    const shop = uniqueShop("kit");
    await installShop(shop);
    const context = await requireStaff(await staffRequest(shop, "/app", { sub: "4242" }));
    expect(context).toMatchObject({ shop, staffUserId: "4242" });
  });

  it("GIVEN a token without a staff member THEN requireStaff answers 403 {error:{code}} and an adjustment writes nothing", async () => {
    const shop = uniqueShop("kit-nostaff");
    await installShop(shop);
    const member = await seedMember(shop, "501", {}, 100);
    expect((await requireAdmin(await staffRequest(shop, "/app", { sub: "" }))).staffUserId).toBeNull();

    const form = { points: "10", reason: "Goodwill", requestKey: crypto.randomUUID(), confirmOverdraw: "false" };
    const result = await runRoute(adjustAction, await staffRequest(shop, "/app/customers/501", { sub: "", form }), { id: "501" });
    expect(result.status).toBe(403);
    expect(await result.response!.json()).toEqual({ error: { code: "staff_unknown" } });
    expect(Number((await db.member.findUniqueOrThrow({ where: { id: member.id } })).availablePoints)).toBe(100);
    expect(await db.pointsAdjustment.count({ where: { shop } })).toBe(0);
  });
});

describe("readForm", () => {
  it("reads the named fields as text: absent ones and files as empty strings, others ignored", async () => {
    const body = new FormData();
    body.set("title", "Free shipping");
    body.set("file", new File(["x"], "a.csv"));
    body.set("extra", "ignored");
    const request = new Request("https://example.test/", { method: "POST", body });
    expect(await readForm(request, ["title", "file", "missing"])).toEqual({ title: "Free shipping", file: "", missing: "" });
    expect(formValues(new FormData(), ["a"])).toEqual({ a: "" });
  });
});
