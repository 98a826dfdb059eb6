import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { action as listAction, loader as listLoader, type RewardsActionResult } from "../../../app/routes/app.rewards._index";
import { action as editAction, loader as editLoader, type RewardActionResult } from "../../../app/routes/app.rewards.$id/route";
import { listRewards } from "../../../app/persistence/reward-catalog";
import { listStorefrontRewards } from "../../../app/persistence/storefront-catalog";
import { recordShopSeen } from "../../../app/persistence/shops";
import { emptyRewardForm, type RewardFormValues } from "../../../app/rules/reward-form";
import { forgedSessionToken, installShop, uniqueShop, APP_URL } from "../../support/shopify-requests";
import { runRoute, staffRequest } from "../../support/admin-requests";

installAdminApiStandIn();

type ListData = Awaited<ReturnType<typeof listLoader>>;
type EditData = Awaited<ReturnType<typeof editLoader>>;

async function newShop() {
  const shop = uniqueShop("rewards");
  await installShop(shop);
  await recordShopSeen(sqlDb, shop, "USD");
  return shop;
}

function form(values: Partial<RewardFormValues>): Record<string, string> {
  return { ...emptyRewardForm(), ...values };
}

async function create(shop: string, values: Partial<RewardFormValues>) {
  return runRoute<RewardActionResult>(editAction, await staffRequest(shop, "/app/rewards/new", { form: form(values) }), { id: "new" });
}

async function edit(shop: string, id: number | string, values: Partial<RewardFormValues>) {
  return runRoute<RewardActionResult>(editAction, await staffRequest(shop, `/app/rewards/${id}`, { form: form(values) }), { id: String(id) });
}

async function listAct(shop: string, fields: Record<string, string>) {
  return runRoute<RewardsActionResult>(listAction, await staffRequest(shop, "/app/rewards", { form: fields }));
}

