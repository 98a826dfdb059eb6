// Property: a member's tier kept incrementally (each activity applied as it arrives, the scheduled job catching up on
// period ends at arbitrary moments, a rules edit re-evaluating from history) equals the tier recomputed from scratch,
// and no tier's entry reward is ever granted twice.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  advanceTierState,
  applyTierActivity,
  emptyTierState,
  evaluateTierHistory,
  reevaluateTierState,
  TIER_MEASURES,
  TIER_PERIODS,
  type EntryReward,
  type TierActivity,
  type TierRules,
  type TierState,
} from "../../../app/rules/tiers";

const ZONES = ["UTC", "Pacific/Kiritimati", "America/Los_Angeles", "Pacific/Pago_Pago", "Asia/Kathmandu"];
const START = Date.parse("2024-01-01T00:00:00Z");
const SPAN = 4 * 366 * 24 * 3600 * 1000;
const IDS = ["t1", "t2", "t3", "t4", "t5"];

const rulesArb: fc.Arbitrary<TierRules> = fc
  .record({
    measure: fc.constantFrom(...TIER_MEASURES),
    period: fc.constantFrom(...TIER_PERIODS),
    graceDays: fc.constantFrom(0, 0, 1, 30, 90),
    ids: fc.shuffledSubarray(IDS, { minLength: 1, maxLength: 5 }),
    steps: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 5, maxLength: 5 }),
    base: fc.constantFrom(0, 1, 5),
    rewards: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 5, maxLength: 5 }),
  })
  .map(({ measure, period, graceDays, ids, steps, base, rewards }) => {
    let threshold = base;
    return {
      measure,
      period,
      graceDays,
      tiers: ids.map((id, i) => {
        const tier = { id, names: { en: id }, threshold, multiplierPercent: 100, entryRewardPoints: rewards[i]! * 10, freeShipping: false, birthdayMultiplierPercent: 100 };
        threshold += steps[i]!;
        return tier;
      }),
    };
  });

/** Orders and their later refunds/cancellations, in arrival order. */
const historyArb: fc.Arbitrary<TierActivity[]> = fc
  .array(
    fc.record({
      paid: fc.integer({ min: 0, max: SPAN }),
      amount: fc.integer({ min: 1, max: 30 }),
      refund: fc.option(fc.record({ after: fc.integer({ min: 0, max: 400 * 24 * 3600 * 1000 }), share: fc.integer({ min: 1, max: 30 }), cancel: fc.boolean() })),
    }),
    { maxLength: 25 },
  )
  .map((orders) => {
    const out: TierActivity[] = [];
    for (const o of orders) {
      const paidAt = START + o.paid;
      out.push({ at: paidAt, countsAt: paidAt, points: o.amount, moneyMinor: o.amount * 100, orders: 1 });
      if (o.refund) {
        const refunded = Math.min(o.amount, o.refund.share);
        out.push({ at: paidAt + o.refund.after, countsAt: paidAt, points: -refunded, moneyMinor: -refunded * 100, orders: o.refund.cancel ? -1 : 0 });
      }
    }
    return out.sort((a, b) => a.at - b.at);
  });

type Run = { state: TierState; rewards: EntryReward[] };

/** Applies activities one by one, letting the job run at the given moments in between. */
function incremental(run: Run, rules: TierRules, zone: string, activities: TierActivity[], jobRuns: number[]): Run {
  let { state } = run;
  const rewards = [...run.rewards];
  const jobs = [...jobRuns].sort((a, b) => a - b);
  for (const activity of activities) {
    while (jobs.length > 0 && jobs[0]! <= activity.at) {
      const job = advanceTierState(state, rules, zone, jobs.shift()!);
      state = job.state;
      rewards.push(...job.rewards);
    }
    const step = applyTierActivity(state, rules, zone, activity);
    state = step.state;
    rewards.push(...step.rewards);
  }
  return { state, rewards };
}

const jobRunsArb = fc.array(fc.integer({ min: 0, max: SPAN + 400 * 24 * 3600 * 1000 }).map((ms) => START + ms), { maxLength: 15 });

function expectRewardsOnce(rewards: EntryReward[]) {
  const tiers = rewards.map((reward) => reward.tierId);
  expect(new Set(tiers).size).toBe(tiers.length);
}

describe("tier evaluation properties", () => {
  it("incremental (with the job running at any moments) equals recomputed from scratch; entry rewards at most once", () => {
    fc.assert(
      fc.property(rulesArb, historyArb, jobRunsArb, fc.constantFrom(...ZONES), (rules, history, jobRuns, zone) => {
        const until = START + SPAN + 2 * 366 * 24 * 3600 * 1000;
        const inc = incremental({ state: emptyTierState(), rewards: [] }, rules, zone, history, jobRuns);
        const end = advanceTierState(inc.state, rules, zone, until);
        const scratch = evaluateTierHistory(rules, zone, history, until);
        expect(end.state).toEqual(scratch.state);
        const rewards = [...inc.rewards, ...end.rewards];
        expect(rewards).toEqual(scratch.rewards);
        expectRewardsOnce(rewards);
      }),
      { numRuns: 300 },
    );
  });

  it("after a rules edit, the tier equals the one recomputed under the new rules once a period end (and grace) has passed", () => {
    fc.assert(
      fc.property(rulesArb, rulesArb, historyArb, historyArb, jobRunsArb, fc.constantFrom(...ZONES), (before, after, early, late, jobRuns, zone) => {
        const editAt = START + SPAN / 2;
        const h1 = early.filter((a) => a.at < editAt);
        const h2 = late.filter((a) => a.at >= editAt);
        const first = incremental({ state: emptyTierState(), rewards: [] }, before, zone, h1, jobRuns.filter((t) => t < editAt));
        const caughtUp = advanceTierState(first.state, before, zone, editAt);
        const edit = reevaluateTierState(caughtUp.state, after, zone, h1, editAt);
        // Never lower at once (unless the member's tier was deleted).
        const rankOf = (id: string | null) => (id === null ? -1 : after.tiers.findIndex((t) => t.id === id));
        if (edit.move !== "tier_deleted") expect(rankOf(edit.state.tierId)).toBeGreaterThanOrEqual(rankOf(caughtUp.state.tierId));
        const second = incremental({ state: edit.state, rewards: [...first.rewards, ...caughtUp.rewards, ...edit.rewards] }, after, zone, h2, jobRuns.filter((t) => t >= editAt));
        // Two years and grace after the last activity: every deferred downgrade has been decided.
        const until = Math.max(editAt, ...h2.map((a) => a.at)) + 3 * 366 * 24 * 3600 * 1000;
        const end = advanceTierState(second.state, after, zone, until);
        const scratch = evaluateTierHistory(after, zone, [...h1, ...h2], until);
        expect(end.state.tierId).toBe(scratch.state.tierId);
        expectRewardsOnce([...second.rewards, ...end.rewards]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("shop-local months", () => {
  it("monthIndexAt (from cached month starts) equals the local month luxon reads for the instant", async () => {
    const { DateTime } = await import("luxon");
    const { monthIndexAt } = await import("../../../app/rules/tier-periods");
    fc.assert(
      fc.property(fc.integer({ min: Date.parse("1990-01-01T00:00:00Z"), max: Date.parse("2060-01-01T00:00:00Z") }), fc.constantFrom(...ZONES, "Australia/Lord_Howe", "America/Santiago"), (ms, zone) => {
        const local = DateTime.fromMillis(ms, { zone });
        expect(monthIndexAt(ms, zone)).toBe(local.year * 12 + local.month - 1);
      }),
      { numRuns: 2000 },
    );
  });
});
