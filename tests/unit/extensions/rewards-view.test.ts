// The view logic every shopper surface shares (extensions/shared/rewards-view.ts): pure, so tested without a DOM.
import { describe, expect, it } from "vitest";
import {
  affordableRewards,
  earnedMessage,
  estimatePoints,
  fill,
  formatBirthday,
  formatShopDate,
  formatTierRemaining,
  pluralCategory,
  rewardOptions,
  tierProgress,
  type ListedReward,
} from "../../../extensions/shared/rewards-view";

const reward = (id: number, cheapestPoints: number, overrides: Partial<ListedReward> = {}): ListedReward => ({
  id,
  type: "fixed_amount",
  title: `R${id}`,
  pointsCost: cheapestPoints,
  cheapestPoints,
  minimumSubtotalMinor: null,
  ...overrides,
});

describe("rewardOptions / affordableRewards", () => {
  const rewards = [reward(1, 500), reward(2, 300), reward(3, 100, { type: "store_credit" }), reward(4, 200, { minimumSubtotalMinor: 5000 }), reward(5, 900)];

  it("affordable code rewards first by cost, then the others with their first reason", () => {
    const options = rewardOptions(rewards, { signedIn: true, availablePoints: 600, subtotalMinor: 3000 });
    expect(options.map((o) => [o.reward.id, o.disabled, o.missingPoints])).toEqual([
      [2, null, 0],
      [1, null, 0],
      [3, "not_a_code", 0],
      [4, "subtotal_too_low", 0],
      [5, "not_enough_points", 300],
    ]);
    expect(affordableRewards(rewards, { signedIn: true, availablePoints: 600, subtotalMinor: 3000 }).map((r) => r.id)).toEqual([2, 1]);
  });

  it("an unknown subtotal does not refuse a minimum; exactly enough points is enough", () => {
    expect(affordableRewards(rewards, { signedIn: true, availablePoints: 500 }).map((r) => r.id)).toEqual([4, 2, 1]);
  });

  it("a guest is asked to sign in; a checkout that cannot change codes says so, for every reward", () => {
    expect(new Set(rewardOptions(rewards, { signedIn: false, availablePoints: 0 }).map((o) => o.disabled))).toEqual(new Set(["sign_in"]));
    expect(new Set(rewardOptions(rewards, { signedIn: true, availablePoints: 9999, canUpdateCodes: false }).map((o) => o.disabled))).toEqual(new Set(["cannot_update_codes"]));
  });
});

describe("plurals and placeholders", () => {
  it("CLDR categories of the four languages", () => {
    expect([1, 2, 5, 21, 22, 25].map((n) => pluralCategory("pl", n))).toEqual(["one", "few", "many", "many", "few", "many"]);
    expect([1, 2, 5, 21, 22, 25].map((n) => pluralCategory("ru", n))).toEqual(["one", "few", "many", "one", "few", "many"]);
    expect([1, 2, 20, 101].map((n) => pluralCategory("ro", n))).toEqual(["one", "few", "other", "few"]);
    expect([0, 1, 2].map((n) => pluralCategory("en", n))).toEqual(["other", "one", "other"]);
    expect(pluralCategory("pl", 1.5)).toBe("other");
  });

  it("fills known placeholders and leaves unknown ones", () => {
    expect(fill("{reward} for {count} points {x}", { reward: "$5 off", count: 500 })).toBe("$5 off for 500 points {x}");
  });
});

