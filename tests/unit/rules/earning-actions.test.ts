import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  anniversaryDue,
  anniversaryJoinDates,
  birthdayDue,
  birthdayFirstYear,
  creditKey,
  decideCredit,
  defaultAction,
  isValidBirthday,
  parseCreditKey,
  periodOf,
  validateAction,
  type ActionDefinition,
  type ActionLimit,
  type PriorCredit,
} from "../../../app/rules/earning-actions";
import { localDate, localDayStart, shopZone, weekStart } from "../../../app/rules/local-calendar";

function action(overrides: Partial<ActionDefinition> = {}): ActionDefinition {
  return { ...defaultAction("quiz"), enabled: true, points: 50, ...overrides };
}

const perDay = (count: number): ActionLimit => ({ type: "per_period", count, period: "day" });

describe("shop-local calendar", () => {
  it("GIVEN zones far from UTC THEN one instant is three different local dates", () => {
    const at = new Date("2026-03-01T10:30:00Z");
    expect(localDate(at, "Pacific/Kiritimati")).toEqual({ year: 2026, month: 3, day: 2 }); // UTC+14
    expect(localDate(at, "Pacific/Pago_Pago")).toEqual({ year: 2026, month: 2, day: 28 }); // UTC−11
    expect(localDate(at, "UTC")).toEqual({ year: 2026, month: 3, day: 1 });
  });

  it("GIVEN New York's spring-forward day THEN it is 23 hours long and both ends are local midnights", () => {
    const start = localDayStart({ year: 2026, month: 3, day: 8 }, "America/New_York");
    const end = localDayStart({ year: 2026, month: 3, day: 9 }, "America/New_York");
    expect(start.toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(end.toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(23);
  });

  it("GIVEN an unknown or missing zone THEN UTC is used", () => {
    expect(shopZone("Mars/Olympus")).toBe("UTC");
    expect(shopZone(null)).toBe("UTC");
    expect(shopZone("Europe/Warsaw")).toBe("Europe/Warsaw");
  });

  it("weeks start on Monday, across a year's end", () => {
    expect(weekStart({ year: 2026, month: 1, day: 1 })).toEqual({ year: 2025, month: 12, day: 29 }); // a Thursday
    expect(weekStart({ year: 2026, month: 3, day: 8 })).toEqual({ year: 2026, month: 3, day: 2 }); // a Sunday
    expect(weekStart({ year: 2026, month: 3, day: 9 })).toEqual({ year: 2026, month: 3, day: 9 }); // a Monday
  });
});

describe("limits and periods", () => {
  it("names each limit's period", () => {
    const date = { year: 2026, month: 3, day: 8 };
    expect(periodOf({ type: "once" }, date)).toBe("ever");
    expect(periodOf({ type: "yearly" }, date)).toBe("Y2026");
    expect(periodOf(perDay(2), date)).toBe("D2026-03-08");
    expect(periodOf({ type: "per_period", count: 1, period: "week" }, date)).toBe("W2026-03-02");
    expect(periodOf({ type: "per_period", count: 1, period: "month" }, date)).toBe("M2026-03");
  });

  it("GIVEN once THEN the first credit is allowed and every later one refused", () => {
    const once = action({ limit: { type: "once" } });
    const first = decideCredit(once, [], new Date("2026-01-01T00:00:00Z"), "UTC");
    expect(first).toEqual({ allowed: true, period: "ever", slot: 1, points: 50 });
    expect(decideCredit(once, [{ period: "ever", slot: 1 }], new Date("2030-01-01T00:00:00Z"), "UTC")).toEqual({
      allowed: false,
      reason: "limit_reached",
    });
  });

  it("GIVEN 3 per day THEN slots 1–3 are handed out, then refused until the next local day", () => {
    const limited = action({ limit: perDay(3) });
    const now = new Date("2026-06-10T12:00:00Z");
    const prior: PriorCredit[] = [];
    for (let i = 1; i <= 3; i += 1) {
      const decision = decideCredit(limited, prior, now, "UTC");
      expect(decision).toMatchObject({ allowed: true, slot: i, period: "D2026-06-10" });
      if (decision.allowed) prior.push({ period: decision.period, slot: decision.slot });
    }
    expect(decideCredit(limited, prior, now, "UTC")).toEqual({ allowed: false, reason: "limit_reached" });
    expect(decideCredit(limited, prior, new Date("2026-06-11T00:00:00Z"), "UTC")).toMatchObject({ allowed: true, slot: 1 });
  });

  it("GIVEN a slot lost to a race THEN the next free slot is taken", () => {
    const limited = action({ limit: perDay(3) });
    const decision = decideCredit(limited, [{ period: "D2026-06-10", slot: 1 }, { period: "D2026-06-10", slot: 3 }], new Date("2026-06-10T08:00:00Z"), "UTC");
    expect(decision).toMatchObject({ allowed: true, slot: 2 });
  });

  it("GIVEN once a day in Kiritimati THEN 10:00 UTC is already the next local day there (not in UTC)", () => {
    const daily = action({ limit: perDay(1) });
    const prior = [{ period: "D2026-03-01", slot: 1 }];
    const at = new Date("2026-03-01T10:00:00Z");
    expect(decideCredit(daily, prior, at, "UTC")).toEqual({ allowed: false, reason: "limit_reached" });
    expect(decideCredit(daily, prior, at, "Pacific/Kiritimati")).toMatchObject({ allowed: true, period: "D2026-03-02" });
    expect(decideCredit(daily, [{ period: "D2026-02-28", slot: 1 }], at, "Pacific/Pago_Pago")).toEqual({ allowed: false, reason: "limit_reached" });
  });

  it("GIVEN once a day in New York across the DST change THEN the 23-hour and 25-hour days are one period each", () => {
    const daily = action({ limit: perDay(1) });
    const zone = "America/New_York";
    // 2026-03-08 (spring forward): 00:30 and 23:30 local are 22 hours apart and the same day.
    expect(periodOf(daily.limit, localDate(new Date("2026-03-08T05:30:00Z"), zone))).toBe("D2026-03-08");
    expect(periodOf(daily.limit, localDate(new Date("2026-03-09T03:30:00Z"), zone))).toBe("D2026-03-08");
    expect(periodOf(daily.limit, localDate(new Date("2026-03-09T04:00:00Z"), zone))).toBe("D2026-03-09");
    // 2026-11-01 (fall back): 23:59 local is 24 h 59 min after midnight, still the same day.
    expect(periodOf(daily.limit, localDate(new Date("2026-11-01T04:00:00Z"), zone))).toBe("D2026-11-01");
    expect(periodOf(daily.limit, localDate(new Date("2026-11-02T04:59:00Z"), zone))).toBe("D2026-11-01");
    expect(periodOf(daily.limit, localDate(new Date("2026-11-02T05:00:00Z"), zone))).toBe("D2026-11-02");
  });

  it("GIVEN a monthly limit THEN the month is the shop's (New Year's Eve in Tokyo is January)", () => {
    const monthly: ActionLimit = { type: "per_period", count: 2, period: "month" };
    expect(periodOf(monthly, localDate(new Date("2026-12-31T16:00:00Z"), "Asia/Tokyo"))).toBe("M2027-01");
    expect(periodOf(monthly, localDate(new Date("2026-12-31T16:00:00Z"), "America/Los_Angeles"))).toBe("M2026-12");
  });

  it("GIVEN a disabled action or 0 points THEN nothing is credited", () => {
    expect(decideCredit(action({ enabled: false }), [], new Date(), "UTC")).toEqual({ allowed: false, reason: "disabled" });
    expect(decideCredit(action({ points: 0 }), [], new Date(), "UTC")).toEqual({ allowed: false, reason: "disabled" });
  });

  it("GIVEN a review with a photo THEN the photo bonus is added (only for reviews)", () => {
    const review = { ...defaultAction("product_review"), enabled: true, points: 20, photoBonus: 30 };
    expect(decideCredit(review, [], new Date(), "UTC", { photo: true })).toMatchObject({ points: 50 });
    expect(decideCredit(review, [], new Date(), "UTC", { photo: false })).toMatchObject({ points: 20 });
    expect(decideCredit(action(), [], new Date(), "UTC", { photo: true })).toMatchObject({ points: 50 });
  });

  it("property: whatever the order of requests, a period never holds more credits than its limit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 0, max: 3 * 86_400_000 - 1 }), { maxLength: 30 }), (count, offsets) => {
        const limited = action({ limit: perDay(count) });
        const prior: PriorCredit[] = [];
        for (const offset of offsets) {
          const decision = decideCredit(limited, prior, new Date(Date.UTC(2026, 2, 7) + offset), "America/New_York");
          if (decision.allowed) prior.push({ period: decision.period, slot: decision.slot });
        }
        const perPeriod = new Map<string, number>();
        for (const credit of prior) perPeriod.set(credit.period, (perPeriod.get(credit.period) ?? 0) + 1);
        for (const n of perPeriod.values()) expect(n).toBeLessThanOrEqual(count);
        expect(new Set(prior.map((c) => `${c.period}/${c.slot}`)).size).toBe(prior.length);
      }),
    );
  });

  it("credit keys carry the period and slot and parse back", () => {
    const key = creditKey("product_review", "42", "7001", "ever", 1);
    expect(key).toBe("action:product_review:42:7001:ever:1");
    expect(parseCreditKey(key)).toEqual({ period: "ever", slot: 1 });
    expect(parseCreditKey(creditKey("quiz", "42", null, "D2026-03-08", 3))).toEqual({ period: "D2026-03-08", slot: 3 });
    expect(parseCreditKey("customer:42:signup")).toBeNull();
  });
});

