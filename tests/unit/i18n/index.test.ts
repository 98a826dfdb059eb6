import { describe, expect, it } from "vitest";
import { formatMessage, localeCatalog, messagesFor, resolveLocale, SUPPORTED_LOCALES, translator, type Locale } from "../../../app/i18n";
import { pluralFamilies } from "../../../app/i18n/plural";

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

  it("has every plural category each language needs for every plural text (Intl.PluralRules' own list)", () => {
    const families = pluralFamilies(Object.keys(localeCatalog("en")));
    expect(families.length).toBeGreaterThan(0);
    for (const locale of SUPPORTED_LOCALES) {
      const keys = new Set(Object.keys(localeCatalog(locale)));
      const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      const missing = families.flatMap((family) => needed.map((category) => `${family}_${category}`)).filter((key) => !keys.has(key));
      expect(missing, locale).toEqual([]);
    }
  });

  it.each<[Locale, Array<[number, string]>]>([
    ["en", [[1, "1 point"], [2, "2 points"], [5, "5 points"], [1500, "1,500 points"]]],
    ["pl", [[1, "1 punkt"], [2, "2 punkty"], [5, "5 punktów"], [22, "22 punkty"], [25, "25 punktów"], [112, "112 punktów"], [1.5, "1,5 punktu"]]],
    ["ru", [[1, "1 балл"], [3, "3 балла"], [5, "5 баллов"], [11, "11 баллов"], [21, "21 балл"], [1.5, "1,5 балла"]]],
    ["ro", [[1, "1 punct"], [2, "2 puncte"], [19, "19 puncte"], [20, "20 de puncte"], [101, "101 puncte"], [1500, "1.500 de puncte"]]],
  ])("writes points with the plural form %s needs", (locale, cases) => {
    const t = translator(messagesFor(locale, "admin."), locale);
    for (const [count, text] of cases) expect(t("admin.points", { count }).replace(/\u00a0/g, " "), `${locale} ${count}`).toBe(text);
  });

  it("chooses the plural of a whole sentence by count, in each language", () => {
    const days = (locale: Locale, count: number) => translator(messagesFor(locale, "admin."), locale)("admin.home.periodDays", { count });
    expect([7, 30].map((count) => days("en", count))).toEqual(["Last 7 days", "Last 30 days"]);
    expect([7, 30, 365].map((count) => days("pl", count))).toEqual(["Ostatnie 7 dni", "Ostatnie 30 dni", "Ostatnie 365 dni"]);
    expect([7, 30, 365].map((count) => days("ru", count))).toEqual(["Последние 7 дней", "Последние 30 дней", "Последние 365 дней"]);
    expect([7, 30].map((count) => days("ro", count))).toEqual(["Ultimele 7 zile", "Ultimele 30 de zile"]);
  });

  it("falls back to key_other for a category a catalogue lacks, and leaves texts without plural forms alone", () => {
    expect(formatMessage({ x_one: "{count} thing", x_other: "{count} things" }, "x", { count: 3 }, "pl")).toBe("3 things");
    expect(formatMessage({ x: "Total: {count}" }, "x", { count: 1234 }, "en")).toBe("Total: 1,234");
  });
});
