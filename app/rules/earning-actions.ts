// Ways to earn besides orders: what an action is, what a merchant may set, and whether a member may be credited for
// it now. Pure: the member's earlier credits and the shop's time zone come in, a decision comes out.
//
// Limits and their periods. Every credit of an action is named by the period it counts against and a slot in it:
//   once          → period "ever", slot 1
//   yearly        → "Y2026", slot 1 (the shop-local calendar year)
//   per_period N  → "D2026-03-08" | "W2026-03-02" (the Monday of an ISO week) | "M2026-03", slots 1…N
// Periods are the shop's local days, weeks, months and years (app/rules/local-calendar.ts). The period and slot are
// part of the credit's ledger idempotency key, so two requests racing for the same slot write one entry: an action
// can never be credited more often than its limit allows, whatever the timing.
import { dayNumber, formatDate, isLeapYear, localDate, weekStart, yearlyOccurrence, type CivilDate } from "./local-calendar";

export const ACTION_LOCALES = ["en", "pl", "ru", "ro"] as const;
export type ActionLocale = (typeof ACTION_LOCALES)[number];

export const SOCIAL_NETWORKS = ["instagram", "facebook", "tiktok", "x", "youtube", "custom"] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];

export type ActionKind = "birthday" | "anniversary" | "newsletter" | "social" | "product_review" | "custom";

export type PeriodUnit = "day" | "week" | "month";
export const PERIOD_UNITS: readonly PeriodUnit[] = ["day", "week", "month"];

export type ActionLimit = { type: "once" } | { type: "yearly" } | { type: "per_period"; count: number; period: PeriodUnit };

export type ActionDefinition = {
  /** Stable handle: birthday, anniversary, newsletter, social_<network>, product_review, or a custom one. */
  key: string;
  kind: ActionKind;
  enabled: boolean;
  points: number;
  limit: ActionLimit;
  /** What shoppers see, per language; a missing language shows the built-in name. */
  names: Partial<Record<ActionLocale, string>>;
  /** Social actions: the page the storefront panel opens. */
  url: string | null;
  /** Product review: extra points for a review with a photo. */
  photoBonus: number;
  /** Birthday: a birthday set fewer than this many days before it falls earns from the next year. */
  leadDays: number;
};

/** The built-in ways to earn, in the order admin and the panel show them, with the limit each starts with. */
export const BUILT_IN_ACTIONS: ReadonlyArray<{ key: string; kind: ActionKind; limit: ActionLimit }> = [
  { key: "birthday", kind: "birthday", limit: { type: "yearly" } },
  { key: "anniversary", kind: "anniversary", limit: { type: "yearly" } },
  { key: "newsletter", kind: "newsletter", limit: { type: "once" } },
  ...SOCIAL_NETWORKS.map((network) => ({ key: `social_${network}`, kind: "social" as const, limit: { type: "once" } as const })),
  { key: "product_review", kind: "product_review", limit: { type: "once" } },
];

/** Limits a kind cannot have: a birthday or anniversary comes once a year, a newsletter consent once ever. */
const FIXED_LIMITS: Partial<Record<ActionKind, ActionLimit["type"]>> = {
  birthday: "yearly",
  anniversary: "yearly",
  newsletter: "once",
  social: "once",
};

export const ACTION_LIMITS = { maxPoints: 1_000_000, maxCount: 100, maxName: 80, maxUrl: 500, maxLeadDays: 365 } as const;

/** A custom action's handle: what other systems post (e.g. "nps_survey"). */
const CUSTOM_KEY = /^[a-z][a-z0-9_]{1,39}$/;

export function socialNetworkOf(key: string): SocialNetwork | null {
  const network = key.startsWith("social_") ? key.slice("social_".length) : null;
  return network !== null && (SOCIAL_NETWORKS as readonly string[]).includes(network) ? (network as SocialNetwork) : null;
}

/** A new, switched-off definition of a built-in action (what "no row" means) or of a custom one. */
export function defaultAction(key: string): ActionDefinition {
  const builtIn = BUILT_IN_ACTIONS.find((action) => action.key === key);
  return {
    key,
    kind: builtIn?.kind ?? "custom",
    enabled: false,
    points: 0,
    limit: builtIn?.limit ?? { type: "once" },
    names: {},
    url: null,
    photoBonus: 0,
    leadDays: 30,
  };
}

export function isBuiltInAction(key: string): boolean {
  return BUILT_IN_ACTIONS.some((action) => action.key === key);
}

// ── Validation ────────────────────────────────────────────────────────────────────────────────────────────

export type ActionIssue = { field: string; code: string };

function wholeNumber(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= min && value <= max;
}

