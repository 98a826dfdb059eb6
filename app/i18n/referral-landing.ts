// The referral landing page's texts (app/routes/proxy.r.$code.tsx) in every language, from the locale files' own
// group `referralLanding.*`: the page is rendered by Shopify's Liquid, which picks the shopper's language.
import { localeCatalog, SUPPORTED_LOCALES, type Locale } from "./index";

const PREFIX = "referralLanding.";

function textsOf(locale: Locale): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const [key, value] of Object.entries(localeCatalog(locale))) if (key.startsWith(PREFIX)) texts[key.slice(PREFIX.length)] = value;
  return texts;
}

export const REFERRAL_LANDING_TEXTS: Record<string, Record<string, string>> = Object.fromEntries(SUPPORTED_LOCALES.map((locale) => [locale, textsOf(locale)]));
