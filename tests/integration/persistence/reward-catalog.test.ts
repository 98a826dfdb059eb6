// The rewards catalog in the database: validated writes, display order, and one shop never touching another's.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { createReward, getReward, listRewards, setRewardEnabled, updateReward } from "../../../app/persistence/reward-catalog";
import { listStorefrontRewards } from "../../../app/persistence/storefront-catalog";
import { REWARD_DEFAULTS, RewardValidationError, type RewardDefinition } from "../../../app/rules/rewards";
import { uniqueShop } from "../../support/shopify-requests";

function definition(overrides: Partial<RewardDefinition> = {}): RewardDefinition {
  return { ...REWARD_DEFAULTS, type: "fixed_amount", title: "$5 off", pointsCost: 500, amountMinor: 500, ...overrides };
}

describe("rewards catalog", () => {
  it("GIVEN rewards of every type THEN they are stored as validated and listed by sort order", async () => {
    const shop = uniqueShop();
    await createReward(db, shop, definition({ title: "C", sortOrder: 3 }));
    await createReward(db, shop, definition({ title: "A", sortOrder: 1, type: "free_shipping", amountMinor: 999 }));
    await createReward(db, shop, definition({ title: "B", sortOrder: 2, type: "free_product", variantId: "31", amountMinor: null }));
    await createReward(db, shop, definition({ title: "D", sortOrder: 4, type: "store_credit", amountMinor: 1000 }));

    const listed = await listRewards(db, shop);
    expect(listed.map((r) => r.title)).toEqual(["A", "B", "C", "D"]);
    expect(listed[0]).toMatchObject({ type: "free_shipping", amountMinor: null }); // foreign field emptied
    expect(listed[1]).toMatchObject({ variantId: "31" });
  });

  it("GIVEN an invalid reward THEN nothing is written and every problem is reported", async () => {
    const shop = uniqueShop();
    const error = await createReward(db, shop, definition({ type: "percentage", percentage: 150, pointsCost: -1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RewardValidationError);
    expect((error as RewardValidationError).issues.map((i) => i.field).sort()).toEqual(["percentage", "pointsCost"]);
    expect(await listRewards(db, shop)).toEqual([]);
  });

  it("GIVEN another shop's reward id THEN it can be neither read, updated nor disabled", async () => {
    const shop = uniqueShop();
    const other = uniqueShop();
    const reward = await createReward(db, shop, definition());

    expect(await getReward(db, other, reward.id)).toBeNull();
    expect(await updateReward(db, other, reward.id, definition({ title: "Hijacked" }))).toBeNull();
    expect(await setRewardEnabled(db, other, reward.id, false)).toBe(false);
    expect(await getReward(db, shop, reward.id)).toMatchObject({ title: "$5 off", enabled: true });
  });

  it("GIVEN an update and a disable THEN shoppers' list drops it and the admin list keeps it", async () => {
    const shop = uniqueShop();
    const reward = await createReward(db, shop, definition());
    expect(await updateReward(db, shop, reward.id, definition({ title: "$6 off", amountMinor: 600 }))).toMatchObject({ title: "$6 off", amountMinor: 600 });
    await setRewardEnabled(db, shop, reward.id, false);
    expect(await listStorefrontRewards(sqlDb, shop)).toEqual([]);
    expect(await listRewards(db, shop)).toHaveLength(1);
  });
});
