// Plural forms, one way for the admin (app/i18n) and the storefront panel (extensions/loyalty-rewards-src): a text
// that depends on a number is stored once per plural category of the language — key_one, key_few, key_many,
// key_other (Polish and Russian use all four, Romanian one/few/other, English one/other) — and Intl.PluralRules
// picks the one for the number. No library: every browser and Node has the rules.

export const PLURAL_CATEGORIES = ["zero", "one", "two", "few", "many", "other"] as const;

/**
 * The key of `key`'s text for `count` in `locale`: key_<category> when there is one, else key_other, else `key`
 * itself (a text that does not vary).
 */
export function pluralKey(has: (key: string) => boolean, key: string, count: number, rules: Intl.PluralRules): string {
  const exact = `${key}_${rules.select(count)}`;
  if (has(exact)) return exact;
  return has(`${key}_other`) ? `${key}_other` : key;
}

/** The base keys of a catalogue's plural texts (those with a key_other). */
export function pluralFamilies(keys: Iterable<string>): string[] {
  return [...keys].filter((key) => key.endsWith("_other")).map((key) => key.slice(0, -"_other".length));
}
