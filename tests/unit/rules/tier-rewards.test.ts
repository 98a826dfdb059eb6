// "Rewards only for that tier and above" as pure rules: the reward's field (validation, the editor's form) and the
// lock the storefront shows (the same decision redemption makes with tiers.ts tierAllows).
import { describe, expect, it } from "vitest";
import { REWARD_DEFAULTS, validateReward, type RewardDefinition, type RewardValidationError } from "../../../app/rules/rewards";
import { emptyRewardForm, parseRewardForm, rewardToForm } from "../../../app/rules/reward-form";
import { tierAllows, type TierRules } from "../../../app/rules/tiers";
import { rewardTierLocked, type MemberTierSummary, type TierView } from "../../../app/persistence/member-tier-summary";

const reward = (overrides: Partial<RewardDefinition> = {}): RewardDefinition => ({
  ...REWARD_DEFAULTS,
  type: "free_shipping",
  title: "Free shipping",
  pointsCost: 100,
  ...overrides,
});

const codesOf = (run: () => unknown) => {
  try {
    run();
    return [];
  } catch (error) {
    return (error as RewardValidationError).issues.map((issue) => `${issue.field}:${issue.code}`);
  }
};

describe("a reward's minimum tier", () => {
  it("is empty for everyone by default, kept when it is one of the shop's tiers, refused otherwise", () => {
    expect(validateReward(reward()).minTierId).toBeNull();
    expect(validateReward(reward({ minTierId: 7 }), [5, 7]).minTierId).toBe(7);
    expect(codesOf(() => validateReward(reward({ minTierId: 8 }), [5, 7]))).toEqual(["minTierId:unknown_tier"]);
    expect(codesOf(() => validateReward(reward({ minTierId: -1 })))).toEqual(["minTierId:unknown_tier"]);
  });

  it("round-trips through the editor's form; a tier that is not the shop's is a field error on that select", () => {
    const form = { ...emptyRewardForm(), type: "free_shipping", title: "Free shipping", pointsCost: "100", minTierId: "7" };
    const parsed = parseRewardForm(form, "USD", 0, [7]);
    expect(parsed.ok && parsed.value.minTierId).toBe(7);
    expect(parsed.ok && rewardToForm(parsed.value, "USD").minTierId).toBe("7");
    expect(parseRewardForm({ ...form, minTierId: "" }, "USD", 0, [7])).toMatchObject({ ok: true, value: { minTierId: null } });
    expect(parseRewardForm({ ...form, minTierId: "9" }, "USD", 0, [7])).toEqual({ ok: false, issues: [{ field: "minTierId", code: "unknown_tier" }] });
  });
});

describe("locked on the storefront", () => {
  const views: TierView[] = ["1", "2", "3"].map((id) => ({ id, names: { en: `T${id}` }, threshold: Number(id) * 100, multiplier: "1", freeShipping: false }));
  const summary = (current: string | null): MemberTierSummary => ({
    measure: "money_spent",
    period: "lifetime",
    graceDays: 0,
    current: views.find((view) => view.id === current) ?? null,
    next: null,
    progress: 0,
    needed: 0,
    periodEndsAt: null,
    holdUntil: null,
    tiers: views,
  });
  const rules: TierRules = {
    measure: "money_spent",
    period: "lifetime",
    graceDays: 0,
    tiers: views.map((view) => ({ id: view.id, names: view.names, threshold: view.threshold, multiplierPercent: 100, entryRewardPoints: 0, freeShipping: false, birthdayMultiplierPercent: 100 })),
  };

  it("agrees with redemption's rule for every held tier and limit, and is open without tiers or for a deleted tier", () => {
    for (const held of [null, "1", "2", "3"]) {
      for (const limit of [null, 1, 2, 3, 99]) {
        expect(rewardTierLocked(summary(held), limit)).toBe(!tierAllows(rules, held, limit === null ? null : String(limit)));
      }
    }
    expect(rewardTierLocked(summary("1"), 2)).toBe(true);
    expect(rewardTierLocked(summary("2"), 2)).toBe(false);
    expect(rewardTierLocked(null, 2)).toBe(false);
    expect(rewardTierLocked(summary(null), 99)).toBe(false);
  });
});
