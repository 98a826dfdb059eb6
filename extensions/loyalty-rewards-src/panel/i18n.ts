// Words and numbers for the shopper's locale. Texts come from the extension's locale files through Liquid;
// numbers, money, percentages and dates are formatted by Intl for the storefront's locale.
import type { Texts } from "./config";
import { pluralKey } from "../../../app/i18n/plural";

export type Format = ReturnType<typeof createFormat>;

export function createFormat(locale: string, texts: Texts, moneyFormat: string) {
  locale ||= navigator.language;
  const numbers = new Intl.NumberFormat(locale);
  const plurals = new Intl.PluralRules(locale);

  /** `{name}` placeholders; a missing text shows its key so the gap is visible, never an empty label. */
  const t = (key: string, values: Record<string, string | number> = {}): string =>
    (texts[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));

  /** Plural texts are stored as key_one, key_few, key_many, key_other and chosen as the admin's are. */
  const points = (count: number): string => t(pluralKey((key) => key in texts, "points", count, plurals), { count: numbers.format(count) });

  /** How many minor units the currency has (2 for USD, 0 for JPY). */
  const fractionDigits = (currency: string): number =>
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;

  /** Integer minor units as the shopper reads money ("5 $" or "$5"; cents only when there are some). */
  const money = (minor: number, currency: string): string => {
    try {
      const digits = fractionDigits(currency);
      const shown = minor % 10 ** digits ? digits : 0;
      return new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: shown, maximumFractionDigits: shown }).format(minor / 10 ** digits);
    } catch {
      // A currency code Intl refuses: the shop's own money format (Liquid's shop.money_format).
      return moneyFormat.replace(/\{\{\s*\w+\s*\}\}/, (minor / 100).toFixed(2));
    }
  };

  return {
    locale,
    t,
    points,
    money,
    fractionDigits,
    number: (value: number) => numbers.format(value),
    signed: (value: number) => new Intl.NumberFormat(locale, { signDisplay: "exceptZero" }).format(value),
    percent: (value: number) => new Intl.NumberFormat(locale, { style: "percent" }).format(value / 100),
    date: (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso)),
  };
}
