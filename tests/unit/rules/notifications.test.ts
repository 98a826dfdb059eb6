import { describe, expect, it } from "vitest";
import { messagesFor, SUPPORTED_LOCALES } from "../../../app/i18n";
import { formatMoney, NOTIFICATION_KINDS, readEventSettings, renderEmail, retryDelayMs, throttledUntil, type RenderInput } from "../../../app/rules/notifications";
import { unsubscribeUrl, verifyUnsubscribe } from "../../../app/rules/unsubscribe-token";

const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

function input(overrides: Partial<RenderInput> = {}): RenderInput {
  const locale = overrides.locale ?? "en";
  return {
    kind: "points_earned",
    payload: { points: 5, reward: "$10 off", date: "2027-01-15", days: 7, tier: "Gold", valueMinor: 1000, currency: "USD" },
    locale,
    messages: messagesFor(locale, "notify."),
    settings: readEventSettings("{}").points_earned,
    shopName: "Test Store",
    brandColor: "#112233",
    currency: "USD",
    firstName: "Ada",
    balance: 1200,
    unsubscribeUrl: "https://app.example/notifications/unsubscribe?shop=x&m=1&sig=y",
    ...overrides,
  };
}

describe("notification emails", () => {
  it.each(SUPPORTED_LOCALES)("renders every kind in %s with no placeholder left, HTML and plain text", (locale) => {
    for (const kind of NOTIFICATION_KINDS) {
      const email = renderEmail(input({ kind, locale, messages: messagesFor(locale, "notify."), settings: readEventSettings("{}")[kind] }));
      for (const part of [email.subject, email.text, email.html]) {
        expect(part, `${locale} ${kind}`).not.toMatch(/\{\w+\}|notify\./);
      }
      expect(email.html).toContain(`lang="${locale}"`);
      expect(email.text).toContain("https://app.example/notifications/unsubscribe");
    }
  });

  it("writes points with the language's plural form", () => {
    const subject = (locale: "en" | "pl" | "ru" | "ro", points: number) =>
      nbsp(renderEmail(input({ locale, messages: messagesFor(locale, "notify."), payload: { points } })).subject);
    expect([1, 5].map((n) => subject("en", n))).toEqual(["You earned 1 point at Test Store", "You earned 5 points at Test Store"]);
    expect([1, 2, 5, 22].map((n) => subject("pl", n))).toEqual(["Zdobyto 1 punkt w Test Store", "Zdobyto 2 punkty w Test Store", "Zdobyto 5 punktów w Test Store", "Zdobyto 22 punkty w Test Store"]);
    expect([1, 3, 11, 21].map((n) => subject("ru", n))).toEqual(["Вы получили 1 балл в Test Store", "Вы получили 3 балла в Test Store", "Вы получили 11 баллов в Test Store", "Вы получили 21 балл в Test Store"]);
    expect([1, 2, 20, 1500].map((n) => subject("ro", n))).toEqual(["Ați câștigat 1 punct la Test Store", "Ați câștigat 2 puncte la Test Store", "Ați câștigat 20 de puncte la Test Store", "Ați câștigat 1.500 de puncte la Test Store"]);
  });

  it("uses the merchant's own subject and body, escapes values in HTML, and tidies an empty greeting", () => {
    const settings = { enabled: true, subject: { en: "{firstName}, {balance} & more" }, body: { en: "Hello {firstName},\n\nYou have {balance} at <{shop}>." } };
    const email = renderEmail(input({ settings, firstName: "<b>Ada</b>" }));
    expect(email.subject).toBe("<b>Ada</b>, 1,200 points & more");
    expect(email.html).toContain("Hello &lt;b&gt;Ada&lt;/b&gt;,");
    expect(email.html).toContain("&lt;Test Store&gt;");
    const pl = renderEmail(input({ locale: "pl", messages: messagesFor("pl", "notify."), firstName: null }));
    expect(pl.text.startsWith("Dzień dobry,")).toBe(true);
    const ru = renderEmail(input({ locale: "ru", messages: messagesFor("ru", "notify."), firstName: null }));
    expect(ru.text.startsWith("Здравствуйте!")).toBe(true);
  });

  it("formats money the locale's way in the shop's currency", () => {
    expect(formatMoney(1000, "USD", "en")).toBe("$10.00");
    expect(nbsp(formatMoney(1000, "PLN", "pl"))).toBe("10,00 zł");
    expect(formatMoney(1500, "JPY", "en")).toBe("¥1,500");
  });

  it("reads stored event settings leniently: defaults for what is missing or broken", () => {
    expect(readEventSettings("not json").points_earned.enabled).toBe(true);
    expect(readEventSettings("{}").balance_reminder.enabled).toBe(false);
    const stored = readEventSettings(JSON.stringify({ points_earned: { enabled: false, subject: { pl: "Hej", de: "Hallo", en: 5 } } }));
    expect(stored.points_earned).toEqual({ enabled: false, subject: { pl: "Hej" }, body: {} });
  });
});

describe("sending rules", () => {
  it("backs off 1, 2, 4 … minutes up to 6 hours", () => {
    expect([1, 2, 3, 8, 30].map((n) => retryDelayMs(n) / 60_000)).toEqual([1, 2, 4, 128, 360]);
  });

  it("throttles a member to the daily limit and says when the next may go", () => {
    const now = new Date("2027-03-28T12:00:00Z");
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);
    expect(throttledUntil([hoursAgo(1)], 2, now)).toBeNull();
    expect(throttledUntil([hoursAgo(1), hoursAgo(5)], 2, now)).toEqual(new Date(hoursAgo(5).getTime() + 24 * 3600_000));
    expect(throttledUntil([hoursAgo(25), hoursAgo(30)], 2, now)).toBeNull();
  });

  it("signs unsubscribe links per shop and member, and refuses any change", () => {
    const link = new URL(unsubscribeUrl("https://app.example", "s3cret", "a-shop.myshopify.com", 42));
    expect(verifyUnsubscribe("s3cret", link.searchParams)).toEqual({ shop: "a-shop.myshopify.com", memberId: 42 });
    expect(verifyUnsubscribe("other", link.searchParams)).toBeNull();
    for (const [key, value] of [["m", "43"], ["shop", "b-shop.myshopify.com"], ["sig", "x"], ["m", "1e3"]]) {
      const changed = new URLSearchParams(link.searchParams);
      changed.set(key!, value!);
      expect(verifyUnsubscribe("s3cret", changed), `${key}=${value}`).toBeNull();
    }
  });
});
