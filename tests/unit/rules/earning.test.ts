import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  earnForOrder,
  pointsToReverseForRefund,
  shippingPointsToReverse,
} from "../../../app/rules/earning";
import { currencyExponent, formatMinorUnits, MoneyFormatError, toMinorUnits } from "../../../app/rules/money";
import type { PaidOrder, PaidOrderLine } from "../../../app/rules/order-events";
import { DEFAULT_PROGRAM_SETTINGS, type ProgramSettings } from "../../../app/rules/program-settings";
import { parsePaidOrder, parseRefund } from "../../../app/shopify/order-payloads";
import orderFixture from "../../fixtures/shopify/order-2026-07.json";
import refundFixture from "../../fixtures/shopify/refund-2026-07.json";

function settings(overrides: Partial<ProgramSettings> = {}): ProgramSettings {
  return { ...DEFAULT_PROGRAM_SETTINGS, ...overrides };
}

function line(overrides: Partial<PaidOrderLine> = {}): PaidOrderLine {
  return {
    lineItemId: "1",
    productId: "100",
    quantity: 1,
    giftCard: false,
    grossAmount: 10_000,
    discountAmount: 0,
    taxAmount: 0,
    ...overrides,
  };
}

function order(overrides: Partial<PaidOrder> = {}): PaidOrder {
  return {
    orderId: "9",
    customer: { customerId: "7", email: "a@example.com", firstName: "A", lastName: "B" },
    currency: "USD",
    taxesIncluded: false,
    lines: [line()],
    shipping: { netAmount: 0, taxAmount: 0 },
    paidAt: new Date("2026-07-01T00:00:00Z"),
    discountCodes: [],
    ...overrides,
  };
}

