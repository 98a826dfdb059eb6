// The rules of when balance, tier and reminder notifications happen: plain values in, decisions out.
import { describe, expect, it } from "vitest";
import { bestAffordable, codeExpiryReminder, openRewards, reminderMonth, rewardReadyCrossing, tierChangeKind, type NotifiableReward } from "../../../app/rules/notification-events";
import type { TierRules } from "../../../app/rules/tiers";

const reward = (id: number, pointsCost: number, extra: Partial<NotifiableReward> = {}): NotifiableReward => ({
  id, title: `R${id}`, type: "fixed_amount", pointsCost, minPoints: null, maxPoints: null, amountMinor: pointsCost * 5, minTierId: null, ...extra,
});

const rules = { tiers: [{ id: "1" }, { id: "2" }, { id: "3" }] } as unknown as TierRules;

describe("reward ready", () => {
  const rewards = [reward(1, 500), reward(2, 200), reward(3, 1000)];
  it("GIVEN a rise across the cheapest cost THEN that reward; below, above or exactly from it THEN none", () => {
    expect(rewardReadyCrossing(rewards, 150, 200)?.id).toBe(2);
    expect(rewardReadyCrossing(rewards, 0, 199)).toBeNull();
    expect(rewardReadyCrossing(rewards, 200, 700)).toBeNull();
    expect(rewardReadyCrossing([], 0, 10_000)).toBeNull();
  });
  it("GIVEN a variable amount THEN its minimum counts as its cost", () => {
    expect(rewardReadyCrossing([reward(4, 100, { type: "variable_amount", minPoints: 300 })], 150, 250)).toBeNull();
    expect(rewardReadyCrossing([reward(4, 100, { type: "variable_amount", minPoints: 300 })], 250, 300)?.id).toBe(4);
  });
  it("GIVEN tier-limited rewards THEN only those the member's tier opens count", () => {
    const gated = [reward(5, 50, { minTierId: 3 }), reward(6, 200)];
    expect(openRewards(gated, rules, "2").map((r) => r.id)).toEqual([6]);
    expect(openRewards(gated, rules, "3").map((r) => r.id)).toEqual([5, 6]);
    expect(openRewards(gated, null, null).map((r) => r.id)).toEqual([5, 6]);
  });
});

describe("balance reminder", () => {
  it("GIVEN a balance THEN the affordable reward worth the most, a variable amount counted in the steps it buys", () => {
    const rewards = [reward(1, 100, { amountMinor: 500 }), reward(2, 100, { type: "variable_amount", amountMinor: 400, minPoints: 100, maxPoints: 1000 })];
    expect(bestAffordable(rewards, 99)).toBeNull();
    expect(bestAffordable(rewards, 100)).toEqual({ reward: rewards[0], valueMinor: 500 });
    expect(bestAffordable(rewards, 250)).toEqual({ reward: rewards[1], valueMinor: 800 });
    expect(bestAffordable(rewards, 5000)).toEqual({ reward: rewards[1], valueMinor: 4000 });
  });
  it("GIVEN instants around a shop-local month end THEN the month of the shop's calendar", () => {
    expect(reminderMonth(new Date("2031-01-31T22:59:00Z"), "Europe/Warsaw")).toBe("2031-01");
    expect(reminderMonth(new Date("2031-01-31T23:00:00Z"), "Europe/Warsaw")).toBe("2031-02");
    expect(reminderMonth(new Date("2031-01-01T03:00:00Z"), "America/Los_Angeles")).toBe("2030-12");
  });
});

describe("tier change kind", () => {
  it("GIVEN moves by rank THEN up or down; a merchant's rules edit THEN none", () => {
    expect(tierChangeKind(rules, { from: null, to: "1", at: 0, cause: "qualified" })).toBe("tier_up");
    expect(tierChangeKind(rules, { from: "3", to: "2", at: 0, cause: "period_end" })).toBe("tier_down");
    expect(tierChangeKind(rules, { from: "2", to: null, at: 0, cause: "manual" })).toBe("tier_down");
    expect(tierChangeKind(rules, { from: "1", to: "3", at: 0, cause: "rules_changed" })).toBeNull();
  });
});

describe("reward code expiry reminder", () => {
  const expiresAt = new Date("2027-03-28T01:00:00Z"); // 03:00 in Warsaw, the night clocks go forward
  it("GIVEN the lead window THEN the last local day and the days left, rounded up; outside it THEN none", () => {
    expect(codeExpiryReminder(expiresAt, new Date("2027-03-20T00:00:00Z"), "Europe/Warsaw")).toBeNull();
    expect(codeExpiryReminder(expiresAt, new Date("2027-03-21T02:00:00Z"), "Europe/Warsaw")).toEqual({ date: "2027-03-28", days: 7 });
    expect(codeExpiryReminder(expiresAt, new Date("2027-03-27T12:00:00Z"), "America/New_York")).toEqual({ date: "2027-03-27", days: 1 });
    expect(codeExpiryReminder(expiresAt, expiresAt, "Europe/Warsaw")).toBeNull();
  });
});
