import { describe, expect, it } from "vitest";
import {
  advanceTierState,
  applyTierActivity,
  assignTier,
  emptyTierState,
  evaluateTierHistory,
  formatMultiplier,
  multiplyPoints,
  parseMultiplier,
  reevaluateTierState,
  tierAllows,
  tierStanding,
  validateTierForm,
  type TierActivity,
  type TierDefinition,
  type TierFormTier,
  type TierRules,
} from "../../../app/rules/tiers";
import { localDateStart, localDaysLater, monthIndexAt, monthStart } from "../../../app/rules/tier-periods";

const at = (iso: string) => Date.parse(iso);

function tier(id: string, threshold: number, overrides: Partial<TierDefinition> = {}): TierDefinition {
  return { id, names: { en: id }, threshold, multiplierPercent: 100, entryRewardPoints: 0, freeShipping: false, birthdayMultiplierPercent: 100, ...overrides };
}

function rules(overrides: Partial<TierRules> = {}): TierRules {
  return {
    measure: "money_spent",
    period: "calendar_year",
    graceDays: 0,
    tiers: [tier("bronze", 0), tier("silver", 10_000, { entryRewardPoints: 50 }), tier("gold", 50_000, { entryRewardPoints: 200 })],
    ...overrides,
  };
}

/** An order paid at `when` for `money` minor units (and as many points), applied when it was paid. */
function order(when: string, money: number): TierActivity {
  return { at: at(when), countsAt: at(when), points: money, moneyMinor: money, orders: 1 };
}

function refund(when: string, ofOrderPaid: string, money: number): TierActivity {
  return { at: at(when), countsAt: at(ofOrderPaid), points: -money, moneyMinor: -money, orders: 0 };
}

function formTier(overrides: Partial<TierFormTier> = {}): TierFormTier {
  return { id: "", position: "1", names: { en: "Silver" }, threshold: "100", multiplier: "1.25", entryReward: "50", freeShipping: false, birthdayMultiplier: "1", ...overrides };
}

