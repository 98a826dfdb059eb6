// VIP tiers: what a shop's tiers are, and which tier a member holds, as pure functions of the member's qualifying
// activity (orders paid, refunded, cancelled) and the shop's tier rules. No I/O: app/persistence/member-tiers.ts keeps
// the state these functions return, in the same transaction as the ledger write that caused it.
//
// The rules, stated once (the admin's Tiers page and the storefront's progress text say the same):
// - Measure, one per program: points earned from orders (the points credited, after any tier multiplier, net of
//   refunds), money spent (lines after discounts, without shipping and taxes, net of refunds, minor units of the shop
//   currency) or orders placed (a cancelled order stops counting).
// - Period: lifetime, calendar year, or rolling 12 months (the current shop-local month and the 11 before it). An
//   activity counts in the local month its order was paid in, in the shop's IANA time zone; a refund lowers the
//   month its order counted in.
// - Up at once: as soon as an activity takes the current period's progress over a threshold.
// - Down only at a period end: at the start of each calendar year (lifetime and calendar year) or of each month
//   (rolling 12 months) the tier becomes the one the period that just ended qualifies for (or the one the new period
//   already does, if higher); so a tier earned in a year is kept through the next. With a grace period of N days,
//   a member who would go down keeps the tier for N more days and keeps it for good if the current period
//   qualifies again meanwhile. Refunds never take a tier away at once.
// - Entry reward: the points of a tier's entry reward are granted when a member moves up into that tier, once per
//   tier and member, ever (moving down and up again grants nothing).
// - Multiplier: earned points × multiplier, rounded down per order line (like earning itself), stored as a percentage
//   (125 = 1.25×). The multiplier of the tier held before the order applies; the order that crosses a threshold
//   earns at the old rate.
// - Staff can set a member's tier until a date: meanwhile nothing moves it; at that date the member gets the tier
//   their progress qualifies for (the ended period or the current one, whichever is higher).
// - Editing the rules re-evaluates every member from their activity under the new rules: whoever now qualifies for
//   a higher tier moves up at once; whoever now qualifies for a lower one keeps their tier until the next period end.
//   A member whose tier was deleted gets their re-evaluated tier at once.
import { formatMinorUnits, MoneyFormatError, toMinorUnits } from "./money";
import { localDaysLater, monthIndexAt, monthStart, yearStartMonth, type MonthIndex } from "./tier-periods";

export const TIER_MEASURES = ["points_earned", "money_spent", "orders_placed"] as const;
export const TIER_PERIODS = ["lifetime", "calendar_year", "rolling_12_months"] as const;
export type TierMeasure = (typeof TIER_MEASURES)[number];
export type TierPeriod = (typeof TIER_PERIODS)[number];

export const MAX_TIERS = 10;
export const MAX_NAME_LENGTH = 40;
export const MAX_GRACE_DAYS = 365;
/** Multipliers are percentages: 100 (1×) to 1000 (10×), two decimals of the factor. */
export const MIN_MULTIPLIER_PERCENT = 100;
export const MAX_MULTIPLIER_PERCENT = 1000;
export const MAX_ENTRY_REWARD = 1_000_000;
/** The largest threshold (points, orders, or minor units of money). */
export const MAX_THRESHOLD = 1_000_000_000_000;
/** The languages tier names are given in; English is required, the others fall back to it. */
export const TIER_NAME_LOCALES = ["en", "pl", "ru", "ro"] as const;
export type TierNameLocale = (typeof TIER_NAME_LOCALES)[number];

export type TierDefinition = {
  /** Stable across edits (the database row id), so a member's tier and entry rewards survive reordering. */
  id: string;
  names: Partial<Record<TierNameLocale, string>> & { en: string };
  /** In the measure's unit: points, minor units of the shop currency, or orders. */
  threshold: number;
  multiplierPercent: number;
  entryRewardPoints: number;
  freeShipping: boolean;
  /** The ways-to-earn issue's birthday/anniversary bonus is multiplied by this (percent); nothing reads it yet. */
  birthdayMultiplierPercent: number;
};

export type TierRules = {
  measure: TierMeasure;
  period: TierPeriod;
  graceDays: number;
  /** Lowest first; thresholds strictly increasing. */
  tiers: TierDefinition[];
};

// ── Validation ──────────────────────────────────────────────────────────────────────────────────────────────────

