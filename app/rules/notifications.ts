// Shopper notifications as pure rules: which kinds exist, a shop's per-event settings, when a failed send is tried
// again, how many a member may get in a day, and how one email is rendered (subject, HTML and plain text) from the
// locale file's texts or the merchant's own, in the member's language, with the shop's branding.
//
// Placeholders in subjects and bodies: {firstName} {shop} {points} {balance} {reward} {value} {date} {days} {tier}.
// {points}, {balance} and {days} are written with their noun in the right plural form of the language ("1 punkt",
// "5 punktów"), so a template never has to pick a form itself; {value} is money in the shop's currency.
import { formatMessage, resolveLocale, type Locale, type Messages } from "../i18n";
import { currencyExponent } from "./money";

export const NOTIFICATION_KINDS = [
  "points_earned",
  "reward_ready",
  "points_expiring",
  "balance_reminder",
  "tier_up",
  "tier_down",
  "reward_code_expiring",
  "referral_success",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === "string" && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

export const PLACEHOLDERS = ["firstName", "shop", "points", "balance", "reward", "value", "date", "days", "tier"] as const;

/** The event's values, as the enqueuing feature knows them (no personal data: names are read at send time). */
export type NotificationPayload = {
  points?: number;
  reward?: string;
  /** Money in minor units of `currency`. */
  valueMinor?: number;
  currency?: string;
  /** An ISO date (yyyy-mm-dd, shop-local) the message is about: when points expire, when a code expires. */
  date?: string;
  days?: number;
  tier?: string;
  /** The tier's name per language (tier_up / tier_down); `tier` is the English one. */
  tierNames?: Record<string, string>;
  /** The member's language when the event knows it (an order's customer_locale). */
  locale?: string;
};

export type EventSettings = { enabled: boolean; subject: Partial<Record<Locale, string>>; body: Partial<Record<Locale, string>> };
export type EventSettingsMap = Record<NotificationKind, EventSettings>;

/** Kinds that are on until the merchant turns them off (transactional ones); reminders are opt-in. */
const ON_BY_DEFAULT: ReadonlySet<NotificationKind> = new Set(["points_earned", "reward_ready", "points_expiring", "tier_up", "reward_code_expiring", "referral_success"]);

/** The stored JSON of per-event settings, read leniently: anything unreadable falls back to the default. */
export function readEventSettings(json: string | null | undefined): EventSettingsMap {
  let parsed: unknown = {};
  try {
    parsed = JSON.parse(json ?? "{}");
  } catch {
    parsed = {};
  }
  const stored = (parsed && typeof parsed === "object" ? parsed : {}) as Record<string, unknown>;
  const out = {} as EventSettingsMap;
  for (const kind of NOTIFICATION_KINDS) {
    const entry = (stored[kind] && typeof stored[kind] === "object" ? stored[kind] : {}) as Record<string, unknown>;
    out[kind] = {
      enabled: typeof entry.enabled === "boolean" ? entry.enabled : ON_BY_DEFAULT.has(kind),
      subject: texts(entry.subject),
      body: texts(entry.body),
    };
  }
  return out;
}

function texts(value: unknown): Partial<Record<Locale, string>> {
  const out: Partial<Record<Locale, string>> = {};
  if (!value || typeof value !== "object") return out;
  for (const [locale, text] of Object.entries(value)) {
    if (typeof text === "string" && text.trim() !== "" && resolveLocale(locale) === locale) out[locale as Locale] = text;
  }
  return out;
}

// ── Sending ─────────────────────────────────────────────────────────────────────────────────────────────────

/** After this many failed attempts a message is given up (status failed). */
export const MAX_SEND_ATTEMPTS = 8;

/** Back-off after the n-th failed attempt: 1, 2, 4, … minutes, at most 6 hours. */
export function retryDelayMs(attempts: number): number {
  const minutes = 2 ** Math.max(0, Math.min(attempts - 1, 20));
  return Math.min(minutes * 60_000, 6 * 60 * 60_000);
}

export const THROTTLE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * The per-member throttle: given the times of the member's messages sent (or being sent) in the last 24 hours and
 * the shop's daily limit, null when one more may go now, else the instant it may (when the oldest leaves the window).
 */
export function throttledUntil(recent: Date[], dailyLimit: number, now: Date): Date | null {
  const inWindow = recent.filter((at) => now.getTime() - at.getTime() < THROTTLE_WINDOW_MS).sort((a, b) => a.getTime() - b.getTime());
  if (inWindow.length < Math.max(1, dailyLimit)) return null;
  const oldestCounting = inWindow[inWindow.length - Math.max(1, dailyLimit)]!;
  return new Date(oldestCounting.getTime() + THROTTLE_WINDOW_MS);
}

// ── Rendering ───────────────────────────────────────────────────────────────────────────────────────────────

export type RenderInput = {
  kind: NotificationKind;
  payload: NotificationPayload;
  /** The member's language (payload.locale, else the shop's). */
  locale: Locale;
  /** The shop's catalogue for that locale (English filling gaps): messagesFor(locale, "notify."). */
  messages: Messages;
  settings: EventSettings;
  shopName: string;
  brandColor: string;
  currency: string;
  firstName: string | null;
  balance: number;
  unsubscribeUrl: string;
};

export type RenderedEmail = { subject: string; html: string; text: string };

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);