describe("earnForOrder", () => {
  it("GIVEN the fixture order WHEN earned with defaults THEN each line earns its net dollars, rounded down", () => {
    // Three iPods at $199.00, a $10.00 code split 3.34 / 3.33 / 3.33, 6% tax added on top (not counted by
    // default), free shipping (not counted). Lines: 199.00 − 3.34 = 195.66 → 195; 199.00 − 3.33 = 195.67 → 195
    // twice. Total 585.
    const earning = earnForOrder(parsePaidOrder(orderFixture), settings());

    expect(earning).toEqual({
      lines: [
        { lineItemId: "466157049", quantity: 1, points: 195 },
        { lineItemId: "518995019", quantity: 1, points: 195 },
        { lineItemId: "703073504", quantity: 1, points: 195 },
      ],
      shippingPoints: 0,
      bonuses: [],
      totalPoints: 585,
    });
  });

  it("GIVEN the fixture order WHEN taxes count THEN the $3.98 added tax per line is earned on too", () => {
    // 195.66 + 3.98 = 199.64 → 199; 195.67 + 3.98 = 199.65 → 199 (twice). Total 597.
    expect(earnForOrder(parsePaidOrder(orderFixture), settings({ includeTaxes: true })).totalPoints).toBe(597);
  });

  it("GIVEN the fixture order WHEN 3 points per dollar THEN the fraction is dropped per line after multiplying", () => {
    // 195.66 × 3 = 586.98 → 586; 195.67 × 3 = 587.01 → 587 (twice). Total 1760, not 3 × 585.
    const earning = earnForOrder(parsePaidOrder(orderFixture), settings({ pointsPerUnit: 3 }));
    expect(earning.lines.map((l) => l.points)).toEqual([586, 587, 587]);
    expect(earning.totalPoints).toBe(1760);
  });

  it("GIVEN 0 points per unit WHEN earned THEN nothing is earned but every line is still listed", () => {
    const earning = earnForOrder(
      order({ lines: [line(), line({ lineItemId: "2" })], shipping: { netAmount: 500, taxAmount: 0 } }),
      settings({ pointsPerUnit: 0, includeShipping: true }),
    );
    expect(earning).toEqual({
      lines: [
        { lineItemId: "1", quantity: 1, points: 0 },
        { lineItemId: "2", quantity: 1, points: 0 },
      ],
      shippingPoints: 0,
      bonuses: [],
      totalPoints: 0,
    });
  });

  it("GIVEN a line with a line-level and an order-level discount THEN both come off before earning", () => {
    // $100.00 − $15.00 (line code) − $2.50 (its share of an order discount) = $82.50 → 82.
    const earning = earnForOrder(order({ lines: [line({ discountAmount: 1_500 + 250 })] }), settings());
    expect(earning.lines[0]?.points).toBe(82);
  });

  it("GIVEN discounts larger than the price WHEN earned THEN the line earns 0, never negative points", () => {
    const earning = earnForOrder(
      order({ lines: [line({ grossAmount: 500, discountAmount: 800 }), line({ lineItemId: "2" })] }),
      settings(),
    );
    expect(earning.lines.map((l) => l.points)).toEqual([0, 100]);
    expect(earning.totalPoints).toBe(100);
  });

  it("GIVEN two lines of $0.99 THEN each rounds down to 0: fractions are not pooled across lines", () => {
    const earning = earnForOrder(
      order({ lines: [line({ grossAmount: 99 }), line({ lineItemId: "2", grossAmount: 99 })] }),
      settings(),
    );
    expect(earning.totalPoints).toBe(0);
  });

  describe("shipping", () => {
    const withShipping = order({ shipping: { netAmount: 1_050, taxAmount: 84 } });

    it("GIVEN shipping is not counted THEN shipping earns 0", () => {
      const earning = earnForOrder(withShipping, settings({ includeShipping: false }));
      expect(earning.shippingPoints).toBe(0);
      expect(earning.totalPoints).toBe(100);
    });

    it("GIVEN shipping is counted THEN its net amount earns, rounded down once", () => {
      const earning = earnForOrder(withShipping, settings({ includeShipping: true }));
      expect(earning.shippingPoints).toBe(10); // $10.50
      expect(earning.totalPoints).toBe(110);
    });

    it("GIVEN shipping and taxes are counted on a tax-exclusive order THEN shipping tax earns too", () => {
      const earning = earnForOrder(withShipping, settings({ includeShipping: true, includeTaxes: true }));
      expect(earning.shippingPoints).toBe(11); // $10.50 + $0.84
    });

    it("GIVEN tax-inclusive shipping and taxes not counted THEN the tax comes out of shipping", () => {
      const inclusive = order({ taxesIncluded: true, lines: [], shipping: { netAmount: 1_200, taxAmount: 200 } });
      expect(earnForOrder(inclusive, settings({ includeShipping: true })).shippingPoints).toBe(10);
      expect(earnForOrder(inclusive, settings({ includeShipping: true, includeTaxes: true })).shippingPoints).toBe(12);
    });
  });

  describe("taxes", () => {
    // $120.00 of which $20.00 is VAT, versus $100.00 plus $20.00 sales tax.
    const inclusive = order({ taxesIncluded: true, lines: [line({ grossAmount: 12_000, taxAmount: 2_000 })] });
    const exclusive = order({ taxesIncluded: false, lines: [line({ grossAmount: 10_000, taxAmount: 2_000 })] });

    it("GIVEN prices include tax WHEN taxes do not count THEN the tax is taken out", () => {
      expect(earnForOrder(inclusive, settings({ includeTaxes: false })).totalPoints).toBe(100);
    });

    it("GIVEN prices include tax WHEN taxes count THEN the price is earned on as it is", () => {
      expect(earnForOrder(inclusive, settings({ includeTaxes: true })).totalPoints).toBe(120);
    });

    it("GIVEN prices exclude tax WHEN taxes do not count THEN the price is earned on as it is", () => {
      expect(earnForOrder(exclusive, settings({ includeTaxes: false })).totalPoints).toBe(100);
    });

    it("GIVEN prices exclude tax WHEN taxes count THEN the tax is added", () => {
      expect(earnForOrder(exclusive, settings({ includeTaxes: true })).totalPoints).toBe(120);
    });
  });

  it("GIVEN a gift card line THEN it earns 0 and the other lines earn as usual", () => {
    const earning = earnForOrder(
      order({ lines: [line({ lineItemId: "gc", giftCard: true, grossAmount: 5_000 }), line({ lineItemId: "2" })] }),
      settings({ includeTaxes: true }),
    );
    expect(earning.lines).toEqual([
      { lineItemId: "gc", quantity: 1, points: 0 },
      { lineItemId: "2", quantity: 1, points: 100 },
    ]);
    expect(earning.totalPoints).toBe(100);
  });

  it("GIVEN an excluded product THEN its line is listed with 0 points; a line without a product still earns", () => {
    const earning = earnForOrder(
      order({
        lines: [
          line({ lineItemId: "1", productId: "632910392", quantity: 2, grossAmount: 39_800 }),
          line({ lineItemId: "2", productId: "555" }),
          line({ lineItemId: "3", productId: null, grossAmount: 2_500 }),
        ],
      }),
      settings({ excludedProductIds: ["632910392"] }),
    );
    expect(earning.lines).toEqual([
      { lineItemId: "1", quantity: 2, points: 0 },
      { lineItemId: "2", quantity: 1, points: 100 },
      { lineItemId: "3", quantity: 1, points: 25 },
    ]);
  });

  it("GIVEN the fixture order with its product excluded THEN it earns nothing", () => {
    const earning = earnForOrder(parsePaidOrder(orderFixture), settings({ excludedProductIds: ["632910392"] }));
    expect(earning.totalPoints).toBe(0);
    expect(earning.lines).toHaveLength(3);
  });

  it("GIVEN a JPY order (no minor unit) THEN every yen is a unit", () => {
    const earning = earnForOrder(
      order({ currency: "JPY", lines: [line({ grossAmount: 1_500, discountAmount: 1 })] }),
      settings(),
    );
    expect(earning.totalPoints).toBe(1_499);
  });

  it("GIVEN a KWD order (three decimals) THEN a dinar is 1000 minor units", () => {
    // 12.345 KWD → 12 points; at 10 per dinar → 123.45 → 123.
    const kwd = order({ currency: "KWD", lines: [line({ grossAmount: 12_345 })] });
    expect(earnForOrder(kwd, settings()).totalPoints).toBe(12);
    expect(earnForOrder(kwd, settings({ pointsPerUnit: 10 })).totalPoints).toBe(123);
  });

  it("GIVEN a guest order THEN the points are still computed (crediting is the caller's decision)", () => {
    expect(earnForOrder(order({ customer: null }), settings()).totalPoints).toBe(100);
  });

  it("GIVEN a fractional points rate THEN it is refused rather than producing fractional points", () => {
    expect(() => earnForOrder(order(), settings({ pointsPerUnit: 1.5 }))).toThrow(RangeError);
  });
});

