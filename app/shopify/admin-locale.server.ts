// Shopify admin opens embedded apps with ?locale=<the staff member's admin language>.
import type { AppProviderProps } from "@shopify/polaris";
import { resolveLocale, type Locale } from "../i18n";

type PolarisTranslations = AppProviderProps["i18n"];

export function adminLocaleFromRequest(request: Request): Locale {
  return resolveLocale(new URL(request.url).searchParams.get("locale"));
}

// Polaris ships its own component texts for some of our languages; the rest fall back to English.
const polarisLocales: Partial<Record<Locale, () => Promise<{ default: unknown }>>> = {
  en: () => import("@shopify/polaris/locales/en.json"),
  pl: () => import("@shopify/polaris/locales/pl.json"),
};

export async function polarisTranslations(locale: Locale) {
  const load = polarisLocales[locale] ?? polarisLocales.en!;
  // Polaris' TranslationDictionary is a nested record of strings; the JSON files are exactly that.
  return (await load()).default as PolarisTranslations;
}