/** A tier as the admin form sends it: numbers as text, money as a decimal in the shop currency. */
export type TierFormTier = {
  id: string;
  position: string;
  names: Partial<Record<TierNameLocale, string>>;
  threshold: string;
  multiplier: string;
  entryReward: string;
  freeShipping: boolean;
  birthdayMultiplier: string;
};

export type TierForm = { measure: string; period: string; graceDays: string; tiers: TierFormTier[] };

/** A problem with one field: `tiers.2.threshold` is the threshold of the form's third tier (as sent). */
export type TierFormIssue = { field: string; code: string };

export type TierFormResult = { ok: true; rules: TierRules } | { ok: false; issues: TierFormIssue[] };

function wholeNumber(text: string, min: number, max: number): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) && value >= min && value <= max ? value : null;
}

/**
 * "1.25" → 125. At most two decimals; anything else (or outside 1–10) is refused rather than rounded, so the factor
 * the merchant sees is the one applied.
 */
export function parseMultiplier(text: string): number | null {
  const match = /^(\d{1,2})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const percent = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return percent >= MIN_MULTIPLIER_PERCENT && percent <= MAX_MULTIPLIER_PERCENT ? percent : null;
}

/** 125 → "1.25", 100 → "1". */
export function formatMultiplier(percent: number): string {
  const whole = Math.floor(percent / 100);
  const cents = percent % 100;
  if (cents === 0) return String(whole);
  return `${whole}.${String(cents).padStart(2, "0").replace(/0$/, "")}`;
}

function parseThreshold(text: string, measure: TierMeasure, currency: string): number | null {
  if (measure !== "money_spent") return wholeNumber(text, 0, MAX_THRESHOLD);
  try {
    const minor = toMinorUnits(text.trim(), currency);
    return minor >= 0 && minor <= MAX_THRESHOLD ? minor : null;
  } catch (error) {
    if (error instanceof MoneyFormatError) return null;
    throw error;
  }
}

/** The threshold as the form shows it. */
export function formatThreshold(threshold: number, measure: TierMeasure, currency: string): string {
  return measure === "money_spent" ? formatMinorUnits(threshold, currency) : String(threshold);
}

/**
 * The admin form → tier rules, or every problem found, each on its field. Tiers are ordered by their position
 * number (the page reorders by number, no dragging); thresholds must then strictly increase.
 */
export function validateTierForm(form: TierForm, currency: string): TierFormResult {
  const issues: TierFormIssue[] = [];
  const measure = (TIER_MEASURES as readonly string[]).includes(form.measure) ? (form.measure as TierMeasure) : null;
  if (!measure) issues.push({ field: "measure", code: "invalid" });
  const period = (TIER_PERIODS as readonly string[]).includes(form.period) ? (form.period as TierPeriod) : null;
  if (!period) issues.push({ field: "period", code: "invalid" });
  const graceDays = wholeNumber(form.graceDays || "0", 0, MAX_GRACE_DAYS);
  if (graceDays === null) issues.push({ field: "graceDays", code: "out_of_range" });
  if (form.tiers.length > MAX_TIERS) issues.push({ field: "tiers", code: "too_many" });

  type Parsed = { index: number; position: number | null; tier: TierDefinition | null };
  const parsed: Parsed[] = form.tiers.map((input, index) => {
    const field = (name: string) => `tiers.${index}.${name}`;
    const before = issues.length;
    const position = wholeNumber(input.position, 1, 1000);
    if (position === null) issues.push({ field: field("position"), code: "invalid" });
    const names: TierDefinition["names"] = { en: (input.names.en ?? "").trim() };
    if (!names.en) issues.push({ field: field("names.en"), code: "required" });
    for (const locale of TIER_NAME_LOCALES) {
      const name = (input.names[locale] ?? "").trim();
      if (name.length > MAX_NAME_LENGTH) issues.push({ field: field(`names.${locale}`), code: "too_long" });
      else if (name && locale !== "en") names[locale] = name;
    }
    const threshold = measure ? parseThreshold(input.threshold, measure, currency) : null;
    if (measure && threshold === null) issues.push({ field: field("threshold"), code: "invalid" });
    const multiplierPercent = parseMultiplier(input.multiplier || "1");
    if (multiplierPercent === null) issues.push({ field: field("multiplier"), code: "out_of_range" });
    const birthdayMultiplierPercent = parseMultiplier(input.birthdayMultiplier || "1");
    if (birthdayMultiplierPercent === null) issues.push({ field: field("birthdayMultiplier"), code: "out_of_range" });
    const entryRewardPoints = wholeNumber(input.entryReward || "0", 0, MAX_ENTRY_REWARD);
    if (entryRewardPoints === null) issues.push({ field: field("entryReward"), code: "out_of_range" });
    const ok = issues.length === before && threshold !== null;
    return {
      index,
      position,
      tier: ok
        ? {
            id: input.id,
            names,
            threshold,
            multiplierPercent: multiplierPercent!,
            entryRewardPoints: entryRewardPoints!,
            freeShipping: input.freeShipping,
            birthdayMultiplierPercent: birthdayMultiplierPercent!,
          }
        : null,
    };
  });

  const positions = new Map<number, number>();
  for (const entry of parsed) {
    if (entry.position === null) continue;
    if (positions.has(entry.position)) issues.push({ field: `tiers.${entry.index}.position`, code: "duplicate" });
    else positions.set(entry.position, entry.index);
  }
  for (const locale of TIER_NAME_LOCALES) {
    const seen = new Set<string>();
    form.tiers.forEach((input, index) => {
      const name = (input.names[locale] ?? "").trim().toLocaleLowerCase(locale);
      if (!name) return;
      if (seen.has(name)) issues.push({ field: `tiers.${index}.names.${locale}`, code: "duplicate" });
      seen.add(name);
    });
  }
  const ordered = [...parsed].sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity) || a.index - b.index);
  let previous: number | null = null;
  for (const entry of ordered) {
    if (!entry.tier) {
      previous = null;
      continue;
    }
    if (previous !== null && entry.tier.threshold <= previous) {
      issues.push({ field: `tiers.${entry.index}.threshold`, code: "not_increasing" });
    }
    previous = entry.tier.threshold;
  }
  if (issues.length > 0 || !measure || !period || graceDays === null) return { ok: false, issues };
  return { ok: true, rules: { measure, period, graceDays, tiers: ordered.map((entry) => entry.tier!) } };
}

