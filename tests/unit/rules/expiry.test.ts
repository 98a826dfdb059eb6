import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { buildLots, dueExpiry, dueReminders, expiresAfterMonths, lotExpiries, pointsExpiringWithin, readExpiryPolicy, type LotEntry } from "../../../app/rules/expiry";

let nextId = 1;
const entry = (kind: string, availableDelta: number, createdAt: string, pendingDelta = 0): LotEntry => ({ id: nextId++, kind, availableDelta, pendingDelta, createdAt: new Date(createdAt) });
const longAgo = new Date("2000-01-01T00:00:00Z");

describe("expiry dates in the shop's time zone", () => {
  it("is good through the same day N months later, clamped to the month's end, across year ends", () => {
    expect(expiresAfterMonths(new Date("2026-12-15T10:00:00Z"), 1, "UTC").toISOString()).toBe("2027-01-16T00:00:00.000Z");
    expect(expiresAfterMonths(new Date("2027-03-31T10:00:00Z"), 1, "UTC").toISOString()).toBe("2027-05-01T00:00:00.000Z");
    expect(expiresAfterMonths(new Date("2027-12-31T23:30:00Z"), 12, "UTC").toISOString()).toBe("2029-01-01T00:00:00.000Z");
    // 29 February + 12 months → 28 February (the year has no 29th), expiring at the start of 1 March.
    expect(expiresAfterMonths(new Date("2028-02-29T12:00:00Z"), 12, "UTC").toISOString()).toBe("2029-03-01T00:00:00.000Z");
  });

  it("counts the local day: a late-evening order in Los Angeles is already the next day in UTC", () => {
    // 31 Dec 2026 20:00 in Los Angeles is 1 Jan 2027 04:00 UTC; the local day is 31 December.
    const at = new Date("2027-01-01T04:00:00Z");
    expect(expiresAfterMonths(at, 1, "America/Los_Angeles").toISOString()).toBe("2027-02-01T08:00:00.000Z");
    expect(expiresAfterMonths(at, 1, "UTC").toISOString()).toBe("2027-02-02T00:00:00.000Z");
  });

  it("expires at local midnight across DST changes (Europe/Warsaw, spring forward and fall back)", () => {
    // Earned 29 Feb 2028 (CET, +01:00), 1 month: good through 29 March (CEST, +02:00), expiring at its end.
    expect(expiresAfterMonths(new Date("2028-02-29T12:00:00Z"), 1, "Europe/Warsaw").toISOString()).toBe("2028-03-29T22:00:00.000Z");
    // Earned 30 Sep 2027 (CEST), 1 month: good through 30 October (still CEST; DST ends 31 Oct).
    expect(expiresAfterMonths(new Date("2027-09-30T12:00:00Z"), 1, "Europe/Warsaw").toISOString()).toBe("2027-10-30T22:00:00.000Z");
    expect(expiresAfterMonths(new Date("2027-10-01T12:00:00Z"), 1, "Europe/Warsaw").toISOString()).toBe("2027-11-01T23:00:00.000Z");
    // A far-from-UTC zone over the year end: 31 Dec 12:00 UTC is already 1 Jan 02:00 at UTC+14, so the points are
    // good through 1 February there and expire at its end (1 February 10:00 UTC).
    expect(expiresAfterMonths(new Date("2026-12-31T12:00:00Z"), 1, "Pacific/Kiritimati").toISOString()).toBe("2027-02-01T10:00:00.000Z");
  });
});

describe("lots", () => {
  it("consumes the oldest lots first and records which", () => {
    const earn1 = entry("release", 100, "2027-01-10T00:00:00Z");
    const earn2 = entry("release", 50, "2027-02-10T00:00:00Z");
    const spend = entry("redeem", -120, "2027-03-01T00:00:00Z");
    const state = buildLots([earn1, earn2, spend]);
    expect(state.lots).toEqual([{ entryId: earn2.id, points: 50, remaining: 30, availableAt: earn2.createdAt }]);
    expect(state.consumed.get(spend.id)).toEqual([[earn1.id, 100], [earn2.id, 20]]);
    expect(state.available).toBe(30);
  });

  it("keeps pending out of every lot, and a reversal beyond the lots leaves a debt the next points repay", () => {
    const state = buildLots([
      entry("earn_pending", 0, "2027-01-01T00:00:00Z", 500),
      entry("release", 100, "2027-01-15T00:00:00Z", -100),
      entry("reverse", -150, "2027-01-20T00:00:00Z"),
    ]);
    expect([state.available, state.debt, state.lots.length]).toEqual([-50, 50, 0]);
    const repaid = buildLots([...[entry("release", 100, "2027-01-15T00:00:00Z")], entry("reverse", -150, "2027-01-20T00:00:00Z"), entry("adjust", 80, "2027-01-25T00:00:00Z")]);
    expect([repaid.available, repaid.debt, repaid.lots.map((l) => l.remaining)]).toEqual([30, 0, [30]]);
  });
});