describe("birthdays", () => {
  it("accepts real days and months, 29 February included", () => {
    expect(isValidBirthday(2, 29)).toBe(true);
    expect(isValidBirthday(2, 30)).toBe(false);
    expect(isValidBirthday(4, 31)).toBe(false);
    expect(isValidBirthday(13, 1)).toBe(false);
    expect(isValidBirthday(1.5, 1)).toBe(false);
  });

  it("GIVEN a birthday set fewer than 30 days ahead THEN it earns from next year; 30 or more ahead: this year", () => {
    const setAt = new Date("2026-03-01T12:00:00Z");
    expect(birthdayFirstYear(3, 10, setAt, "UTC", 30)).toBe(2027);
    expect(birthdayFirstYear(3, 31, setAt, "UTC", 30)).toBe(2026); // exactly 30 days ahead
    expect(birthdayFirstYear(3, 30, setAt, "UTC", 30)).toBe(2027); // 29 days
    expect(birthdayFirstYear(3, 1, setAt, "UTC", 30)).toBe(2027); // today
    expect(birthdayFirstYear(2, 1, setAt, "UTC", 30)).toBe(2027); // already passed: next year's, 337 days ahead
    expect(birthdayFirstYear(3, 10, setAt, "UTC", 0)).toBe(2026);
  });

  it("GIVEN the shop in Kiritimati THEN 'today' is the shop's date, not UTC's", () => {
    // 2026-03-09T12:00Z is already 10 March in Kiritimati: a 10 March birthday is 'today' there.
    const setAt = new Date("2026-03-09T12:00:00Z");
    expect(birthdayFirstYear(3, 10, setAt, "Pacific/Kiritimati", 1)).toBe(2027);
    expect(birthdayFirstYear(3, 10, setAt, "UTC", 1)).toBe(2026);
  });

  it("GIVEN 29 February THEN it is celebrated on 28 February in other years", () => {
    const birthday = { month: 2, day: 29, firstYear: 2026 };
    expect(birthdayDue(birthday, { year: 2027, month: 2, day: 28 })).toBe(true);
    expect(birthdayDue(birthday, { year: 2028, month: 2, day: 28 })).toBe(false);
    expect(birthdayDue(birthday, { year: 2028, month: 2, day: 29 })).toBe(true);
    expect(birthdayDue(birthday, { year: 2025, month: 2, day: 28 })).toBe(false); // before its first year
  });
});

