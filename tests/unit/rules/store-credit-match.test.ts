import { describe, expect, it } from "vitest";
import { CREDIT_WINDOW_MS, matchStoreCredit } from "../../../app/rules/store-credit-match";

const at = new Date("2026-12-01T10:00:00Z");
const reservation = { valueMinor: 300, currency: "USD", createdAt: at };
const credit = (id: string, offsetMs: number, amountMinor = 300, currency = "USD") => ({
  id,
  amountMinor,
  currency,
  createdAt: new Date(at.getTime() + offsetMs),
});

describe("which store credit answers a reservation", () => {
  it("takes the earliest unclaimed credit of the exact amount and currency made in the window", () => {
    const credits = [credit("late", 5 * 60_000), credit("early", 2_000), credit("other-amount", 1_000, 301), credit("eur", 1_000, 300, "EUR")];
    expect(matchStoreCredit(reservation, credits, new Set())?.id).toBe("early");
    expect(matchStoreCredit(reservation, credits, new Set(["early"]))?.id).toBe("late");
    expect(matchStoreCredit(reservation, credits, new Set(["early", "late"]))).toBeNull();
  });

  it("ignores credits long before the reservation or after the window, and allows a minute of clock skew", () => {
    expect(matchStoreCredit(reservation, [credit("before", -5 * 60_000)], new Set())).toBeNull();
    expect(matchStoreCredit(reservation, [credit("after", CREDIT_WINDOW_MS + 1)], new Set())).toBeNull();
    expect(matchStoreCredit(reservation, [credit("skew", -30_000)], new Set())?.id).toBe("skew");
  });
});