describe("policies", () => {
  const zone = "UTC";
  const entries = () => [entry("release", 100, "2027-01-10T12:00:00Z"), entry("release", 40, "2027-03-10T12:00:00Z")];

  it("per lot: each lot on its own date; none: nothing ever", () => {
    const state = buildLots(entries());
    const policy = readExpiryPolicy("per_lot", 6);
    expect(lotExpiries(state, policy, longAgo, zone).map((l) => [l.points, l.expiresAt.toISOString()])).toEqual([
      [100, "2027-07-11T00:00:00.000Z"],
      [40, "2027-09-11T00:00:00.000Z"],
    ]);
    expect(dueExpiry(state, policy, longAgo, zone, new Date("2027-08-01T00:00:00Z"))).toMatchObject({ points: 100 });
    expect(dueExpiry(state, readExpiryPolicy("none", 6), longAgo, zone, new Date("2099-01-01T00:00:00Z")).points).toBe(0);
    expect(readExpiryPolicy("per_lot", 0)).toEqual({ kind: "none" });
  });

  it("inactivity: everything N months after the last earning or redemption", () => {
    const state = buildLots([...entries(), entry("redeem", -10, "2027-05-01T09:00:00Z")]);
    const policy = readExpiryPolicy("inactivity", 3);
    expect(dueExpiry(state, policy, longAgo, zone, new Date("2027-08-01T23:59:59Z")).points).toBe(0);
    expect(dueExpiry(state, policy, longAgo, zone, new Date("2027-08-02T00:00:00Z")).points).toBe(130);
  });

  it("never expires anything sooner than 30 days after the policy was set or changed", () => {
    const state = buildLots(entries());
    const changedAt = new Date("2028-01-01T00:00:00Z");
    const policy = readExpiryPolicy("per_lot", 6);
    expect(dueExpiry(state, policy, changedAt, zone, new Date("2028-01-30T23:00:00Z")).points).toBe(0);
    expect(dueExpiry(state, policy, changedAt, zone, new Date("2028-01-31T00:00:00Z")).points).toBe(140);
    // The preview the admin shows before saving: nothing in the next 30 days, everything within 90.
    expect(pointsExpiringWithin(state, policy, changedAt, zone, changedAt, 29)).toBe(0);
    expect(pointsExpiringWithin(state, policy, changedAt, zone, changedAt, 90)).toBe(140);
  });

  it("reminds 30 and 7 days before, with the last day to use the points", () => {
    const state = buildLots(entries());
    const policy = readExpiryPolicy("per_lot", 6);
    expect(dueReminders(state, policy, longAgo, zone, new Date("2027-06-01T00:00:00Z"))).toEqual([]);
    expect(dueReminders(state, policy, longAgo, zone, new Date("2027-06-12T00:00:00Z"))).toMatchObject([{ lead: 30, points: 100, lastDay: "2027-07-10" }]);
    expect(dueReminders(state, policy, longAgo, zone, new Date("2027-07-05T00:00:00Z"))).toMatchObject([{ lead: 7, points: 100 }]);
  });
});

// Random earn / release / redeem / refund / adjust / expire sequences: the lots always add up to the balance, the
// expiry job's take never exceeds what is there, and pending points are never part of an expiry.
describe("property: available = sum(open lots) − debt, pending never expires", () => {
  type Op = { kind: "earn_pending" | "release" | "redeem" | "reverse" | "adjust" | "expire"; points: number; days: number };
  const op = fc.record({ kind: fc.constantFrom("earn_pending", "release", "redeem", "reverse", "adjust", "expire"), points: fc.integer({ min: 1, max: 500 }), days: fc.integer({ min: 0, max: 90 }) }) as fc.Arbitrary<Op>;

  it("holds after every entry", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.constantFrom("per_lot", "inactivity"), fc.integer({ min: 1, max: 12 }), (ops, kind, months) => {
        const policy = readExpiryPolicy(kind, months);
        const entries: LotEntry[] = [];
        let at = new Date("2026-12-30T12:00:00Z").getTime();
        let pending = 0;
        let id = 0;
        for (const o of ops) {
          at += o.days * 24 * 3600_000;
          const now = new Date(at);
          const state = buildLots(entries);
          let delta = 0;
          let pendingDelta = 0;
          if (o.kind === "earn_pending") pendingDelta = o.points;
          if (o.kind === "release") {
            delta = Math.min(o.points, pending);
            pendingDelta = -delta;
          }
          if (o.kind === "redeem") delta = -Math.min(o.points, Math.max(0, state.available));
          if (o.kind === "reverse") delta = -o.points;
          if (o.kind === "adjust") delta = o.points;
          if (o.kind === "expire") {
            const due = dueExpiry(state, policy, new Date("2000-01-01T00:00:00Z"), "Europe/Warsaw", now);
            expect(due.points).toBeLessThanOrEqual(Math.max(0, state.available));
            delta = -due.points;
          }
          if (delta === 0 && pendingDelta === 0) continue;
          pending += pendingDelta;
          entries.push({ id: ++id, kind: o.kind, availableDelta: delta, pendingDelta, createdAt: now });
          const after = buildLots(entries);
          const sumLots = after.lots.reduce((sum, lot) => sum + lot.remaining, 0);
          expect(after.available).toBe(sumLots - after.debt);
          expect(after.debt === 0 || after.lots.length === 0).toBe(true);
          // Expiry only ever takes points that are in open lots, never pending ones.
          expect(pending).toBe(entries.reduce((sum, e) => sum + e.pendingDelta, 0));
          if (o.kind === "expire") expect(pendingDelta).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