describe("earned points", () => {
  it("estimates like orders/paid: whole units times the rate, rounded down; nothing for nothing", () => {
    expect(estimatePoints(4999, 1)).toBe(49);
    expect(estimatePoints(4999, 2)).toBe(99);
    expect(estimatePoints(1000, 1, 1)).toBe(1000); // a currency without minor units (JPY)
    expect(estimatePoints(0, 5)).toBe(0);
    expect(estimatePoints(-100, 5)).toBe(0);
  });

  it("dates in the shopper's locale and the shop's time zone (the shop's calendar day, not UTC's)", () => {
    const lateUtc = new Date("2026-12-15T23:30:00Z");
    expect(formatShopDate(lateUtc, "en", "Europe/Warsaw")).toBe("December 16, 2026");
    expect(formatShopDate(lateUtc, "en", "America/New_York")).toBe("December 15, 2026");
    expect(formatShopDate(lateUtc, "pl", "Europe/Warsaw")).toBe("16 grudnia 2026");
    expect(formatShopDate(lateUtc, "ru", "Europe/Warsaw")).toBe("16 декабря 2026 г.");
    expect(formatShopDate(lateUtc, "ro", "Europe/Bucharest")).toBe("16 decembrie 2026");
    expect(formatShopDate(lateUtc, "en", "Not/AZone")).toBe("December 15, 2026");
  });

  const base = { estimatePoints: 49, pendingDays: 14, now: new Date("2026-12-01T10:00:00Z"), locale: "en", timeZone: "Europe/Warsaw" };

  it("signed in: the recorded points and release day when orders/paid has been applied, else the estimate", () => {
    expect(earnedMessage({ ...base, signedIn: true, recorded: { points: 52, releaseAt: "2026-12-15T23:30:00Z", released: false, cancelled: false } })).toEqual({
      kind: "earned",
      points: 52,
      availableOn: "December 16, 2026",
    });
    expect(earnedMessage({ ...base, signedIn: true, recorded: null })).toEqual({ kind: "earned", points: 49, availableOn: "December 15, 2026" });
    expect(earnedMessage({ ...base, signedIn: true, recorded: null, pendingDays: 0 })).toEqual({ kind: "earned", points: 49, availableOn: null });
    expect(earnedMessage({ ...base, signedIn: true, recorded: { points: 52, releaseAt: "2026-12-15T23:30:00Z", released: true, cancelled: false } })).toMatchObject({ availableOn: null });
    expect(earnedMessage({ ...base, signedIn: true, recorded: { points: 52, releaseAt: "2026-12-15T23:30:00Z", released: false, cancelled: true } })).toEqual({ kind: "none" });
  });

  it("guest: the estimate to claim with an account; nothing when it earns nothing", () => {
    expect(earnedMessage({ ...base, signedIn: false, recorded: null })).toEqual({ kind: "guest", points: 49 });
    expect(earnedMessage({ ...base, signedIn: false, recorded: null, estimatePoints: 0 })).toEqual({ kind: "none" });
  });
});

describe("tier progress", () => {
  it("toward the next tier; none at the top or without tiers", () => {
    expect(tierProgress({ progress: 30, needed: 10, next: { id: 2 } })).toEqual({ percent: 75, remaining: 10 });
    expect(tierProgress({ progress: 500, needed: 0, next: null })).toBe(null);
    expect(tierProgress(null)).toBe(null);
  });

  it("what is left in the measure's unit: money as the shop's currency in the shopper's locale, else a number", () => {
    expect(formatTierRemaining(4000, "money_spent", "en", "USD")).toBe("$40.00");
    expect(formatTierRemaining(4000, "money_spent", "pl", "PLN")).toBe("40,00\u00a0zł");
    expect(formatTierRemaining(4000, "money_spent", "en", "JPY")).toBe("¥4,000");
    expect(formatTierRemaining(1500, "points_earned", "ru", "USD")).toBe("1\u00a0500");
    expect(formatTierRemaining(2, "orders_placed", "en", "USD")).toBe("2");
  });
});

describe("birthday", () => {
  it("month and day in the shopper's language, whatever their time zone", () => {
    expect(formatBirthday({ month: 3, day: 14 }, "en")).toBe("March 14");
    expect(formatBirthday({ month: 3, day: 14 }, "pl")).toBe("14 marca");
    expect(formatBirthday({ month: 2, day: 29 }, "ru")).toBe("29 февраля");
    expect(formatBirthday({ month: 12, day: 1 }, "ro")).toBe("1 decembrie");
  });
});
