// The POS extension's view logic (extensions/shared/pos-view.ts): pure, so tested without POS.
import { describe, expect, it } from "vitest";
import { cartCodes, enrolProblem, posQuery, posRewardOptions, posSummary, removedCodes, subtotalMinor } from "../../../extensions/shared/pos-view";

const reward = (id: number, points: number, extra: Record<string, unknown> = {}) => ({
  id,
  type: "fixed_amount",
  title: `R${id}`,
  pointsCost: points,
  cheapestPoints: points,
  minimumSubtotalMinor: null as number | null,
  ...extra,
});

describe("the POS cart", () => {
  it("reads the subtotal as minor units without floating point", () => {
    expect(subtotalMinor("12.5")).toBe(1250);
    expect(subtotalMinor("0.07")).toBe(7);
    expect(subtotalMinor("19.99")).toBe(1999);
    expect(subtotalMinor("1000")).toBe(100000);
    expect(subtotalMinor(undefined)).toBe(null);
    expect(subtotalMinor("-3")).toBe(null);
  });

  it("finds which of our codes the cart no longer holds, whatever the case", () => {
    const applied = [
      { redemptionId: 1, code: "LOYAL-AAA", customerId: "7" },
      { redemptionId: 2, code: "LOYAL-BBB", customerId: "7" },
    ];
    const discounts = [{ type: "Code", discountDescription: "loyal-aaa" }, { type: "FixedAmount", discountDescription: "Staff discount" }];
    expect(cartCodes(discounts)).toEqual(["LOYAL-AAA", "STAFF DISCOUNT"]);
    expect(removedCodes(applied, discounts)).toEqual([applied[1]]);
    expect(removedCodes(applied, [])).toEqual(applied);
    expect(removedCodes(applied, undefined)).toEqual(applied);
    expect(removedCodes([], discounts)).toEqual([]);
  });
});

describe("posRewardOptions / posSummary", () => {
  const rewards = [reward(1, 100, { minimumSubtotalMinor: 5000 }), reward(2, 200), reward(3, 50, { type: "store_credit" }), reward(4, 80, { tierLocked: true }), reward(5, 900)];

  it("offers what online offers: minimum subtotal against the cart, not store credit, not a higher tier's reward", () => {
    const options = posRewardOptions(rewards, 300, "40.00");
    expect(options.map((o) => [o.reward.id, o.disabled])).toEqual([
      [2, null],
      [3, "not_a_code"],
      [1, "subtotal_too_low"],
      [5, "not_enough_points"],
    ]);
    expect(posRewardOptions(rewards, 300, "50.00").filter((o) => o.disabled === null).map((o) => o.reward.id)).toEqual([1, 2]);
  });

  it("summarises balance, pending, tier in the staff member's language, progress and the latest entries", () => {
    const entries = [1, 2, 3, 4].map((id) => ({ id, kind: "earn", availableDelta: id, pendingDelta: 0, reason: "Order", createdAt: "2026-11-01T00:00:00Z" }));
    const summary = posSummary(
      {
        availablePoints: 300,
        pendingPoints: 40,
        rewards,
        history: { entries },
        tier: { current: { names: { en: "Silver", pl: "Srebrny" } }, next: { names: { en: "Gold" } }, progress: 300, needed: 700, measure: "points_earned" },
      },
      "pl-PL",
      "60.00",
    );
    expect(summary).toEqual({
      availablePoints: 300,
      pendingPoints: 40,
      tierName: "Srebrny",
      nextTierName: "Gold",
      progress: { percent: 30, remaining: 700 },
      affordableCount: 2,
      recent: entries.slice(0, 3),
    });
    expect(posSummary({ availablePoints: 0, pendingPoints: 0, rewards: [], history: { entries: [] }, tier: null }, "en", undefined)).toMatchObject({ tierName: null, progress: null, affordableCount: 0 });
  });
});

describe("requests and forms", () => {
  it("says where the request comes from", () => {
    expect(posQuery({ locationId: 77, staffMemberId: 501 }, { customer: "9" })).toBe("?customer=9&location=77&staff=501");
    expect(posQuery({ locationId: 77 })).toBe("?location=77");
    expect(posQuery({})).toBe("");
  });
  it("checks the enrolment form's first wrong field", () => {
    expect(enrolProblem({ firstName: " ", email: "a@b.co" })).toBe("first_name_required");
    expect(enrolProblem({ firstName: "Ada", email: "ada@" })).toBe("email_invalid");
    expect(enrolProblem({ firstName: "Ada", email: "ada@example.com" })).toBe(null);
  });
});