// ── Benefits ────────────────────────────────────────────────────────────────────────────────────────────────────

/** A line's points with the tier's multiplier: rounded down, like earning. */
export function multiplyPoints(points: number, multiplierPercent: number): number {
  if (multiplierPercent === 100 || points <= 0) return points;
  return Number((BigInt(points) * BigInt(multiplierPercent)) / 100n);
}

export function tierById(rules: TierRules, tierId: string | null): TierDefinition | null {
  return tierId === null ? null : (rules.tiers.find((tier) => tier.id === tierId) ?? null);
}

/** The tier's name in a language, English when it has none there. */
export function tierName(tier: TierDefinition, locale: string): string {
  return tier.names[locale as TierNameLocale] ?? tier.names.en;
}

/** Whether a reward limited to `minimumTierId` is open to a member of `tierId` (that tier or above). */
export function tierAllows(rules: TierRules, tierId: string | null, minimumTierId: string | null): boolean {
  if (minimumTierId === null) return true;
  const needed = rank(rules, minimumTierId);
  if (needed < 0) return true; // the tier was deleted: the limit no longer applies
  return rank(rules, tierId) >= needed;
}

// ── Evaluation ──────────────────────────────────────────────────────────────────────────────────────────────────

/** One qualifying event of a member. Deltas: a refund has negative amounts, a cancellation −1 order. */
export type TierActivity = {
  /** When it happened (applied): the order matters for what a member held when. */
  at: number;
  /** When its order was paid: the month it counts in. */
  countsAt: number;
  points: number;
  moneyMinor: number;
  orders: number;
};

/** What is kept per member; plain JSON. */
export type TierState = {
  tierId: string | null;
  since: number | null;
  /** Progress per shop-local month (month index → amount in the measure's unit), the last KEEP_MONTHS months. */
  months: Record<string, number>;
  /** Progress of months older than those: only lifetime programs read it. */
  older: number;
  /** The month the period being counted started in: the last period end processed. */
  periodMonth: MonthIndex | null;
  /** A downgrade deferred by the grace period takes effect then (if the member has not qualified again). */
  graceUntil: number | null;
  /** Set by staff: nothing changes the tier before then. */
  holdUntil: number | null;
  /** Tiers whose entry reward this member has had. */
  rewarded: string[];
};