/** The http(s) link a social action opens; anything else (javascript:, relative, too long) is refused. */
function isSafeUrl(value: string): boolean {
  if (value.length > ACTION_LIMITS.maxUrl) return false;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/** Every problem of a definition (field + stable code), or none. */
export function validateAction(action: ActionDefinition): ActionIssue[] {
  const issues: ActionIssue[] = [];
  const builtIn = BUILT_IN_ACTIONS.find((known) => known.key === action.key);
  if (!builtIn && !CUSTOM_KEY.test(action.key)) issues.push({ field: "key", code: "invalid_key" });
  if (!builtIn && (action.key.startsWith("social_") || action.kind !== "custom")) issues.push({ field: "key", code: "invalid_key" });
  if (builtIn && action.kind !== builtIn.kind) issues.push({ field: "kind", code: "invalid_kind" });
  if (!wholeNumber(action.points, 0, ACTION_LIMITS.maxPoints)) issues.push({ field: "points", code: "invalid_points" });
  if (action.enabled && action.points === 0) issues.push({ field: "points", code: "points_required" });
  const fixed = FIXED_LIMITS[action.kind];
  if (fixed && action.limit.type !== fixed) issues.push({ field: "limit", code: "limit_not_allowed" });
  if (action.limit.type === "per_period") {
    if (!wholeNumber(action.limit.count, 1, ACTION_LIMITS.maxCount)) issues.push({ field: "limitCount", code: "invalid_count" });
    if (!PERIOD_UNITS.includes(action.limit.period)) issues.push({ field: "limitPeriod", code: "invalid_period" });
  }
  for (const [locale, name] of Object.entries(action.names)) {
    if (!(ACTION_LOCALES as readonly string[]).includes(locale)) issues.push({ field: `names.${locale}`, code: "unknown_locale" });
    else if (typeof name !== "string" || name.length > ACTION_LIMITS.maxName) issues.push({ field: `names.${locale}`, code: "name_too_long" });
  }
  if (action.kind === "social") {
    if (action.url !== null && !isSafeUrl(action.url)) issues.push({ field: "url", code: "invalid_url" });
    else if (action.enabled && action.url === null) issues.push({ field: "url", code: "url_required" });
  } else if (action.url !== null) issues.push({ field: "url", code: "url_not_allowed" });
  if (!wholeNumber(action.photoBonus, 0, ACTION_LIMITS.maxPoints)) issues.push({ field: "photoBonus", code: "invalid_points" });
  if (action.kind !== "product_review" && action.photoBonus !== 0) issues.push({ field: "photoBonus", code: "photo_bonus_not_allowed" });
  if (!wholeNumber(action.leadDays, 0, ACTION_LIMITS.maxLeadDays)) issues.push({ field: "leadDays", code: "invalid_lead_days" });
  return issues;
}

// ── Limits and periods ────────────────────────────────────────────────────────────────────────────────────

/** The period of `limit` that the shop-local date falls in. */
export function periodOf(limit: ActionLimit, date: CivilDate): string {
  switch (limit.type) {
    case "once":
      return "ever";
    case "yearly":
      return `Y${date.year}`;
    case "per_period":
      if (limit.period === "day") return `D${formatDate(date)}`;
      if (limit.period === "week") return `W${formatDate(weekStart(date))}`;
      return `M${formatDate(date).slice(0, 7)}`;
  }
}

/** How many credits a period of `limit` holds. */
export function slotsPerPeriod(limit: ActionLimit): number {
  return limit.type === "per_period" ? limit.count : 1;
}

/** An earlier credit of the action for this member (and subject), as its ledger key records it. */
export type PriorCredit = { period: string; slot: number };

export type CreditDecision =
  | { allowed: true; period: string; slot: number; points: number }
  | { allowed: false; reason: "disabled" | "limit_reached" };

/**
 * May the member be credited for `action` at `now`? `prior` are the member's earlier credits of it (for the same
 * subject — the product, for reviews). The first free slot of the current period is taken, so a credit lost to a
 * race for slot k is retried on slot k + 1 while the period has one.
 */
export function decideCredit(
  action: ActionDefinition,
  prior: PriorCredit[],
  now: Date,
  zone: string,
  options: { photo?: boolean } = {},
): CreditDecision {
  if (!action.enabled || action.points <= 0) return { allowed: false, reason: "disabled" };
  const period = periodOf(action.limit, localDate(now, zone));
  const taken = new Set(prior.filter((credit) => credit.period === period).map((credit) => credit.slot));
  for (let slot = 1; slot <= slotsPerPeriod(action.limit); slot += 1) {
    if (!taken.has(slot)) {
      const bonus = action.kind === "product_review" && options.photo ? action.photoBonus : 0;
      return { allowed: true, period, slot, points: action.points + bonus };
    }
  }
  return { allowed: false, reason: "limit_reached" };
}

/** A credit's subject (a product id for reviews) travels in the ledger key, so it is held to a safe alphabet. */
export const SUBJECT_PATTERN = /^[A-Za-z0-9_.-]{1,100}$/;

/** The ledger idempotency key of a credit: one entry per action, customer, subject, period and slot, ever. */
export function creditKey(actionKey: string, customerId: string, subject: string | null, period: string, slot: number): string {
  return `action:${actionKey}:${customerId}:${subject ?? "-"}:${period}:${slot}`;
}

/** The ledger's sourceId of an action's credits for a subject: what the earlier credits are looked up by. */
export function creditSource(actionKey: string, subject: string | null): string {
  return subject === null ? actionKey : `${actionKey}:${subject}`;
}

/** The period and slot a credit key holds (the last two parts); null for a key that is not a credit's. */
export function parseCreditKey(key: string): PriorCredit | null {
  const parts = key.split(":");
  if (parts[0] !== "action" || parts.length < 6) return null;
  const slot = Number(parts[parts.length - 1]);
  const period = parts[parts.length - 2]!;
  return Number.isSafeInteger(slot) && slot > 0 ? { period, slot } : null;
}

// ── Birthdays and anniversaries ──────────────────────────────────────────────────────────────────────────

/** A day and month a shopper may give as a birthday (29 February included). */
export function isValidBirthday(month: unknown, day: unknown): boolean {
  if (!wholeNumber(month, 1, 12) || !wholeNumber(day, 1, 31)) return false;
  return day <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/**
 * The first year a birthday earns when it is set (or changed) on `setAt`: the year of its next occurrence (today
 * counts as next), unless that is fewer than `leadDays` days away — then the year after. So nobody gets points by
 * entering tomorrow's date, and a birthday given well ahead earns on its first occurrence.
 */
export function birthdayFirstYear(month: number, day: number, setAt: Date, zone: string, leadDays: number): number {
  const today = localDate(setAt, zone);
  let next = yearlyOccurrence(month, day, today.year);
  if (dayNumber(next) < dayNumber(today)) next = yearlyOccurrence(month, day, today.year + 1);
  return dayNumber(next) - dayNumber(today) < leadDays ? next.year + 1 : next.year;
}

/** Whether a yearly day-and-month falls on `date` (29 February on 28 February in other years). */
export function fallsOn(month: number, day: number, date: CivilDate): boolean {
  const occurrence = yearlyOccurrence(month, day, date.year);
  return occurrence.month === date.month && occurrence.day === date.day;
}

/** A member's birthday is due on the shop-local `today` once its first earning year has come. */
export function birthdayDue(birthday: { month: number; day: number; firstYear: number }, today: CivilDate): boolean {
  return today.year >= birthday.firstYear && fallsOn(birthday.month, birthday.day, today);
}

/** The joining anniversary is due on `today` from the first full year on (joining day itself is not one). */
export function anniversaryDue(joined: CivilDate, today: CivilDate): boolean {
  return today.year > joined.year && fallsOn(joined.month, joined.day, today);
}

/** The shop-local dates whose members have their anniversary today: the same day of each earlier year. */
export function anniversaryJoinDates(today: CivilDate, firstYear: number): CivilDate[] {
  const dates: CivilDate[] = [];
  for (let year = firstYear; year < today.year; year += 1) {
    const candidates = [yearlyOccurrence(today.month, today.day, year)];
    // On 28 February of a year without a 29th, those who joined on a 29 February celebrate too.
    if (today.month === 2 && today.day === 28 && !isLeapYear(today.year) && isLeapYear(year)) {
      candidates.push({ year, month: 2, day: 29 });
    }
    for (const candidate of candidates) if (anniversaryDue(candidate, today)) dates.push(candidate);
  }
  return dates;
}

// ── Newsletter ───────────────────────────────────────────────────────────────────────────────────────────

/** Shopify's email marketing consent states (customers/update `email_marketing_consent.state`). */
export type EmailConsentState = "subscribed" | "not_subscribed" | "unsubscribed" | "pending" | "invalid" | "redacted";

/** Points for the newsletter are earned when the consent is subscribed; the "once" limit keeps it to once ever. */
export function earnsNewsletter(state: EmailConsentState | null): boolean {
  return state === "subscribed";
}

// ── What the storefront shows ────────────────────────────────────────────────────────────────────────────

/** An enabled way to earn as the storefront panel gets it: no internal fields. */
export type StorefrontAction = {
  key: string;
  kind: ActionKind;
  points: number;
  limit: ActionLimit;
  names: Partial<Record<ActionLocale, string>>;
  network: SocialNetwork | null;
  url: string | null;
  photoBonus: number;
};

export function storefrontActions(actions: ActionDefinition[]): StorefrontAction[] {
  return actions
    .filter((action) => action.enabled && action.points > 0)
    .map((action) => ({
      key: action.key,
      kind: action.kind,
      points: action.points,
      limit: action.limit,
      names: action.names,
      network: socialNetworkOf(action.key),
      url: action.url,
      photoBonus: action.photoBonus,
    }));
}

/**
 * Whether a member has used up an action for now (the panel shows it as done): its current period has no free slot.
 * Actions counted per subject (reviews) are never "done" as a whole.
 */
export function actionDone(action: ActionDefinition, prior: PriorCredit[], now: Date, zone: string): boolean {
  if (action.kind === "product_review") return false;
  return decideCredit({ ...action, enabled: true, points: Math.max(action.points, 1) }, prior, now, zone).allowed === false;
}
