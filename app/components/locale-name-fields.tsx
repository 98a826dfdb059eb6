// A name per shopper language (en, pl, ru, ro) as text fields `name_<lang>`: ways to earn and campaigns both ask for one.
import { InlineStack, TextField } from "@shopify/polaris";
import { ACTION_LOCALES } from "../rules/earning-actions";

type Lang = (typeof ACTION_LOCALES)[number];
type NameField = `name_${Lang}`;

type Props = {
  values: Record<NameField, string>;
  set: (field: NameField, value: string) => void;
  error: (field: NameField) => string | undefined;
  /** The label for each language's field, e.g. t(`admin.campaigns.nameIn.${lang}`). */
  label: (lang: Lang) => string;
};

export function LocaleNameFields({ values, set, error, label }: Props) {
  return (
    <InlineStack gap="300" wrap>
      {ACTION_LOCALES.map((lang) => (
        <TextField
          key={lang}
          label={label(lang)}
          value={values[`name_${lang}`]}
          onChange={(value) => set(`name_${lang}`, value)}
          autoComplete="off"
          maxLength={80}
          error={error(`name_${lang}`)}
        />
      ))}
    </InlineStack>
  );
}
