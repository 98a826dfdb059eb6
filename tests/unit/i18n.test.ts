import { describe, expect, it } from "vitest";
import { formatMessage, localeCatalog, resolveLocale, SUPPORTED_LOCALES } from "../../app/i18n";

describe("i18n", () => {
  it("maps Shopify locales to supported ones and falls back to English", () => {
    expect(resolveLocale("pl-PL")).toBe("pl");
    expect(resolveLocale("ro")).toBe("ro");
    expect(resolveLocale("de")).toBe("en");
    expect(resolveLocale(null)).toBe("en");
  });

  it("has every English key in every locale", () => {
    const english = Object.keys(localeCatalog("en"));
    expect(english.length).toBeGreaterThan(0);
    for (const locale of SUPPORTED_LOCALES) {
      const keys = new Set(Object.keys(localeCatalog(locale)));
      expect(english.filter((k) => !keys.has(k)), locale).toEqual([]);
    }
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(formatMessage({ a: "{n} points for {who}" }, "a", { n: 5 })).toBe("5 points for {who}");
    expect(formatMessage({}, "missing.key")).toBe("missing.key");
  });
});