export type TierChangeCause = "qualified" | "period_end" | "grace_end" | "hold_end" | "rules_changed" | "manual";
export type TierChange = { from: string | null; to: string | null; at: number; cause: TierChangeCause };
export type EntryReward = { tierId: string; points: number; at: number };
export type TierStep = { state: TierState; changes: TierChange[]; rewards: EntryReward[] };

/** Two calendar years of months: enough for the ended and the current period of every kind. */
const KEEP_MONTHS = 24;

export function emptyTierState(): TierState {
  return { tierId: null, since: null, months: {}, older: 0, periodMonth: null, graceUntil: null, holdUntil: null, rewarded: [] };
}

/** The tier's position, lowest 0; −1 for no tier or one the rules no longer have. */
export function rank(rules: TierRules, tierId: string | null): number {
  return tierId === null ? -1 : rules.tiers.findIndex((tier) => tier.id === tierId);
}

export function amountOf(activity: Pick<TierActivity, "points" | "moneyMinor" | "orders">, measure: TierMeasure): number {
  return measure === "points_earned" ? activity.points : measure === "money_spent" ? activity.moneyMinor : activity.orders;
}

/** The highest tier an amount of progress qualifies for. */
export function tierFor(rules: TierRules, amount: number): TierDefinition | null {
  let found: TierDefinition | null = null;
  for (const tier of rules.tiers) if (amount >= tier.threshold) found = tier;
  return found;
}

/** Progress of months from … to (a window of at most 12, read month by month). */
function sumMonths(state: TierState, from: MonthIndex, to: MonthIndex): number {
  let sum = 0;
  for (let month = from; month <= to; month++) sum += state.months[month] ?? 0;
  return sum;
}

function lifetime(state: TierState): number {
  return Object.values(state.months).reduce((sum, amount) => sum + amount, state.older);
}

/** Progress in the current period at a moment in `month`. */
export function currentProgress(state: TierState, rules: TierRules, month: MonthIndex): number {
  if (rules.period === "lifetime") return lifetime(state);
  if (rules.period === "calendar_year") return sumMonths(state, yearStartMonth(month), month);
  return sumMonths(state, month - 11, month);
}

/** Progress of the period that ended when the period starting in `boundary` began. */
function endedProgress(state: TierState, rules: TierRules, boundary: MonthIndex): number {
  if (rules.period === "lifetime") {
    let sum = state.older;
    for (const [key, amount] of Object.entries(state.months)) if (Number(key) < boundary) sum += amount;
    return sum;
  }
  return sumMonths(state, boundary - 12, boundary - 1);
}

/** The month the period containing `month` starts in. */
export function periodStartMonth(rules: TierRules, month: MonthIndex): MonthIndex {
  return rules.period === "rolling_12_months" ? month : yearStartMonth(month);
}

/** The month the next period starts in (its start is a period end: a downgrade check). */
export function nextPeriodMonth(rules: TierRules, month: MonthIndex): MonthIndex {
  return rules.period === "rolling_12_months" ? month + 1 : yearStartMonth(month) + 12;
}

function cloneState(state: TierState): TierState {
  return { ...state, months: { ...state.months }, rewarded: [...state.rewarded] };
}

/** Mutates `step`: the member moves to `to` (up or down), with an entry reward when up into a tier not had before. */
function moveTo(step: TierStep, rules: TierRules, to: TierDefinition | null, at: number, cause: TierChangeCause, reward: boolean) {
  const { state } = step;
  const toId = to?.id ?? null;
  if (toId === state.tierId) return;
  const up = rank(rules, toId) > rank(rules, state.tierId);
  step.changes.push({ from: state.tierId, to: toId, at, cause });
  state.tierId = toId;
  state.since = at;
  state.graceUntil = null;
  if (up && to && reward && !state.rewarded.includes(to.id)) {
    state.rewarded.push(to.id);
    if (to.entryRewardPoints > 0) step.rewards.push({ tierId: to.id, points: to.entryRewardPoints, at });
  }
}

function holding(state: TierState, at: number): boolean {
  return state.holdUntil !== null && state.holdUntil > at;
}

function settledTier(state: TierState, rules: TierRules, month: MonthIndex): TierDefinition | null {
  const boundary = state.periodMonth ?? month;
  return tierFor(rules, Math.max(endedProgress(state, rules, boundary), currentProgress(state, rules, month)));
}

/**
 * Processes every period end, grace expiry and hold expiry up to `until`, in time order: what the scheduled job
 * does, and what every write does first, so a member's state never depends on when the job last ran.
 */
