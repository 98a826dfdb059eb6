import { describe, expect, it } from "vitest";
import { contrastRatio, DEFAULT_STOREFRONT_SETTINGS, MIN_CONTRAST, parseStorefrontSettingsForm, settingsToForm } from "../../../app/persistence/storefront-settings";

describe("Storefront settings form", () => {
  it("measures contrast as WCAG does", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#000000")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#777777")).toBe(1);
    // WCAG's own example: #767676 on white is just above 4.5:1, #777777 just below.
    expect(contrastRatio("#767676", "#ffffff")).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrastRatio("#777777", "#ffffff")).toBeLessThan(MIN_CONTRAST);
  });

  it("round-trips the defaults and keeps only texts that were written", () => {
    expect(parseStorefrontSettingsForm(settingsToForm(DEFAULT_STOREFRONT_SETTINGS))).toEqual({ ok: true, value: DEFAULT_STOREFRONT_SETTINGS });
    const form = { ...settingsToForm(DEFAULT_STOREFRONT_SETTINGS), "ro.title": "Recompense", "ro.guestIntro": "   " };
    expect(parseStorefrontSettingsForm(form)).toEqual({ ok: true, value: { ...DEFAULT_STOREFRONT_SETTINGS, texts: { ro: { title: "Recompense" } } } });
  });
});