describe("Rewards pages", () => {
  it("creates a reward of every type from the form, in order, with money typed as decimals", async () => {
    const shop = await newShop();
    const results = [
      await create(shop, { type: "fixed_amount", title: "$5 off", pointsCost: "500", amount: "5.00", minimumSubtotal: "20" }),
      await create(shop, { type: "percentage", title: "10% off", pointsCost: "800", percentage: "10" }),
      await create(shop, { type: "free_shipping", title: "Free shipping", pointsCost: "300" }),
      await create(shop, { type: "free_product", title: "Free mug", pointsCost: "1000", variantId: "gid://shopify/ProductVariant/40100001" }),
      await create(shop, { type: "variable_amount", title: "Points for money", pointsCost: "100", amount: "1,00", minPoints: "200", maxPoints: "5000" }),
      await create(shop, { type: "store_credit", title: "$10 credit", pointsCost: "1000", amount: "10", minimumSubtotal: "99", codePrefix: "ignored" }),
    ];
    expect(results.map((r) => [r.status, r.body.ok && r.body.created])).toEqual(Array(6).fill([200, true]));

    const rewards = await listRewards(db, shop);
    expect(rewards.map((r) => [r.type, r.title, r.pointsCost, r.amountMinor, r.percentage, r.variantId, r.minimumSubtotalMinor])).toEqual([
      ["fixed_amount", "$5 off", 500, 500, null, null, 2000],
      ["percentage", "10% off", 800, null, 10, null, null],
      ["free_shipping", "Free shipping", 300, null, null, null, null],
      ["free_product", "Free mug", 1000, null, null, "40100001", null],
      ["variable_amount", "Points for money", 100, 100, null, null, null],
      ["store_credit", "$10 credit", 1000, 1000, null, null, null],
    ]);
    expect(rewards.map((r) => r.sortOrder)).toEqual([10, 20, 30, 40, 50, 60]);

    const page = await runRoute<ListData>(listLoader, await staffRequest(shop, "/app/rewards"));
    expect(page.body.rewards.map((r) => r.title)).toEqual(rewards.map((r) => r.title));
  });

  it("GIVEN invalid fields THEN 400 with each problem on the form field it belongs to, and nothing created", async () => {
    const shop = await newShop();
    const result = await create(shop, { type: "variable_amount", title: " ", pointsCost: "100", amount: "1.005", minPoints: "250", maxPoints: "200", validityDays: "0" });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({
      ok: false,
      issues: [
        { field: "title", code: "invalid_title" },
        { field: "validityDays", code: "invalid_validity" },
        { field: "amount", code: "invalid_amount" },
        { field: "minPoints", code: "invalid_min_points" },
        { field: "maxPoints", code: "max_below_min" },
      ],
    });
    expect(await db.reward.count({ where: { shop } })).toBe(0);

    const noVariant = await create(shop, { type: "free_product", title: "Mug", pointsCost: "10", variantId: "mug" });
    expect(noVariant.body).toEqual({ ok: false, issues: [{ field: "variantId", code: "variant_required" }] });
    const badType = await create(shop, { type: "gift", title: "Mug", pointsCost: "10" });
    expect(badType.body).toEqual({ ok: false, issues: [{ field: "type", code: "invalid_type" }] });
  });

  it("edits a reward: the form shows it as saved, a change keeps its place in the list", async () => {
    const shop = await newShop();
    const first = await create(shop, { type: "fixed_amount", title: "$5 off", pointsCost: "500", amount: "5" });
    await create(shop, { type: "free_shipping", title: "Free shipping", pointsCost: "300" });
    const id = (first.body as { id: number }).id;

    const loaded = await runRoute<EditData>(editLoader, await staffRequest(shop, `/app/rewards/${id}`), { id: String(id) });
    expect(loaded.body.form).toMatchObject({ type: "fixed_amount", title: "$5 off", pointsCost: "500", amount: "5.00", enabled: "true" });

    const saved = await edit(shop, id, { ...loaded.body.form, title: "$7 off", amount: "7.50" });
    expect(saved).toMatchObject({ status: 200, body: { ok: true, created: false, id } });
    const rewards = await listRewards(db, shop);
    expect(rewards.map((r) => [r.title, r.amountMinor, r.sortOrder])).toEqual([["$7 off", 750, 10], ["Free shipping", null, 20]]);
  });

  it("disables and enables a reward; customers' list leaves disabled ones out", async () => {
    const shop = await newShop();
    const { body } = await create(shop, { type: "free_shipping", title: "Free shipping", pointsCost: "300" });
    const id = String((body as { id: number }).id);
    expect((await listAct(shop, { intent: "disable", id })).body).toEqual({ ok: true });
    expect(await listStorefrontRewards(sqlDb, shop)).toEqual([]);
    expect((await listAct(shop, { intent: "enable", id })).body).toEqual({ ok: true });
    expect((await listStorefrontRewards(sqlDb, shop)).map((r) => r.title)).toEqual(["Free shipping"]);
  });

  it("reorders with the full new order, and refuses a stale or foreign one without writing", async () => {
    const shop = await newShop();
    const ids: number[] = [];
    for (const title of ["A", "B", "C"]) ids.push(((await create(shop, { type: "free_shipping", title, pointsCost: "1" })).body as { id: number }).id);
    const [a, b, c] = ids as [number, number, number];

    expect((await listAct(shop, { intent: "reorder", ids: [c, a, b].join(",") })).body).toEqual({ ok: true });
    expect((await listRewards(db, shop)).map((r) => r.title)).toEqual(["C", "A", "B"]);

    expect((await listAct(shop, { intent: "reorder", ids: [a, b].join(",") })).status).toBe(409);
    expect((await listAct(shop, { intent: "reorder", ids: [a, a, b].join(",") })).status).toBe(409);
    expect((await listAct(shop, { intent: "reorder", ids: "1,x" })).status).toBe(400);
    expect((await listRewards(db, shop)).map((r) => r.title)).toEqual(["C", "A", "B"]);
  });

  it("GIVEN another shop's reward THEN 404 on the page, on editing, on disabling and in a reorder, and it is unchanged", async () => {
    const shop = await newShop();
    const victim = await newShop();
    const theirs = ((await create(victim, { type: "free_shipping", title: "Theirs", pointsCost: "300" })).body as { id: number }).id;
    const mine = ((await create(shop, { type: "free_shipping", title: "Mine", pointsCost: "300" })).body as { id: number }).id;

    expect((await runRoute(editLoader, await staffRequest(shop, `/app/rewards/${theirs}`), { id: String(theirs) })).status).toBe(404);
    expect((await edit(shop, theirs, { type: "free_shipping", title: "Hijacked", pointsCost: "1" })).status).toBe(404);
    expect((await listAct(shop, { intent: "disable", id: String(theirs) })).status).toBe(404);
    expect((await listAct(shop, { intent: "reorder", ids: [theirs, mine].join(",") })).status).toBe(409);
    expect(await listRewards(db, victim)).toMatchObject([{ id: theirs, title: "Theirs", pointsCost: 300, enabled: true, sortOrder: 10 }]);
    expect((await runRoute(editLoader, await staffRequest(shop, "/app/rewards/abc"), { id: "abc" })).status).toBe(404);
  });

  it("GIVEN a forged session token THEN 401 and nothing is created", async () => {
    const shop = await newShop();
    const request = new Request(`${APP_URL}/app/rewards/new`, {
      method: "POST",
      headers: { Authorization: `Bearer ${await forgedSessionToken(shop)}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form({ type: "free_shipping", title: "x", pointsCost: "1" })),
    });
    expect((await runRoute(editAction, request, { id: "new" })).status).toBe(401);
    expect(await db.reward.count({ where: { shop } })).toBe(0);
  });
});