describe("tier form validation", () => {
  const form = (tiers: TierFormTier[], extra: Partial<{ measure: string; period: string; graceDays: string }> = {}) => ({
    measure: "money_spent",
    period: "calendar_year",
    graceDays: "0",
    tiers,
    ...extra,
  });

  it("GIVEN tiers in position order with increasing thresholds THEN they are saved lowest first, money in minor units", () => {
    const result = validateTierForm(
      form([formTier({ id: "b", position: "2", names: { en: "Gold" }, threshold: "500.00" }), formTier({ id: "a", position: "1", threshold: "100" })]),
      "USD",
    );
    expect(result).toEqual({
      ok: true,
      rules: expect.objectContaining({
        tiers: [
          expect.objectContaining({ id: "a", threshold: 10_000, multiplierPercent: 125, entryRewardPoints: 50 }),
          expect.objectContaining({ id: "b", threshold: 50_000, names: { en: "Gold" } }),
        ],
      }),
    });
  });

  it("refuses a threshold that does not increase in position order, on that tier's field", () => {
    const result = validateTierForm(
      form([formTier({ position: "1", threshold: "200" }), formTier({ position: "2", names: { en: "Gold" }, threshold: "200" })]),
      "USD",
    );
    expect(result).toEqual({ ok: false, issues: [{ field: "tiers.1.threshold", code: "not_increasing" }] });
  });

  it("refuses duplicate names per language (case-insensitive), duplicate positions and a missing English name", () => {
    const result = validateTierForm(
      form([
        formTier({ position: "1", threshold: "1", names: { en: "Silver", pl: "Srebro" } }),
        formTier({ position: "1", threshold: "2", names: { en: "silver ", pl: "Złoto" } }),
        formTier({ position: "3", threshold: "3", names: { en: "", pl: "srebro" } }),
      ]),
      "USD",
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toEqual(
      expect.arrayContaining([
        { field: "tiers.2.names.en", code: "required" },
        { field: "tiers.1.position", code: "duplicate" },
        { field: "tiers.1.names.en", code: "duplicate" },
        { field: "tiers.2.names.pl", code: "duplicate" },
      ]),
    );
  });

  it("refuses a multiplier outside 1–10 or with more than two decimals, and more than 10 tiers", () => {
    for (const multiplier of ["0.99", "10.01", "1.255", "abc", "-1"]) {
      const result = validateTierForm(form([formTier({ multiplier })]), "USD");
      expect(result, multiplier).toEqual({ ok: false, issues: [{ field: "tiers.0.multiplier", code: "out_of_range" }] });
    }
    expect(validateTierForm(form([formTier({ multiplier: "10" })]), "USD").ok).toBe(true);
    const eleven = Array.from({ length: 11 }, (_, i) => formTier({ position: String(i + 1), names: { en: `T${i}` }, threshold: String(i) }));
    expect(validateTierForm(form(eleven), "USD")).toEqual({ ok: false, issues: [{ field: "tiers", code: "too_many" }] });
  });

  it("refuses money thresholds with more decimals than the currency has, and an unknown measure or period", () => {
    expect(validateTierForm(form([formTier({ threshold: "100.5" })]), "JPY")).toEqual({ ok: false, issues: [{ field: "tiers.0.threshold", code: "invalid" }] });
    expect(validateTierForm(form([formTier()], { measure: "likes", period: "weekly" }), "USD")).toEqual({
      ok: false,
      issues: [
        { field: "measure", code: "invalid" },
        { field: "period", code: "invalid" },
      ],
    });
  });
});

describe("multiplier", () => {
  it("parses two decimals exactly and rounds earned points down", () => {
    expect(parseMultiplier("1.25")).toBe(125);
    expect(parseMultiplier("2")).toBe(200);
    expect(parseMultiplier("1.5")).toBe(150);
    expect(formatMultiplier(125)).toBe("1.25");
    expect(formatMultiplier(150)).toBe("1.5");
    expect(multiplyPoints(7, 125)).toBe(8); // 8.75 → 8
    expect(multiplyPoints(0, 300)).toBe(0);
    expect(multiplyPoints(9_007_199_254_740, 1000)).toBe(90_071_992_547_400);
  });
});

describe("periods in the shop's time zone", () => {
  it("Pacific/Kiritimati (UTC+14): an order paid at 10:30 UTC on 31 December counts in the next local year", () => {
    const zone = "Pacific/Kiritimati";
    const calendar = rules({ tiers: [tier("silver", 10_000)] });
    const lateDec = order("2026-12-31T09:30:00Z", 6_000); // 23:30 local, 31 Dec 2026
    const newYear = order("2026-12-31T10:30:00Z", 6_000); // 00:30 local, 1 Jan 2027
    expect(monthIndexAt(lateDec.at, zone)).toBe(2026 * 12 + 11);
    expect(monthIndexAt(newYear.at, zone)).toBe(2027 * 12);
    expect(evaluateTierHistory(calendar, zone, [lateDec, newYear], newYear.at).state.tierId).toBeNull();
    // The same two orders in a UTC shop are both in 2026.
    expect(evaluateTierHistory(calendar, "UTC", [lateDec, newYear], newYear.at).state.tierId).toBe("silver");
    expect(monthStart(2027 * 12, zone)).toBe(at("2026-12-31T10:00:00Z"));
  });

  it("America/Los_Angeles: a grace period across the spring DST change ends at local midnight (PDT)", () => {
    const zone = "America/Los_Angeles";
    const graced = rules({ graceDays: 90 });
    const history = [order("2026-06-01T12:00:00Z", 20_000)];
    // Silver earned in 2026 is kept through 2027; at the start of 2028 it would go (nothing in 2027), after 90 days.
    const endOf2027 = evaluateTierHistory(graced, zone, history, at("2028-01-01T07:59:00Z")).state;
    expect(endOf2027.tierId).toBe("silver");
    const newYear = evaluateTierHistory(graced, zone, history, at("2028-01-01T08:00:00Z")).state;
    expect(newYear.tierId).toBe("silver");
    // 1 Jan 2028 00:00 PST + 90 local days = 31 March 2028 00:00 PDT = 07:00 UTC (DST began on 12 March).
    expect(newYear.graceUntil).toBe(at("2028-03-31T07:00:00Z"));
    expect(evaluateTierHistory(graced, zone, history, at("2028-03-31T06:59:59Z")).state.tierId).toBe("silver");
    const after = evaluateTierHistory(graced, zone, history, at("2028-03-31T07:00:00Z"));
    expect(after.state.tierId).toBe("bronze");
    expect(after.changes.at(-1)).toEqual({ from: "silver", to: "bronze", at: at("2028-03-31T07:00:00Z"), cause: "grace_end" });
  });

  it("America/Los_Angeles: month boundaries on either side of DST are local midnights", () => {
    const zone = "America/Los_Angeles";
    expect(monthStart(2026 * 12 + 2, zone)).toBe(at("2026-03-01T08:00:00Z")); // PST
    expect(monthStart(2026 * 12 + 3, zone)).toBe(at("2026-04-01T07:00:00Z")); // PDT
    expect(monthStart(2026 * 12 + 10, zone)).toBe(at("2026-11-01T07:00:00Z")); // PDT until 1 Nov 02:00
    expect(monthStart(2026 * 12 + 11, zone)).toBe(at("2026-12-01T08:00:00Z")); // PST
  });

  it("leap day: an order late on 29 February (local) counts in February, and leaves a rolling window with it", () => {
    const zone = "America/Los_Angeles";
    const rolling = rules({ period: "rolling_12_months" });
    const leap = order("2028-03-01T07:30:00Z", 20_000); // 23:30 on 29 Feb 2028, Los Angeles
    expect(monthIndexAt(leap.at, zone)).toBe(2028 * 12 + 1);
    expect(evaluateTierHistory(rolling, zone, [leap], at("2029-03-01T07:59:59Z")).state.tierId).toBe("silver");
    const dropped = evaluateTierHistory(rolling, zone, [leap], at("2029-03-01T08:00:00Z"));
    expect(dropped.state.tierId).toBe("bronze");
    expect(dropped.changes.at(-1)).toEqual({ from: "silver", to: "bronze", at: at("2029-03-01T08:00:00Z"), cause: "period_end" });
  });

  it("leap day: local days are counted as the calendar has them", () => {
    const zone = "America/Los_Angeles";
    const feb28 = localDateStart("2028-02-28", zone)!;
    expect(localDaysLater(feb28, 1, zone)).toBe(localDateStart("2028-02-29", zone));
    expect(localDaysLater(feb28, 2, zone)).toBe(localDateStart("2028-03-01", zone));
    expect(localDateStart("2027-02-29", zone)).toBeNull();
    expect(localDateStart("2028-02-29", zone)).toBe(at("2028-02-29T08:00:00Z"));
  });
});

describe("moving between tiers", () => {
  const zone = "UTC";

  it("moves up at once, with each entry reward once; a refund never moves down at once, the period end does", () => {
    const r = rules();
    let state = emptyTierState();
    const first = applyTierActivity(state, r, zone, order("2026-02-01T00:00:00Z", 60_000));
    expect(first.state.tierId).toBe("gold");
    expect(first.rewards).toEqual([{ tierId: "gold", points: 200, at: at("2026-02-01T00:00:00Z") }]);
    state = first.state;
    const refunded = applyTierActivity(state, r, zone, refund("2026-02-10T00:00:00Z", "2026-02-01T00:00:00Z", 55_000));
    expect(refunded.state.tierId).toBe("gold");
    expect(refunded.changes).toEqual([]);
    // 2026 ended with 50.00 spent (bronze); 2027 has nothing yet.
    const newYear = advanceTierState(refunded.state, r, zone, at("2027-01-01T00:00:00Z"));
    expect(newYear.changes).toEqual([{ from: "gold", to: "bronze", at: at("2027-01-01T00:00:00Z"), cause: "period_end" }]);
    // Up again to gold in 2027: no second gold reward; silver's on the way up is not owed either (skipped over).
    const again = applyTierActivity(newYear.state, r, zone, order("2027-03-01T00:00:00Z", 60_000));
    expect(again.state.tierId).toBe("gold");
    expect(again.rewards).toEqual([]);
  });

  it("keeps a tier earned in a year through the next year", () => {
    const r = rules();
    const history = [order("2026-11-01T00:00:00Z", 20_000)];
    expect(evaluateTierHistory(r, zone, history, at("2027-12-31T23:59:59Z")).state.tierId).toBe("silver");
    expect(evaluateTierHistory(r, zone, history, at("2028-01-01T00:00:00Z")).state.tierId).toBe("bronze");
  });

  it("grace: qualifying again during the grace period keeps the tier for good", () => {
    const r = rules({ graceDays: 30 });
    const history = [order("2026-05-01T00:00:00Z", 20_000), order("2028-01-15T00:00:00Z", 10_000)];
    const result = evaluateTierHistory(r, zone, history, at("2028-06-01T00:00:00Z"));
    expect(result.state.tierId).toBe("silver");
    expect(result.state.graceUntil).toBeNull();
    expect(result.changes.map((c) => c.to)).toEqual(["silver"]);
  });

  it("lifetime progress never resets; orders placed counts cancellations out", () => {
    const r = rules({ measure: "orders_placed", period: "lifetime", tiers: [tier("regular", 3)] });
    const history: TierActivity[] = [order("2020-01-01T00:00:00Z", 1), order("2023-01-01T00:00:00Z", 1), { ...order("2026-01-01T00:00:00Z", 1) }];
    expect(evaluateTierHistory(r, zone, history, at("2030-01-01T00:00:00Z")).state.tierId).toBe("regular");
    const cancelled = [...history, { at: at("2026-01-02T00:00:00Z"), countsAt: at("2026-01-01T00:00:00Z"), points: -1, moneyMinor: -1, orders: -1 }];
    const result = evaluateTierHistory(r, zone, cancelled, at("2026-06-01T00:00:00Z"));
    expect(result.state.tierId).toBe("regular"); // not at once
    expect(evaluateTierHistory(r, zone, cancelled, at("2027-01-01T00:00:00Z")).state.tierId).toBeNull(); // at the year's end
  });

  it("staff assignment holds until its date, then the member gets what their progress qualifies for", () => {
    const r = rules();
    const base = evaluateTierHistory(r, zone, [order("2026-01-10T00:00:00Z", 20_000)], at("2026-02-01T00:00:00Z")).state;
    const held = assignTier(base, r, "gold", at("2026-03-01T00:00:00Z"), at("2026-02-01T00:00:00Z"));
    expect(held.state.tierId).toBe("gold");
    expect(held.changes).toEqual([{ from: "silver", to: "gold", at: at("2026-02-01T00:00:00Z"), cause: "manual" }]);
    expect(held.rewards).toEqual([]);
    const during = applyTierActivity(held.state, r, zone, refund("2026-02-10T00:00:00Z", "2026-01-10T00:00:00Z", 20_000));
    expect(during.state.tierId).toBe("gold");
    const ended = advanceTierState(during.state, r, zone, at("2026-03-01T00:00:00Z"));
    expect(ended.changes).toEqual([{ from: "gold", to: "bronze", at: at("2026-03-01T00:00:00Z"), cause: "hold_end" }]);
  });
});

describe("editing the rules", () => {
  const zone = "UTC";
  const history = [order("2026-03-01T00:00:00Z", 20_000)];
  const now = at("2026-06-01T00:00:00Z");

  it("a raised threshold keeps the member's tier until the next period end", () => {
    const before = evaluateTierHistory(rules(), zone, history, now).state;
    const raised = rules({ tiers: [tier("bronze", 0), tier("silver", 30_000), tier("gold", 50_000)] });
    const step = reevaluateTierState(before, raised, zone, history, now);
    expect(step.move).toBe("down_at_period_end");
    expect(step.state.tierId).toBe("silver");
    expect(advanceTierState(step.state, raised, zone, at("2027-01-01T00:00:00Z")).state.tierId).toBe("bronze");
  });

  it("a lowered threshold moves the member up at once with the entry reward, never a second time", () => {
    const before = evaluateTierHistory(rules(), zone, history, now);
    expect(before.rewards.map((r) => r.tierId)).toEqual(["silver"]);
    const lowered = rules({ tiers: [tier("bronze", 0), tier("silver", 10_000, { entryRewardPoints: 50 }), tier("gold", 15_000, { entryRewardPoints: 200 })] });
    const step = reevaluateTierState(before.state, lowered, zone, history, now);
    expect(step.move).toBe("up");
    expect(step.state.tierId).toBe("gold");
    expect(step.rewards).toEqual([{ tierId: "gold", points: 200, at: now }]);
    const twice = reevaluateTierState(step.state, lowered, zone, history, now);
    expect(twice.rewards).toEqual([]);
    expect(twice.move).toBe("same");
  });

  it("a deleted tier's members get their recomputed tier at once", () => {
    const before = evaluateTierHistory(rules(), zone, history, now).state;
    const withoutSilver = rules({ tiers: [tier("bronze", 0), tier("gold", 50_000)] });
    const step = reevaluateTierState(before, withoutSilver, zone, history, now);
    expect(step.move).toBe("tier_deleted");
    expect(step.state.tierId).toBe("bronze");
  });
});

describe("standing shown to the shopper", () => {
  it("says the next tier, what is still needed and when the period's progress stops counting (shop time)", () => {
    const zone = "America/Los_Angeles";
    const r = rules();
    const state = evaluateTierHistory(r, zone, [order("2026-03-01T20:00:00Z", 12_500)], at("2026-04-01T00:00:00Z")).state;
    const standing = tierStanding(state, r, zone, at("2026-04-01T00:00:00Z"));
    expect(standing.tier?.id).toBe("silver");
    expect(standing.next?.id).toBe("gold");
    expect(standing.progress).toBe(12_500);
    expect(standing.needed).toBe(37_500);
    expect(standing.periodEndsAt).toBe(at("2027-01-01T08:00:00Z"));
    const nobody = tierStanding(null, r, zone, at("2026-04-01T00:00:00Z"));
    expect(nobody.tier?.id).toBe("bronze");
    expect(nobody.needed).toBe(10_000);
  });

  it("rewards for a tier and above", () => {
    const r = rules();
    expect(tierAllows(r, "gold", "silver")).toBe(true);
    expect(tierAllows(r, "silver", "silver")).toBe(true);
    expect(tierAllows(r, "bronze", "silver")).toBe(false);
    expect(tierAllows(r, null, "silver")).toBe(false);
    expect(tierAllows(r, null, null)).toBe(true);
  });
});
