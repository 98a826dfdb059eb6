// The admin's Ways to earn page through its real loader and action, with session tokens signed as Shopify admin
// signs them: saving an action, refusals with their field and nothing written, custom actions, API keys.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { action, loader } from "../../../app/routes/app.ways-to-earn";
import { action as apiAction } from "../../../app/routes/api.v1.actions";
import { getAction } from "../../../app/persistence/earning-actions";
import { actionToForm } from "../../../app/rules/earning-actions-form";
import { defaultAction } from "../../../app/rules/earning-actions";
import { APP_URL, installShop, uniqueShop } from "../../support/shopify-requests";
import { runRoute, staffRequest } from "../../support/admin-requests";

installAdminApiStandIn();

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function post(shop: string, form: Record<string, string>) {
  return runRoute<Json>(action, await staffRequest(shop, "/app/ways-to-earn", { form }));
}

async function newShop() {
  const shop = uniqueShop("wte");
  await installShop(shop);
  return shop;
}

describe("Ways to earn page", () => {
  it("GIVEN a new shop THEN every built-in action is listed, off", async () => {
    const shop = await newShop();
    const page = await runRoute<Json>(loader, await staffRequest(shop, "/app/ways-to-earn"));
    expect(page.status).toBe(200);
    expect(page.body.actions.map((a: Json) => [a.key, a.enabled])).toEqual([
      ["birthday", false],
      ["anniversary", false],
      ["newsletter", false],
      ["social_instagram", false],
      ["social_facebook", false],
      ["social_tiktok", false],
      ["social_x", false],
      ["social_youtube", false],
      ["social_custom", false],
      ["product_review", false],
    ]);
    expect(page.body.keys).toEqual([]);
  });

  it("GIVEN valid settings THEN saved; invalid ones are refused with their fields and nothing changes", async () => {
    const shop = await newShop();
    const form = { ...actionToForm(defaultAction("social_instagram")), enabled: "true", points: "25", url: "https://instagram.com/tea", name_pl: "Obserwuj nas" };
    expect(await post(shop, { intent: "save", ...form })).toMatchObject({ status: 200, body: { ok: true } });
    expect(await getAction(sqlDb, shop, "social_instagram")).toMatchObject({ enabled: true, points: 25, url: "https://instagram.com/tea", names: { pl: "Obserwuj nas" } });

    const bad = await post(shop, { intent: "save", ...form, points: "abc", url: "javascript:alert(1)", name_ro: "x".repeat(81), limitType: "per_period", limitCount: "2" });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: Json) => i.field).sort()).toEqual(["limitType", "name_ro", "points", "url"]);
    expect(await getAction(sqlDb, shop, "social_instagram")).toMatchObject({ points: 25, url: "https://instagram.com/tea" });
    expect((await post(shop, { intent: "save", ...form, key: "nope" })).status).toBe(404);
  });

  it("GIVEN a custom action THEN it can be added once, configured with a limit and deleted", async () => {
    const shop = await newShop();
    expect(await post(shop, { intent: "create_custom", key: "nps_survey" })).toMatchObject({ status: 200 });
    expect(await post(shop, { intent: "create_custom", key: "nps_survey" })).toMatchObject({ status: 400, body: { issues: [{ field: "key", code: "key_taken" }] } });
    expect(await post(shop, { intent: "create_custom", key: "birthday" })).toMatchObject({ status: 400, body: { issues: [{ field: "key", code: "invalid_key" }] } });
    expect(await post(shop, { intent: "create_custom", key: "Bad Key" })).toMatchObject({ status: 400 });
    const form = { ...actionToForm(defaultAction("nps_survey")), enabled: "true", points: "40", limitType: "per_period", limitCount: "2", limitPeriod: "month" };
    expect(await post(shop, { intent: "save", ...form })).toMatchObject({ status: 200 });
    expect(await getAction(sqlDb, shop, "nps_survey")).toMatchObject({ kind: "custom", limit: { type: "per_period", count: 2, period: "month" } });
    expect(await post(shop, { intent: "delete_custom", key: "nps_survey" })).toMatchObject({ status: 200 });
    expect(await getAction(sqlDb, shop, "nps_survey")).toBeNull();
    expect((await post(shop, { intent: "delete_custom", key: "birthday" })).status).toBe(404);
  });

  it("GIVEN a created key THEN it is shown once, listed by its prefix, works until revoked; another shop cannot revoke it", async () => {
    const shop = await newShop();
    const other = await newShop();
    expect(await post(shop, { intent: "create_key", name: "  " })).toMatchObject({ status: 400, body: { issues: [{ field: "name" }] } });
    const created = await post(shop, { intent: "create_key", name: "Reviews" });
    const key: string = created.body.key;
    expect(key).toMatch(/^lk_[A-Za-z0-9_-]{43}$/);
    const page = await runRoute<Json>(loader, await staffRequest(shop, "/app/ways-to-earn"));
    expect(page.body.keys).toEqual([expect.objectContaining({ name: "Reviews", prefix: key.slice(0, 11), lastUsedAt: null, revokedAt: null })]);
    expect(JSON.stringify(page.body)).not.toContain(key);
    expect(await db.apiKey.count({ where: { hash: { contains: key } } })).toBe(0);

    const id = String(page.body.keys[0].id);
    expect((await post(other, { intent: "revoke_key", id })).status).toBe(404);
    const call = () =>
      apiAction({
        request: new Request(`${APP_URL}/api/v1/actions`, { method: "POST", headers: { Authorization: `Bearer ${key}` }, body: JSON.stringify({ action: "quiz", customerId: "1", idempotencyKey: "a" }) }),
        params: {},
        context: {},
      });
    expect((await call()).status).toBe(404); // the key works; the shop has no such action
    expect(await post(shop, { intent: "revoke_key", id })).toMatchObject({ status: 200 });
    expect((await call()).status).toBe(401);
  });

  it("GIVEN allowed origins THEN saved normalised and listed; a bad line or too many is 400 naming the line and saves nothing", async () => {
    const shop = await newShop();
    const other = await newShop();
    expect(await post(shop, { intent: "save_origins", origins: "https://App.Tea-House.example/\n\nhttp://localhost:5173\nhttps://app.tea-house.example" })).toMatchObject({ status: 200 });
    const page = await runRoute<Json>(loader, await staffRequest(shop, "/app/ways-to-earn"));
    expect(page.body.allowedOrigins).toEqual(["https://app.tea-house.example", "http://localhost:5173"]);
    for (const [origins, code, line] of [
      ["https://ok.example\nhttp://shop.example", "invalid_origin", 2],
      ["https://ok.example/path", "invalid_origin", 1],
      ["*", "invalid_origin", 1],
      [Array.from({ length: 21 }, (_, i) => `https://s${i}.example`).join("\n"), "too_many_origins", 21],
    ] as const) {
      expect(await post(shop, { intent: "save_origins", origins })).toMatchObject({ status: 400, body: { issues: [{ field: "origins", code, values: { line } }] } });
    }
    expect((await runRoute<Json>(loader, await staffRequest(shop, "/app/ways-to-earn"))).body.allowedOrigins).toEqual(["https://app.tea-house.example", "http://localhost:5173"]);
    expect((await runRoute<Json>(loader, await staffRequest(other, "/app/ways-to-earn"))).body.allowedOrigins).toEqual([]);
    expect(await post(shop, { intent: "save_origins", origins: "" })).toMatchObject({ status: 200 });
    expect((await runRoute<Json>(loader, await staffRequest(shop, "/app/ways-to-earn"))).body.allowedOrigins).toEqual([]);
  });
});