describe("anniversaries", () => {
  it("is due from the first full year, on the joining day", () => {
    expect(anniversaryDue({ year: 2025, month: 6, day: 3 }, { year: 2026, month: 6, day: 3 })).toBe(true);
    expect(anniversaryDue({ year: 2026, month: 6, day: 3 }, { year: 2026, month: 6, day: 3 })).toBe(false);
    expect(anniversaryDue({ year: 2025, month: 6, day: 3 }, { year: 2026, month: 6, day: 4 })).toBe(false);
  });

  it("lists the joining dates whose anniversary is today, 29 February on 28 February of common years", () => {
    expect(anniversaryJoinDates({ year: 2027, month: 2, day: 28 }, 2024)).toEqual([
      { year: 2024, month: 2, day: 28 },
      { year: 2024, month: 2, day: 29 },
      { year: 2025, month: 2, day: 28 },
      { year: 2026, month: 2, day: 28 },
    ]);
    expect(anniversaryJoinDates({ year: 2028, month: 2, day: 28 }, 2027)).toEqual([{ year: 2027, month: 2, day: 28 }]);
  });
});

describe("validation", () => {
  it("GIVEN a valid custom action THEN no issues", () => {
    expect(validateAction(action({ limit: perDay(3) }))).toEqual([]);
  });

  it("lists every problem with its field", () => {
    const issues = validateAction(
      action({ key: "Bad Key", points: -1, limit: { type: "per_period", count: 0, period: "year" as never }, names: { en: "x".repeat(81) }, photoBonus: 5, leadDays: 400 }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        { field: "key", code: "invalid_key" },
        { field: "points", code: "invalid_points" },
        { field: "limitCount", code: "invalid_count" },
        { field: "limitPeriod", code: "invalid_period" },
        { field: "names.en", code: "name_too_long" },
        { field: "photoBonus", code: "photo_bonus_not_allowed" },
        { field: "leadDays", code: "invalid_lead_days" },
      ]),
    );
  });

  it("GIVEN a social action THEN it needs an http(s) link when on, and its limit is once", () => {
    const social = { ...defaultAction("social_instagram"), enabled: true, points: 10 };
    expect(validateAction(social)).toEqual([{ field: "url", code: "url_required" }]);
    expect(validateAction({ ...social, url: "javascript:alert(1)" })).toEqual([{ field: "url", code: "invalid_url" }]);
    expect(validateAction({ ...social, url: "https://instagram.com/shop" })).toEqual([]);
    expect(validateAction({ ...social, url: "https://instagram.com/shop", limit: perDay(1) })).toEqual([{ field: "limit", code: "limit_not_allowed" }]);
  });

  it("GIVEN a birthday THEN its limit is yearly and an enabled one needs points", () => {
    const birthday = { ...defaultAction("birthday"), enabled: true, points: 0 };
    expect(validateAction(birthday)).toEqual([{ field: "points", code: "points_required" }]);
    expect(validateAction({ ...birthday, points: 100, limit: { type: "once" } })).toEqual([{ field: "limit", code: "limit_not_allowed" }]);
  });
});
