// Translation: every user-facing text lives in app/i18n/locales/<locale>.json, keyed by dotted names.
// Adding a language is adding a file and listing it below. Missing keys fall back to English.
import en from "./locales/en.json";
import pl from "./locales/pl.json";
import ro from "./locales/ro.json";
import ru from "./locales/ru.json";
import { pluralKey } from "./plural";

export type Messages = Record<string, string>;

const catalogs = { en, pl, ro, ru } satisfies Record<string, Messages>;

export type Locale = keyof typeof catalogs;
export const SUPPORTED_LOCALES = Object.keys(catalogs) as Locale[];
export const DEFAULT_LOCALE: Locale = "en";

/** Maps a Shopify locale ("pl", "pl-PL", "pt-BR") to the closest supported one. */
export function resolveLocale(requested: string | null | undefined): Locale {
  const language = (requested ?? "").toLowerCase().split(/[-_]/)[0] ?? "";
  return (SUPPORTED_LOCALES as string[]).includes(language) ? (language as Locale) : DEFAULT_LOCALE;
}

/** A shopper's language (Shopify's "pl", "pl-PL", "fr-FR") as one of the app's locales, or null when it is none. */
export function knownLocale(requested: string | null | undefined): Locale | null {
  const language = (requested ?? "").toLowerCase().split(/[-_]/)[0] ?? "";
  return (SUPPORTED_LOCALES as string[]).includes(language) ? (language as Locale) : null;
}

/** One locale's own file, without the English fallback (for completeness checks). */
export function localeCatalog(locale: Locale): Messages {
  return catalogs[locale];
}

/** The messages of one locale whose keys start with `prefix` (e.g. "admin."), English filling gaps. */
export function messagesFor(locale: Locale, prefix = ""): Messages {
  const out: Messages = {};
  for (const catalog of [catalogs[DEFAULT_LOCALE], catalogs[locale]] as Messages[]) {
    for (const [key, value] of Object.entries(catalog)) if (key.startsWith(prefix)) out[key] = value;
  }
  return out;
}

/**
 * Replaces {name} placeholders with values; unknown keys render as the key so gaps are visible. A numeric `count`
 * chooses the plural form (app/i18n/plural.ts) and is written as the locale writes numbers.
 */
export function formatMessage(
  messages: Messages,
  key: string,
  values: Record<string, string | number> = {},
  locale: string = DEFAULT_LOCALE,
): string {
  let chosen = key;
  let filled = values;
  if (typeof values.count === "number") {
    chosen = pluralKey((candidate) => candidate in messages, key, values.count, pluralRules(locale));
    filled = { ...values, count: new Intl.NumberFormat(locale).format(values.count) };
  }
  const template = messages[chosen] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in filled ? String(filled[name]) : whole));
}

const rulesByLocale = new Map<string, Intl.PluralRules>();
function pluralRules(locale: string): Intl.PluralRules {
  let rules = rulesByLocale.get(locale);
  if (!rules) rulesByLocale.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
}

export type Translate = (key: string, values?: Record<string, string | number>) => string;

export function translator(messages: Messages, locale: string = DEFAULT_LOCALE): Translate {
  return (key, values) => formatMessage(messages, key, values, locale);
}