export function advanceTierState(state: TierState, rules: TierRules, zone: string, until: number): TierStep {
  const step: TierStep = { state: cloneState(state), changes: [], rewards: [] };
  const s = step.state;
  for (;;) {
    if (s.periodMonth === null) return step;
    const boundaryMonth = nextPeriodMonth(rules, s.periodMonth);
    const boundaryAt = monthStart(boundaryMonth, zone);
    const next = Math.min(boundaryAt, s.graceUntil ?? Infinity, s.holdUntil ?? Infinity);
    if (next > until) return step;
    if (s.holdUntil !== null && s.holdUntil === next) {
      s.holdUntil = null;
      moveTo(step, rules, settledTier(s, rules, monthIndexAt(next, zone)), next, "hold_end", false);
    } else if (s.graceUntil !== null && s.graceUntil === next) {
      s.graceUntil = null;
      const target = settledTier(s, rules, monthIndexAt(next, zone));
      if (rank(rules, target?.id ?? null) < rank(rules, s.tierId)) moveTo(step, rules, target, next, "grace_end", false);
    } else {
      s.periodMonth = boundaryMonth;
      for (const key of Object.keys(s.months)) {
        if (Number(key) < boundaryMonth - KEEP_MONTHS) {
          s.older += s.months[key]!;
          delete s.months[key];
        }
      }
      if (holding(s, boundaryAt)) continue;
      const target = settledTier(s, rules, boundaryMonth);
      const targetRank = rank(rules, target?.id ?? null);
      const currentRank = rank(rules, s.tierId);
      if (targetRank > currentRank) moveTo(step, rules, target, boundaryAt, "qualified", true);
      else if (targetRank < currentRank) {
        if (rules.graceDays === 0) moveTo(step, rules, target, boundaryAt, "period_end", false);
        else if (s.graceUntil === null) s.graceUntil = localDaysLater(boundaryAt, rules.graceDays, zone);
      } else s.graceUntil = null;
    }
  }
}

/** One qualifying event, after catching up on period ends: progress moves, and the member may move up (never down). */
export function applyTierActivity(state: TierState, rules: TierRules, zone: string, activity: TierActivity): TierStep {
  const step = advanceTierState(state, rules, zone, activity.at);
  const s = step.state;
  const month = monthIndexAt(activity.at, zone);
  if (s.periodMonth === null) s.periodMonth = periodStartMonth(rules, month);
  const amount = amountOf(activity, rules.measure);
  if (amount !== 0) {
    const bucket = monthIndexAt(activity.countsAt, zone);
    if (bucket < s.periodMonth - KEEP_MONTHS) s.older += amount;
    else {
      const total = (s.months[bucket] ?? 0) + amount;
      if (total === 0) delete s.months[bucket];
      else s.months[bucket] = total;
    }
  }
  if (holding(s, activity.at)) return step;
  const target = tierFor(rules, currentProgress(s, rules, month));
  const targetRank = rank(rules, target?.id ?? null);
  if (targetRank > rank(rules, s.tierId)) moveTo(step, rules, target, activity.at, "qualified", true);
  else if (s.graceUntil !== null && targetRank >= rank(rules, s.tierId)) s.graceUntil = null; // qualified again
  return step;
}

/** Sorted by when each happened; equal times keep their given order. */
function inTimeOrder(activities: readonly TierActivity[]): TierActivity[] {
  return activities.map((activity, index) => ({ activity, index })).sort((a, b) => a.activity.at - b.activity.at || a.index - b.index).map((entry) => entry.activity);
}

/** A member's tier state recomputed from scratch: every activity in time order, then every period end up to `until`. */
export function evaluateTierHistory(rules: TierRules, zone: string, activities: readonly TierActivity[], until: number): TierStep {
  const result: TierStep = { state: emptyTierState(), changes: [], rewards: [] };
  for (const activity of inTimeOrder(activities)) {
    const step = applyTierActivity(result.state, rules, zone, activity);
    result.state = step.state;
    result.changes.push(...step.changes);
    result.rewards.push(...step.rewards);
  }
  const last = advanceTierState(result.state, rules, zone, until);
  return { state: last.state, changes: [...result.changes, ...last.changes], rewards: [...result.rewards, ...last.rewards] };
}

/** What an edit does to a member (the preview before saving counts these). */
export type TierMove = "up" | "down_at_period_end" | "tier_deleted" | "same";

