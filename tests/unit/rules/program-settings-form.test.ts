import { describe, expect, it } from "vitest";
import { earningExample, parseProductIds, parseProgramSettingsForm, settingsToForm } from "../../../app/rules/program-settings-form";
import { DEFAULT_PROGRAM_SETTINGS } from "../../../app/rules/program-settings";

describe("Program form", () => {
  it("reads product ids typed as numbers or GIDs, in any separator, without duplicates", () => {
    expect(parseProductIds("1, 2\n3 gid://shopify/Product/4;2")).toEqual(["1", "2", "3", "4"]);
    expect(parseProductIds("")).toEqual([]);
    expect(parseProductIds("1, gid://shopify/Variant/4")).toBeNull();
    expect(parseProductIds("12a")).toBeNull();
  });

  it("round-trips the saved settings through the form", () => {
    const settings = { ...DEFAULT_PROGRAM_SETTINGS, excludedProductIds: ["10", "20"], includeTaxes: true };
    expect(parseProgramSettingsForm(settingsToForm(settings))).toEqual({ ok: true, value: settings });
  });

  it("accepts the limits and refuses one past them", () => {
    const form = settingsToForm(DEFAULT_PROGRAM_SETTINGS);
    expect(parseProgramSettingsForm({ ...form, pointsPerUnit: "10000", pendingDays: "365", signupBonus: "1000000" }).ok).toBe(true);
    expect(parseProgramSettingsForm({ ...form, pointsPerUnit: "10001" })).toEqual({ ok: false, issues: [{ field: "pointsPerUnit", code: "out_of_range" }] });
    expect(parseProgramSettingsForm({ ...form, pendingDays: "366" })).toEqual({ ok: false, issues: [{ field: "pendingDays", code: "out_of_range" }] });
    const many = Array.from({ length: 501 }, (_, i) => String(i + 1)).join(",");
    expect(parseProgramSettingsForm({ ...form, excludedProductIds: many })).toEqual({
      ok: false,
      issues: [{ field: "excludedProductIds", code: "too_many_products" }],
    });
  });
});

describe("Earning example", () => {
  it("counts 100.00 of products, and shipping and tax only when the merchant says so", () => {
    const base = { pointsPerUnit: 1, includeShipping: false, includeTaxes: false };
    expect(earningExample(base, "USD")).toEqual({ currency: "USD", itemsMinor: 10000, shippingMinor: 1000, taxMinor: 800, points: 100 });
    expect(earningExample({ ...base, includeShipping: true }, "USD").points).toBe(110);
    expect(earningExample({ ...base, includeTaxes: true }, "USD").points).toBe(108);
    expect(earningExample({ pointsPerUnit: 3, includeShipping: true, includeTaxes: true }, "USD").points).toBe(354);
    expect(earningExample({ ...base, pointsPerUnit: 0 }, "USD").points).toBe(0);
  });

  it("uses the currency's own minor unit (yen has none, dinar has three)", () => {
    expect(earningExample({ pointsPerUnit: 2, includeShipping: false, includeTaxes: false }, "JPY")).toMatchObject({ itemsMinor: 100, points: 200 });
    expect(earningExample({ pointsPerUnit: 2, includeShipping: false, includeTaxes: false }, "KWD")).toMatchObject({ itemsMinor: 100000, points: 200 });
  });
});
