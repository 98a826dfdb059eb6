// The admin's Notifications form: flat text fields in, the settings to store (or field issues) out. Nothing is saved
// when any field is wrong.
//   enabled ("true"/"false"): the shop sends emails at all (off: no settings row, nothing is enqueued)
//   fromAddress, brandName, brandColor, locale, dailyLimit, testAddress
//   event.<kind>.enabled, event.<kind>.subject.<locale>, event.<kind>.body.<locale> (empty: the default text)
import type { FieldIssue } from "../admin/issues";
import { SUPPORTED_LOCALES, type Locale } from "../i18n";
import { NOTIFICATION_KINDS, PLACEHOLDERS, readEventSettings, type EventSettingsMap } from "./notifications";

export const SUBJECT_MAX = 200;
export const BODY_MAX = 5000;
export const DAILY_LIMIT_MAX = 20;

export const SETTINGS_FIELDS = ["enabled", "fromAddress", "brandName", "brandColor", "locale", "dailyLimit", "testAddress"] as const;

export function notificationFormFields(): string[] {
  const fields: string[] = [...SETTINGS_FIELDS];
  for (const kind of NOTIFICATION_KINDS) {
    fields.push(`event.${kind}.enabled`);
    for (const locale of SUPPORTED_LOCALES) fields.push(`event.${kind}.subject.${locale}`, `event.${kind}.body.${locale}`);
  }
  return fields;
}

export type StoredNotificationSettings = {
  fromAddress: string | null;
  brandName: string | null;
  brandColor: string;
  locale: string;
  dailyLimit: number;
  testAddress: string | null;
  events: string;
};

export type ParsedNotificationSettings = { enabled: boolean; settings: StoredNotificationSettings };

const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;
const NAMED_EMAIL = /^[^<>\r\n"]{1,80} <([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)>$/;

/** The form values of stored settings (or the defaults when the shop has none). */
export function settingsToForm(stored: StoredNotificationSettings | null): Record<string, string> {
  const events = readEventSettings(stored?.events);
  const form: Record<string, string> = {
    enabled: stored ? "true" : "false",
    fromAddress: stored?.fromAddress ?? "",
    brandName: stored?.brandName ?? "",
    brandColor: stored?.brandColor ?? "#2c6ecb",
    locale: stored?.locale ?? "en",
    dailyLimit: String(stored?.dailyLimit ?? 3),
    testAddress: stored?.testAddress ?? "",
  };
  for (const kind of NOTIFICATION_KINDS) {
    form[`event.${kind}.enabled`] = String(events[kind].enabled);
    for (const locale of SUPPORTED_LOCALES) {
      form[`event.${kind}.subject.${locale}`] = events[kind].subject[locale] ?? "";
      form[`event.${kind}.body.${locale}`] = events[kind].body[locale] ?? "";
    }
  }
  return form;
}

function unknownPlaceholder(text: string): string | null {
  for (const match of text.matchAll(/\{(\w*)\}/g)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(match[1]!)) return match[0];
  }
  return null;
}

export function parseNotificationForm(form: Record<string, string>): { ok: true; value: ParsedNotificationSettings } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const flag = (field: string) => {
    const value = form[field] ?? "";
    if (value !== "true" && value !== "false") issues.push({ field, code: "not_boolean" });
    return value === "true";
  };
  const enabled = flag("enabled");
  const fromAddress = (form.fromAddress ?? "").trim();
  if (fromAddress !== "" && !EMAIL.test(fromAddress) && !NAMED_EMAIL.test(fromAddress)) issues.push({ field: "fromAddress", code: "invalid_from" });
  const testAddress = (form.testAddress ?? "").trim();
  if (testAddress !== "" && !EMAIL.test(testAddress)) issues.push({ field: "testAddress", code: "invalid_email" });
  const brandName = (form.brandName ?? "").trim();
  if (brandName.length > 80 || /[\r\n]/.test(brandName)) issues.push({ field: "brandName", code: "too_long", values: { max: 80 } });
  const brandColor = (form.brandColor ?? "").trim();
  if (!/^#[0-9a-fA-F]{6}$/.test(brandColor)) issues.push({ field: "brandColor", code: "invalid_color" });
  const locale = form.locale ?? "";
  if (!(SUPPORTED_LOCALES as readonly string[]).includes(locale)) issues.push({ field: "locale", code: "not_a_choice" });
  const dailyText = (form.dailyLimit ?? "").trim();
  const dailyLimit = Number(dailyText);
  if (!/^\d{1,3}$/.test(dailyText) || dailyLimit < 1 || dailyLimit > DAILY_LIMIT_MAX) issues.push({ field: "dailyLimit", code: "out_of_range", values: { min: 1, max: DAILY_LIMIT_MAX } });

  const events = {} as EventSettingsMap;
  for (const kind of NOTIFICATION_KINDS) {
    const subject: Partial<Record<Locale, string>> = {};
    const body: Partial<Record<Locale, string>> = {};
    for (const loc of SUPPORTED_LOCALES) {
      const subjectField = `event.${kind}.subject.${loc}`;
      const bodyField = `event.${kind}.body.${loc}`;
      const s = (form[subjectField] ?? "").trim();
      const b = (form[bodyField] ?? "").replace(/\r\n/g, "\n").trim();
      if (s.length > SUBJECT_MAX || /[\r\n]/.test(s)) issues.push({ field: subjectField, code: "too_long", values: { max: SUBJECT_MAX } });
      else if (unknownPlaceholder(s)) issues.push({ field: subjectField, code: "unknown_placeholder", values: { placeholder: unknownPlaceholder(s)! } });
      if (b.length > BODY_MAX) issues.push({ field: bodyField, code: "too_long", values: { max: BODY_MAX } });
      else if (unknownPlaceholder(b)) issues.push({ field: bodyField, code: "unknown_placeholder", values: { placeholder: unknownPlaceholder(b)! } });
      if (s) subject[loc] = s;
      if (b) body[loc] = b;
    }
    events[kind] = { enabled: flag(`event.${kind}.enabled`), subject, body };
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: {
      enabled,
      settings: {
        fromAddress: fromAddress || null,
        brandName: brandName || null,
        brandColor,
        locale,
        dailyLimit,
        testAddress: testAddress || null,
        events: JSON.stringify(events),
      },
    },
  };
}