/**
 * After the rules changed: the member's state recomputed from their activity under the new rules, merged with what
 * they hold now. Up at once (with the entry reward of the tier entered, if never had); a lower tier waits for the
 * next period end (the state keeps the current tier, and the period end's check decides); a staff hold stays.
 * Entry rewards already had are remembered, so none is ever granted twice. A member whose tier was deleted gets
 * their recomputed tier at once.
 */
export function reevaluateTierState(
  current: TierState,
  rules: TierRules,
  zone: string,
  activities: readonly TierActivity[],
  now: number,
): TierStep & { move: TierMove } {
  const fresh = evaluateTierHistory(rules, zone, activities, now).state;
  const state: TierState = { ...fresh, tierId: current.tierId, since: current.since, rewarded: [...current.rewarded], holdUntil: current.holdUntil, graceUntil: null };
  const step: TierStep = { state, changes: [], rewards: [] };
  const freshRank = rank(rules, fresh.tierId);
  const currentRank = rank(rules, current.tierId);
  const deleted = current.tierId !== null && currentRank < 0;
  if (holding(current, now)) return { ...step, move: "same" };
  if (deleted) {
    moveTo(step, rules, tierById(rules, fresh.tierId), now, "rules_changed", true);
    return { ...step, move: "tier_deleted" };
  }
  if (freshRank > currentRank) {
    moveTo(step, rules, tierById(rules, fresh.tierId), now, "rules_changed", true);
    return { ...step, move: "up" };
  }
  if (freshRank < currentRank) {
    // Kept until the next period end; a grace period the recomputed history is already in still runs.
    state.graceUntil = fresh.graceUntil;
    return { ...step, move: "down_at_period_end" };
  }
  state.graceUntil = fresh.graceUntil;
  return { ...step, move: "same" };
}

/** Staff sets the tier until a date (null tier: no tier). Audited by the caller. */
export function assignTier(state: TierState, rules: TierRules, tierId: string | null, holdUntil: number, at: number): TierStep {
  const step: TierStep = { state: cloneState(state), changes: [], rewards: [] };
  const target = tierById(rules, tierId);
  if (tierId !== null && !target) throw new RangeError(`no tier ${tierId}`);
  moveTo(step, rules, target, at, "manual", false);
  step.state.holdUntil = holdUntil;
  step.state.graceUntil = null;
  return step;
}

/** What the shopper and staff see: the tier, the next one, what is still needed, and by when. */
export type TierStanding = {
  tier: TierDefinition | null;
  next: TierDefinition | null;
  /** Progress in the current period, in the measure's unit. */
  progress: number;
  /** Still needed for the next tier (0 when there is none). */
  needed: number;
  /** When the current period's progress stops counting (null for lifetime): "by when". */
  periodEndsAt: number | null;
  /** Held by staff until then. */
  holdUntil: number | null;
};

export function tierStanding(stored: TierState | null, rules: TierRules, zone: string, now: number): TierStanding {
  const state = advanceTierState(stored ?? emptyTierState(), rules, zone, now).state;
  const month = monthIndexAt(now, zone);
  const progress = currentProgress(state, rules, month);
  // A member with no activity yet still holds a tier whose threshold is 0.
  const tier = rank(rules, state.tierId) >= 0 ? tierById(rules, state.tierId) : tierFor(rules, 0);
  const next = rules.tiers[rank(rules, tier?.id ?? null) + 1] ?? null;
  return {
    tier,
    next,
    progress,
    needed: next ? Math.max(0, next.threshold - progress) : 0,
    periodEndsAt: rules.period === "lifetime" ? null : monthStart(nextPeriodMonth(rules, month), zone),
    holdUntil: holding(state, now) ? state.holdUntil : null,
  };
}

/** When the scheduled check must next look at this member: the next period end, grace or hold expiry. */
export function nextTierCheckAt(state: TierState, rules: TierRules, zone: string): number | null {
  if (state.periodMonth === null) return null;
  return Math.min(monthStart(nextPeriodMonth(rules, state.periodMonth), zone), state.graceUntil ?? Infinity, state.holdUntil ?? Infinity);
}

/** Steps one after another, as one. */
export function combineSteps(first: TierStep, second: TierStep): TierStep {
  return { state: second.state, changes: [...first.changes, ...second.changes], rewards: [...first.rewards, ...second.rewards] };
}