describe("pointsToReverseForRefund", () => {
  it("GIVEN a 3-unit line that earned 100 WHEN refunded 1 + 1 + 1 THEN 33 + 33 + 34 = exactly 100 go back", () => {
    const first = pointsToReverseForRefund(100, 3, 0, 1);
    const second = pointsToReverseForRefund(100, 3, 1, 1);
    const third = pointsToReverseForRefund(100, 3, 2, 1);
    expect([first, second, third]).toEqual([33, 33, 34]);
    expect(first + second + third).toBe(100);
  });

  it("GIVEN a 3-unit line WHEN all units are refunded at once THEN all its points go back", () => {
    expect(pointsToReverseForRefund(100, 3, 0, 3)).toBe(100);
  });

  it("GIVEN more units refunded than the line had THEN the reversal stops at the line's points", () => {
    expect(pointsToReverseForRefund(100, 3, 0, 2)).toBe(66);
    expect(pointsToReverseForRefund(100, 3, 2, 5)).toBe(34);
    expect(pointsToReverseForRefund(100, 3, 3, 1)).toBe(0);
  });

  it("GIVEN a line that earned nothing or had no units THEN nothing goes back", () => {
    expect(pointsToReverseForRefund(0, 3, 0, 3)).toBe(0);
    expect(pointsToReverseForRefund(50, 0, 0, 1)).toBe(0);
  });

  it("GIVEN a negative count THEN it is refused", () => {
    expect(() => pointsToReverseForRefund(100, 3, -1, 1)).toThrow(RangeError);
  });

  it("GIVEN any split of a refund THEN the total depends only on units refunded and never exceeds the line", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 12 }),
        (points, units, refunds) => {
          let before = 0;
          let reversed = 0;
          for (const now of refunds) {
            const step = pointsToReverseForRefund(points, units, before, now);
            expect(step).toBeGreaterThanOrEqual(0);
            reversed += step;
            before += now;
          }
          expect(reversed).toBe(Math.floor((points * Math.min(before, units)) / units));
          if (before >= units) expect(reversed).toBe(points);
        },
      ),
    );
  });

  it("GIVEN the fixture order and the fixture refund of two lines THEN exactly those lines' points go back", () => {
    const earning = earnForOrder(parsePaidOrder(orderFixture), settings());
    const refund = parseRefund(refundFixture);
    const reversed = refund.lines.map((refunded) => {
      const earned = earning.lines.find((l) => l.lineItemId === refunded.lineItemId);
      if (!earned) throw new Error(`no earned line ${refunded.lineItemId}`);
      return pointsToReverseForRefund(earned.points, earned.quantity, 0, refunded.quantity);
    });
    expect(reversed).toEqual([195, 195]);
  });
});

