// Archiving a reward: it leaves the storefront and the admin's list (a filter shows it), can no longer be redeemed
// or granted, and everything already issued from it — redemptions, codes in Shopify, ledger — stays as it was.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { unauthenticated } from "../../../app/shopify.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { action as listAction, loader as listLoader, type RewardsActionResult } from "../../../app/routes/app.rewards._index";
import { createReward } from "../../../app/persistence/reward-catalog";
import { listStorefrontRewards } from "../../../app/persistence/storefront-catalog";
import { loadRedemption, redeemReward } from "../../../app/persistence/redemption";
import { createRewardIssuer } from "../../../app/shopify/reward-issuer.server";
import { RedemptionInputError, REWARD_DEFAULTS, type RewardDefinition } from "../../../app/rules/rewards";
import { installShop, uniqueShop } from "../../support/shopify-requests";
import { runRoute, seedMember, staffRequest } from "../../support/admin-requests";

const standIn = installAdminApiStandIn();
type ListData = Awaited<ReturnType<typeof listLoader>>;

function definition(overrides: Partial<RewardDefinition> = {}): RewardDefinition {
  return { ...REWARD_DEFAULTS, type: "fixed_amount", title: "$5 off", pointsCost: 100, amountMinor: 500, ...overrides };
}

async function shopWithRewards() {
  const shop = uniqueShop("archive");
  await installShop(shop);
  standIn.seedShop(shop, { name: "Tea House", currencyCode: "USD" });
  standIn.seedCustomer(shop, { id: "8001" });
  await seedMember(shop, "8001", {}, 1000);
  const a = await createReward(db, shop, definition({ title: "A", sortOrder: 10 }));
  const b = await createReward(db, shop, definition({ title: "B", sortOrder: 20 }));
  const c = await createReward(db, shop, definition({ title: "C", sortOrder: 30 }));
  return { shop, a, b, c };
}

async function list(shop: string, query = "") {
  const result = await runRoute<ListData>(listLoader, await staffRequest(shop, `/app/rewards${query}`));
  expect(result.status).toBe(200);
  return result.body.rewards.map((reward) => reward.title);
}

async function act(shop: string, fields: Record<string, string>) {
  return runRoute<RewardsActionResult>(listAction, await staffRequest(shop, "/app/rewards", { form: fields }));
}

async function redeem(shop: string, rewardId: number) {
  const { admin } = await unauthenticated.admin(shop);
  return redeemReward(sqlDb, createRewardIssuer(admin.graphql), { shop, customerId: "8001", rewardId, currency: "USD" });
}

describe("archiving a reward", () => {
  it("GIVEN a reward with an issued code WHEN it is archived THEN it is gone from the storefront and the list, and the code stays", async () => {
    const { shop, a, b, c } = await shopWithRewards();
    const { redemption } = await redeem(shop, b.id);

    expect(await act(shop, { intent: "archive", id: String(b.id) })).toMatchObject({ status: 200, body: { ok: true } });

    expect(await list(shop)).toEqual(["A", "C"]);
    expect(await list(shop, "?archived=1")).toEqual(["B"]);
    expect((await listStorefrontRewards(sqlDb, shop)).map((reward) => reward.title)).toEqual(["A", "C"]);
    await expect(redeem(shop, b.id)).rejects.toThrow(RedemptionInputError);
    // History intact: the redemption, its code in Shopify, the points it cost.
    expect(await loadRedemption(sqlDb, shop, redemption.id)).toMatchObject({ status: "issued", rewardId: b.id, code: redemption.code });
    const issuer = createRewardIssuer((await unauthenticated.admin(shop)).admin.graphql);
    expect(await issuer.lookUp(redemption)).toMatchObject({ kind: "present", active: true });
    expect(await db.reward.findUnique({ where: { id: b.id } })).toMatchObject({ enabled: false, title: "B" });
    expect((await db.member.findFirstOrThrow({ where: { shop } })).availablePoints).toBe(900n);

    // The list's order is the unarchived rewards' order; the archived one cannot be enabled until restored.
    expect(await act(shop, { intent: "reorder", ids: `${c.id},${a.id}` })).toMatchObject({ status: 200 });
    expect(await list(shop)).toEqual(["C", "A"]);
    expect(await act(shop, { intent: "reorder", ids: `${c.id},${a.id},${b.id}` })).toMatchObject({ status: 409 });
    expect(await act(shop, { intent: "enable", id: String(b.id) })).toMatchObject({ status: 404 });
  });

  it("restores an archived reward into the list, disabled, and refuses archiving twice or another shop's reward", async () => {
    const { shop, b } = await shopWithRewards();
    await act(shop, { intent: "archive", id: String(b.id) });
    expect(await act(shop, { intent: "archive", id: String(b.id) })).toMatchObject({ status: 404 });

    const other = uniqueShop("archive-other");
    await installShop(other);
    expect(await act(other, { intent: "restore", id: String(b.id) })).toMatchObject({ status: 404 });
    expect(await list(shop, "?archived=1")).toEqual(["B"]);

    expect(await act(shop, { intent: "restore", id: String(b.id) })).toMatchObject({ status: 200, body: { ok: true } });
    expect(await list(shop, "?archived=1")).toEqual([]);
    expect(await list(shop)).toEqual(["A", "B", "C"]);
    expect((await listStorefrontRewards(sqlDb, shop)).map((reward) => reward.title)).toEqual(["A", "C"]);
    expect(await act(shop, { intent: "enable", id: String(b.id) })).toMatchObject({ status: 200 });
    expect((await listStorefrontRewards(sqlDb, shop)).map((reward) => reward.title)).toEqual(["A", "B", "C"]);
    expect(await act(shop, { intent: "archive", id: "abc" })).toMatchObject({ status: 400 });
  });
});