/** Money in the locale's way of writing the currency: 1000 USD minor → "$10.00" (en), "10,00 USD" (pl). */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const exponent = currencyExponent(currency);
  return new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent }).format(
    minor / 10 ** exponent,
  );
}

/** A shop-local ISO date in the locale's long form ("15 January 2027"); the date is a calendar day, not an instant. */
export function formatLocalDate(isoDate: string, locale: string): string {
  const [year, month, day] = isoDate.split("-").map(Number) as [number, number, number];
  if (!year || !month || !day) return isoDate;
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }).format(Date.UTC(year, month - 1, day));
}

/** The placeholder values of one message, each already in the locale's words. */
export function placeholderValues(input: Omit<RenderInput, "settings" | "unsubscribeUrl" | "brandColor">): Record<string, string> {
  const { payload, messages, locale } = input;
  const count = (key: string, n: number) => formatMessage(messages, key, { count: n }, locale);
  return {
    firstName: input.firstName?.trim() || formatMessage(messages, "notify.email.friend", {}, locale),
    shop: input.shopName,
    points: count("notify.points", payload.points ?? 0),
    balance: count("notify.points", input.balance),
    reward: payload.reward ?? "",
    value: payload.valueMinor !== undefined ? formatMoney(payload.valueMinor, payload.currency ?? input.currency, locale) : "",
    date: payload.date ? formatLocalDate(payload.date, locale) : "",
    days: count("notify.days", payload.days ?? 0),
    tier: payload.tierNames?.[locale] ?? payload.tier ?? "",
  };
}

function fill(template: string, values: Record<string, string>): string {
  return (
    template
      .replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? values[name]! : whole))
      // An empty value (no first name, in a language whose greeting has no neutral word) leaves no stray space or
      // comma: "Dzień dobry ," → "Dzień dobry,", "Здравствуйте, !" → "Здравствуйте!".
      .replace(/[ \t]+([,!.])/g, "$1")
      .replace(/,([!.])/g, "$1")
  );
}

/** The subject and body templates of a kind in a locale: the merchant's own text, else the locale file's. */
export function templatesFor(kind: NotificationKind, locale: Locale, messages: Messages, settings: EventSettings) {
  return {
    subject: settings.subject[locale] ?? messages[`notify.email.${kind}.subject`] ?? kind,
    body: settings.body[locale] ?? messages[`notify.email.${kind}.body`] ?? "",
  };
}

/** The whole email. Values are escaped in the HTML; paragraphs are the body's blank-line separated blocks. */
export function renderEmail(input: RenderInput): RenderedEmail {
  const values = placeholderValues(input);
  const templates = templatesFor(input.kind, input.locale, input.messages, input.settings);
  const subject = fill(templates.subject, values).replace(/[\r\n]+/g, " ").trim();
  const paragraphs = fill(templates.body, values)
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== "");
  const footer = formatMessage(input.messages, "notify.email.footer", { shop: input.shopName }, input.locale);
  const unsubscribe = formatMessage(input.messages, "notify.email.unsubscribe", {}, input.locale);
  const color = /^#[0-9a-fA-F]{6}$/.test(input.brandColor) ? input.brandColor : "#2c6ecb";
  const html = [
    `<!doctype html><html lang="${input.locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="margin:0;padding:0;background:#f6f6f7;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#202223">`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">`,
    `<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="background:#ffffff;border-radius:8px;overflow:hidden">`,
    `<tr><td style="background:${color};color:#ffffff;padding:16px 24px;font-size:18px;font-weight:600">${escapeHtml(input.shopName)}</td></tr>`,
    `<tr><td style="padding:24px;font-size:15px;line-height:1.5">`,
    ...paragraphs.map((p) => `<p style="margin:0 0 12px">${escapeHtml(p).replace(/\n/g, "<br>")}</p>`),
    `</td></tr>`,
    `<tr><td style="padding:16px 24px;font-size:12px;color:#6d7175;border-top:1px solid #e1e3e5">${escapeHtml(footer)} `,
    `<a href="${escapeHtml(input.unsubscribeUrl)}" style="color:#6d7175">${escapeHtml(unsubscribe)}</a></td></tr>`,
    `</table></td></tr></table></body></html>`,
  ].join("");
  const text = [...paragraphs, "--", footer, `${unsubscribe}: ${input.unsubscribeUrl}`].join("\n\n");
  return { subject, html, text };
}
