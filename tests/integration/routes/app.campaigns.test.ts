// The Campaigns page and the order bonuses on Ways to earn through their real loaders and actions, with session tokens
// signed as Shopify admin signs them; the storefront's /proxy/program showing running campaigns.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { action, loader } from "../../../app/routes/app.campaigns";
import { action as waysAction, loader as waysLoader } from "../../../app/routes/app.ways-to-earn";
import { loader as homeLoader } from "../../../app/routes/app._index";
import { loader as programLoader } from "../../../app/routes/proxy.program";
import { cachedCampaigns, listCampaigns } from "../../../app/persistence/campaigns";
import { getOrderBonuses } from "../../../app/persistence/program-settings";
import { campaignToForm, instantToLocalInput } from "../../../app/rules/campaign-form";
import { installShop, signedProxyRequest, uniqueShop } from "../../support/shopify-requests";
import { runRoute, staffRequest } from "../../support/admin-requests";

installAdminApiStandIn();

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function post(shop: string, form: Record<string, string>, path = "/app/campaigns") {
  return runRoute<Json>(path === "/app/campaigns" ? action : waysAction, await staffRequest(shop, path, { form }));
}

async function newShop() {
  const shop = uniqueShop("camp");
  await installShop(shop);
  return shop;
}

const HOUR = 60 * 60 * 1000;

function runningForm(overrides: Record<string, string> = {}) {
  const now = new Date();
  return {
    ...campaignToForm(null, "UTC", now),
    name_en: "Double weekend",
    name_pl: "Podwójny weekend",
    multiplier: "2",
    startsAt: instantToLocalInput(new Date(now.getTime() - HOUR), "UTC"),
    endsAt: instantToLocalInput(new Date(now.getTime() + 48 * HOUR), "UTC"),
    ...overrides,
  };
}

describe("Campaigns page", () => {
  it("GIVEN a valid campaign THEN it is saved, listed, in the webhook's cache, on Home and on the storefront", async () => {
    const shop = await newShop();
    const saved = await post(shop, { intent: "save", id: "", ...runningForm({ productTags: "tea, Summer", bonusPoints: "10" }) });
    expect(saved).toMatchObject({ status: 200, body: { ok: true } });
    const page = await runRoute<Json>(loader, await staffRequest(shop, "/app/campaigns"));
    expect(page.body.campaigns).toHaveLength(1);
    expect(page.body.campaigns[0]).toMatchObject({ names: { en: "Double weekend", pl: "Podwójny weekend" }, multiplierPercent: 200, bonusPoints: 10, scope: { productTags: ["tea", "Summer"] } });
    expect(await cachedCampaigns(sqlDb, shop)).toHaveLength(1);

    const home = await runRoute<Json>(homeLoader, await staffRequest(shop, "/app"));
    expect(home.body.campaigns.map((c: Json) => c.names.en)).toEqual(["Double weekend"]);

    const answer = await programLoader({ request: await signedProxyRequest(shop, "/proxy/program"), params: {}, context: {} });
    const program = { body: (await answer.json()) as Json };
    expect(program.body.campaigns).toEqual([
      expect.objectContaining({ names: { en: "Double weekend", pl: "Podwójny weekend" }, multiplierPercent: 200, bonusPoints: 10, scoped: true, tiersOnly: false }),
    ]);
  });

  it("GIVEN bad input THEN 400 with every field's problem and nothing written", async () => {
    const shop = await newShop();
    const bad = await post(shop, { intent: "save", id: "", ...runningForm({ name_en: "", name_pl: "", multiplier: "20", endsAt: "2020-01-01T00:00", collectionIds: "summer" }) });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: Json) => i.field).sort()).toEqual(["collectionIds", "endsAt", "multiplier", "name_en"]);
    expect(await listCampaigns(sqlDb, shop)).toEqual([]);
    expect(await db.programSettings.count({ where: { shop } })).toBe(0);
  });

  it("edits and deletes; another shop's campaign is 404 and untouched", async () => {
    const shop = await newShop();
    const other = await newShop();
    await post(other, { intent: "save", id: "", ...runningForm() });
    const [theirs] = await listCampaigns(sqlDb, other);
    expect((await post(shop, { intent: "save", id: String(theirs!.id), ...runningForm({ multiplier: "3" }) })).status).toBe(404);
    expect((await post(shop, { intent: "delete", id: String(theirs!.id) })).status).toBe(404);
    expect((await listCampaigns(sqlDb, other))[0]!.multiplierPercent).toBe(200);

    await post(shop, { intent: "save", id: "", ...runningForm() });
    const [mine] = await listCampaigns(sqlDb, shop);
    expect((await post(shop, { intent: "save", id: String(mine!.id), ...runningForm({ multiplier: "1.5" }) })).status).toBe(200);
    expect((await cachedCampaigns(sqlDb, shop))[0]!.multiplierPercent).toBe(150);
    expect((await post(shop, { intent: "delete", id: String(mine!.id) })).status).toBe(200);
    expect(await cachedCampaigns(sqlDb, shop)).toEqual([]);
  });
});

describe("order bonuses on Ways to earn", () => {
  it("saves the first-order and threshold bonuses; refuses bad ones by field and writes nothing", async () => {
    const shop = await newShop();
    const ok = await post(shop, { intent: "save_order_bonuses", firstOrderBonus: "50", orderThreshold: "100.00", orderThresholdBonus: "25" }, "/app/ways-to-earn");
    expect(ok).toMatchObject({ status: 200, body: { ok: true } });
    expect(await getOrderBonuses(sqlDb, shop)).toEqual({ firstOrderBonus: 50, orderThresholdMinor: 10_000, orderThresholdBonus: 25 });
    const page = await runRoute<Json>(waysLoader, await staffRequest(shop, "/app/ways-to-earn"));
    expect(page.body.orderBonuses).toEqual({ firstOrderBonus: 50, orderThresholdMinor: 10_000, orderThresholdBonus: 25 });

    const bad = await post(shop, { intent: "save_order_bonuses", firstOrderBonus: "-1", orderThreshold: "10.001", orderThresholdBonus: "x" }, "/app/ways-to-earn");
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: Json) => i.field).sort()).toEqual(["firstOrderBonus", "orderThreshold", "orderThresholdBonus"]);
    const noThreshold = await post(shop, { intent: "save_order_bonuses", firstOrderBonus: "0", orderThreshold: "", orderThresholdBonus: "25" }, "/app/ways-to-earn");
    expect(noThreshold.body.issues).toEqual([{ field: "orderThreshold", code: "threshold_required" }]);
    expect(await getOrderBonuses(sqlDb, shop)).toEqual({ firstOrderBonus: 50, orderThresholdMinor: 10_000, orderThresholdBonus: 25 });
  });
});