describe("shippingPointsToReverse", () => {
  it("GIVEN $10.50 shipping that earned 10 WHEN refunded in two halves THEN 5 + 5 go back", () => {
    expect(shippingPointsToReverse(10, 1_050, 0, 525)).toBe(5);
    expect(shippingPointsToReverse(10, 1_050, 525, 525)).toBe(5);
  });

  it("GIVEN shipping refunded in uneven parts THEN the parts add up to exactly the shipping points", () => {
    const parts = [shippingPointsToReverse(7, 1_000, 0, 333), shippingPointsToReverse(7, 1_000, 333, 667)];
    expect(parts).toEqual([2, 5]);
  });

  it("GIVEN more refunded than was paid THEN no more than the shipping points go back", () => {
    expect(shippingPointsToReverse(10, 1_050, 0, 2_000)).toBe(10);
    expect(shippingPointsToReverse(10, 1_050, 1_050, 100)).toBe(0);
  });

  it("GIVEN free shipping THEN a shipping refund takes nothing back", () => {
    expect(shippingPointsToReverse(0, 0, 0, 500)).toBe(0);
  });
});

describe("money", () => {
  it("GIVEN ISO currencies THEN the minor unit comes from ISO 4217", () => {
    expect(currencyExponent("JPY")).toBe(0);
    expect(currencyExponent("USD")).toBe(2);
    expect(currencyExponent("EUR")).toBe(2);
    expect(currencyExponent("KWD")).toBe(3);
    expect(() => currencyExponent("usd")).toThrow(MoneyFormatError);
    expect(() => currencyExponent("US")).toThrow(MoneyFormatError);
  });

  it("GIVEN decimal strings THEN they become exact minor units", () => {
    expect(toMinorUnits("199.00", "USD")).toBe(19_900);
    expect(toMinorUnits("0.07", "USD")).toBe(7);
    expect(toMinorUnits("5", "USD")).toBe(500);
    expect(toMinorUnits("10.5", "USD")).toBe(1_050);
    expect(toMinorUnits("199.000", "USD")).toBe(19_900);
    expect(toMinorUnits("1500", "JPY")).toBe(1_500);
    expect(toMinorUnits("1500.0", "JPY")).toBe(1_500);
    expect(toMinorUnits("12.345", "KWD")).toBe(12_345);
    expect(toMinorUnits("-5.00", "USD")).toBe(-500);
    expect(Object.is(toMinorUnits("-0.00", "USD"), 0)).toBe(true);
    // 0.1 + 0.2 style float drift cannot happen: the digits are read as digits.
    expect(toMinorUnits("4503599627370.49", "USD")).toBe(450_359_962_737_049);
  });

  it("GIVEN more decimals than the currency has THEN the amount is refused instead of rounded", () => {
    expect(() => toMinorUnits("199.001", "USD")).toThrow(/more decimal places than USD allows \(2\)/);
    expect(() => toMinorUnits("1.5", "JPY")).toThrow(MoneyFormatError);
    expect(() => toMinorUnits("12.3456", "KWD")).toThrow(MoneyFormatError);
  });

  it("GIVEN malformed amounts THEN they are refused", () => {
    for (const bad of ["", "abc", "1.", ".5", "1e3", " 1.00", "+1.00", "1,000.00", "--1", "NaN", "99999999999999999"]) {
      expect(() => toMinorUnits(bad, "USD"), bad).toThrow(MoneyFormatError);
    }
  });

  it("GIVEN minor units THEN they format back to the decimal form", () => {
    expect(formatMinorUnits(19_900, "USD")).toBe("199.00");
    expect(formatMinorUnits(5, "USD")).toBe("0.05");
    expect(formatMinorUnits(-550, "USD")).toBe("-5.50");
    expect(formatMinorUnits(1_500, "JPY")).toBe("1500");
    expect(formatMinorUnits(12_345, "KWD")).toBe("12.345");
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom("USD", "JPY", "KWD"), (minor, currency) => {
        expect(toMinorUnits(formatMinorUnits(minor, currency), currency)).toBe(minor);
      }),
    );
  });
});
