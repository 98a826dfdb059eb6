// The storefront panel's look and words as the merchant sets them in the admin: button and text colours, which
// corner the launcher sits in, and texts per storefront language. An empty text means "use the built-in
// translation". Checked field by field with stable codes; every query is scoped by shop.
import type { Db } from "../db.server";

export const STOREFRONT_LOCALES = ["en", "pl", "ru", "ro"] as const;
export type StorefrontLocale = (typeof STOREFRONT_LOCALES)[number];

export const TEXT_FIELDS = { launcherLabel: 40, title: 60, guestIntro: 300, memberIntro: 300 } as const;
export type TextField = keyof typeof TEXT_FIELDS;
export type LocaleTexts = Partial<Record<TextField, string>>;

export const LAUNCHER_POSITIONS = ["bottom_right", "bottom_left"] as const;
export type LauncherPosition = (typeof LAUNCHER_POSITIONS)[number];

export type StorefrontSettings = {
  buttonColor: string;
  textColor: string;
  launcherPosition: LauncherPosition;
  texts: Partial<Record<StorefrontLocale, LocaleTexts>>;
};

export const DEFAULT_STOREFRONT_SETTINGS: StorefrontSettings = {
  buttonColor: "#1f4d3a",
  textColor: "#ffffff",
  launcherPosition: "bottom_right",
  texts: {},
};

/** The form: one flat record of strings, texts named `<locale>.<field>` ("pl.title"). */
export type StorefrontSettingsForm = Record<string, string>;
export type StorefrontSettingsIssue = { field: string; code: string };

const HEX_COLOR = /^#[0-9a-f]{6}$/;

export function settingsToForm(settings: StorefrontSettings): StorefrontSettingsForm {
  const form: StorefrontSettingsForm = {
    buttonColor: settings.buttonColor,
    textColor: settings.textColor,
    launcherPosition: settings.launcherPosition,
  };
  for (const locale of STOREFRONT_LOCALES) {
    for (const field of Object.keys(TEXT_FIELDS) as TextField[]) form[`${locale}.${field}`] = settings.texts[locale]?.[field] ?? "";
  }
  return form;
}

/** Relative luminance (WCAG 2) of a #rrggbb colour. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The launcher's label must stay readable: WCAG AA for its text size (4.5:1). */
export const MIN_CONTRAST = 4.5;

export function parseStorefrontSettingsForm(
  form: StorefrontSettingsForm,
): { ok: true; value: StorefrontSettings } | { ok: false; issues: StorefrontSettingsIssue[] } {
  const issues: StorefrontSettingsIssue[] = [];
  const buttonColor = (form.buttonColor ?? "").trim().toLowerCase();
  const textColor = (form.textColor ?? "").trim().toLowerCase();
  if (!HEX_COLOR.test(buttonColor)) issues.push({ field: "buttonColor", code: "invalid_color" });
  if (!HEX_COLOR.test(textColor)) issues.push({ field: "textColor", code: "invalid_color" });
  if (HEX_COLOR.test(buttonColor) && HEX_COLOR.test(textColor) && contrastRatio(buttonColor, textColor) < MIN_CONTRAST) {
    issues.push({ field: "textColor", code: "low_contrast" });
  }
  const position = form.launcherPosition ?? "";
  if (!(LAUNCHER_POSITIONS as readonly string[]).includes(position)) issues.push({ field: "launcherPosition", code: "invalid_position" });
  const texts: StorefrontSettings["texts"] = {};
  for (const locale of STOREFRONT_LOCALES) {
    for (const [field, max] of Object.entries(TEXT_FIELDS) as Array<[TextField, number]>) {
      const text = (form[`${locale}.${field}`] ?? "").trim();
      if (text.length > max) issues.push({ field: `${locale}.${field}`, code: "too_long" });
      else if (text) (texts[locale] ??= {})[field] = text;
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { buttonColor, textColor, launcherPosition: position as LauncherPosition, texts } };
}

export async function getStorefrontSettings(db: Db, shop: string): Promise<StorefrontSettings> {
  const row = await db.storefrontSettings.findUnique({ where: { shop } });
  if (!row) return { ...DEFAULT_STOREFRONT_SETTINGS, texts: {} };
  return {
    buttonColor: row.buttonColor,
    textColor: row.textColor,
    launcherPosition: (LAUNCHER_POSITIONS as readonly string[]).includes(row.launcherPosition)
      ? (row.launcherPosition as LauncherPosition)
      : DEFAULT_STOREFRONT_SETTINGS.launcherPosition,
    texts: JSON.parse(row.texts) as StorefrontSettings["texts"],
  };
}

export async function saveStorefrontSettings(db: Db, shop: string, settings: StorefrontSettings) {
  const data = {
    buttonColor: settings.buttonColor,
    textColor: settings.textColor,
    launcherPosition: settings.launcherPosition,
    texts: JSON.stringify(settings.texts),
  };
  await db.storefrontSettings.upsert({ where: { shop }, create: { shop, ...data }, update: data });
}

/** The texts for one storefront language (what the panel shows in place of its built-in ones). */
export function textsFor(settings: StorefrontSettings, locale: string): LocaleTexts {
  const language = locale.toLowerCase().split(/[-_]/)[0] as StorefrontLocale;
  return settings.texts[language] ?? {};
}
