// Points expiry as pure functions of a member's ledger entries and dates.
//
// Lots. Every entry that adds available points (a release, a bonus, an adjustment up, a returned redemption, an
// import) opens a lot of that many points, available from the entry's time. Every entry that takes available
// points (a redemption, a reversal after release, an adjustment down, an expiry) consumes the OLDEST open lots
// first. A take larger than the open lots leaves a debt, which the next lots pay first. So at every point of the
// ledger:  available = sum(open lots' remaining) − debt, and debt > 0 only when available < 0  (the invariant the
// property test checks). Pending points are not in any lot (they are not available): pending never expires.
//
// Lots are derived from the append-only ledger, not stored: the webhook, redemption and adjustment paths write
// nothing more and read nothing more whether expiry is on or off; only the expiry job reads a member's entries.
//
// Policies (per shop, in the shop's time zone):
//   none                 nothing expires (the default)
//   inactivity, N months all open points expire N months after the member's last earning or redemption
//   per_lot, N months    each lot expires N months after it became available
// A lot "expires N months after" day D: it is good through the same day N months later (the month's last day when
// that month is shorter: 31 March + 1 month → 30 April) and expires at the start of the next local day.
//
// Fairness: a policy set or changed at time C never expires anything before C + REMINDER_LEADS_DAYS[0] days (the
// first reminder's lead), so every member can be told first. An expiry never takes more than the member's
// available balance (never negative), and never pending points.
//
// Refunds after expiry (the rule): a refund or cancellation of an order whose points were released takes back only
// what of the order did not expire — at most its released points, less what was already taken back, less what of
// its lot expired (app/persistence/points-expiry.ts capReversalsAfterExpiry). Points the member spent are still taken
// back, as they were before expiry existed; points that expired are never taken twice. Like any take, the reversal
// consumes the oldest open lots first, and a take beyond them leaves a debt the next points repay.
import { DateTime } from "luxon";
import { dayNumber, formatDate, fromDayNumber, localDate, localDayStart, shopZone } from "./local-calendar";

export type ExpiryPolicy =
  | { kind: "none" }
  | { kind: "inactivity"; months: number }
  | { kind: "per_lot"; months: number };

/** Reminders before an expiry, in days: the first one is also the grace after a policy change. */
export const REMINDER_LEADS_DAYS = [30, 7] as const;
export const POLICY_MONTHS_MAX = 120;

/** What the rules need of a ledger entry. */
export type LotEntry = { id: number; kind: string; availableDelta: number; pendingDelta: number; createdAt: Date };

export type Lot = { entryId: number; points: number; remaining: number; availableAt: Date };

export type LotState = { lots: Lot[]; debt: number; available: number; lastActivityAt: Date | null };

/** Kinds that count as activity for the inactivity policy: the member earned or spent. */
const ACTIVITY_KINDS = new Set(["release", "redeem", "action_bonus", "adjust", "import"]);

/** The lots after `entries` (in ledger order), and what each take consumed (entry id → [lot id, points][]). */
export function buildLots(entries: readonly LotEntry[]): LotState & { consumed: Map<number, Array<[number, number]>> } {
  const lots: Lot[] = [];
  const consumed = new Map<number, Array<[number, number]>>();
  let debt = 0;
  let available = 0;
  let lastActivityAt: Date | null = null;
  let firstOpen = 0;
  for (const entry of entries) {
    available += entry.availableDelta;
    if (ACTIVITY_KINDS.has(entry.kind) && (entry.kind !== "adjust" || entry.availableDelta > 0)) lastActivityAt = entry.createdAt;
    if (entry.availableDelta > 0) {
      const paid = Math.min(debt, entry.availableDelta);
      debt -= paid;
      const points = entry.availableDelta - paid;
      if (points > 0) lots.push({ entryId: entry.id, points, remaining: points, availableAt: entry.createdAt });
    } else if (entry.availableDelta < 0) {
      let take = -entry.availableDelta;
      const parts: Array<[number, number]> = [];
      while (take > 0 && firstOpen < lots.length) {
        const lot = lots[firstOpen]!;
        const part = Math.min(lot.remaining, take);
        lot.remaining -= part;
        take -= part;
        parts.push([lot.entryId, part]);
        if (lot.remaining === 0) firstOpen += 1;
      }
      debt += take;
      consumed.set(entry.id, parts);
    }
  }
  return { lots: lots.filter((lot) => lot.remaining > 0), debt, available, lastActivityAt, consumed };
}

/** The instant a day counted from `from` expires: start of the local day after the same day `months` later. */
export function expiresAfterMonths(from: Date, months: number, zone: string): Date {
  const known = zones.get(zone) ?? (zones.set(zone, shopZone(zone)), zones.get(zone)!);
  const day = fastLocalDate(from.getTime(), known);
  const key = `${zone}|${months}|${day.year}-${day.month}-${day.day}`;
  let at = expiryByDay.get(key);
  if (at === undefined) {
    // luxon clamps 31 March + 1 month to 30 April; the start of the next local day is the expiry.
    const last = DateTime.fromObject({ year: day.year, month: day.month, day: day.day }, { zone: known }).plus({ months });
    at = localDayStart(fromDayNumber(dayNumber({ year: last.year, month: last.month, day: last.day }) + 1), known).getTime();
    if (expiryByDay.size > 100_000) expiryByDay.clear();
    expiryByDay.set(key, at);
  }
  return new Date(at);
}

// A sweep asks for the expiry of every lot of every member; luxon's zone arithmetic costs ~0.2 ms a call here, so the
// local date is read with a cached Intl formatter and the expiry is computed once per (zone, months, local day).
const expiryByDay = new Map<string, number>();
// shopZone's validity check builds an Intl formatter each call: once per zone name is enough.
const zones = new Map<string, string>();
const formatters = new Map<string, Intl.DateTimeFormat>();

function fastLocalDate(ms: number, zone: string): { year: number; month: number; day: number } {
  // Zone offsets are whole quarter hours and change only on quarter-hour boundaries: one offset per 15 minutes.
  const bucket = Math.floor(ms / 900_000);
  const key = `${zone}|${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    let format = formatters.get(zone);
    if (!format) {
      format = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" });
      formatters.set(zone, format);
    }
    const start = bucket * 900_000;
    const parts = format.formatToParts(start);
    const value = (type: string) => Number(parts.find((part) => part.type === type)!.value);
    offset = Date.UTC(value("year"), value("month") - 1, value("day"), value("hour"), value("minute")) - start;
    if (offsets.size > 200_000) offsets.clear();
    offsets.set(key, offset);
  }
  const local = new Date(ms + offset);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

const offsets = new Map<string, number>();

/** No expiry before this instant under a policy set or changed at `changedAt`. */
export function graceUntil(changedAt: Date): Date {
  return new Date(changedAt.getTime() + REMINDER_LEADS_DAYS[0] * 24 * 3600_000);
}

export type LotExpiry = { entryId: number; points: number; expiresAt: Date };

/**
 * When each open lot expires under `policy`, oldest first: the points that will go and when (nothing under none).
 * The debt is repaid before anything expires: a member in debt has no open lots.
 */
export function lotExpiries(state: LotState, policy: ExpiryPolicy, policyChangedAt: Date, zone: string): LotExpiry[] {
  if (policy.kind === "none" || state.lots.length === 0) return [];
  const floor = graceUntil(policyChangedAt).getTime();
  const at = (date: Date) => new Date(Math.max(date.getTime(), floor));
  if (policy.kind === "inactivity") {
    const last = state.lastActivityAt ?? state.lots[state.lots.length - 1]!.availableAt;
    const expiresAt = at(expiresAfterMonths(last, policy.months, zone));
    return state.lots.map((lot) => ({ entryId: lot.entryId, points: lot.remaining, expiresAt }));
  }
  return state.lots.map((lot) => ({ entryId: lot.entryId, points: lot.remaining, expiresAt: at(expiresAfterMonths(lot.availableAt, policy.months, zone)) }));
}

/**
 * What expires now: the lots whose time has come, capped by the available balance (which can be lower than the lots
 * only through a concurrent take; never negative). The points and the lots they come from.
 */
export function dueExpiry(state: LotState, policy: ExpiryPolicy, policyChangedAt: Date, zone: string, now: Date): { points: number; lots: Array<[number, number]> } {
  let budget = Math.max(0, state.available);
  const lots: Array<[number, number]> = [];
  for (const lot of lotExpiries(state, policy, policyChangedAt, zone)) {
    if (lot.expiresAt.getTime() > now.getTime() || budget === 0) continue;
    const points = Math.min(lot.points, budget);
    budget -= points;
    lots.push([lot.entryId, points]);
  }
  return { points: lots.reduce((sum, [, points]) => sum + points, 0), lots };
}

/** The reminders due now: for each lead (30, 7 days), the points expiring at the next expiry instant within it. */
export function dueReminders(state: LotState, policy: ExpiryPolicy, policyChangedAt: Date, zone: string, now: Date) {
  const expiries = lotExpiries(state, policy, policyChangedAt, zone).filter((lot) => lot.expiresAt.getTime() > now.getTime());
  if (expiries.length === 0) return [];
  const next = expiries[0]!.expiresAt;
  const points = expiries.filter((lot) => lot.expiresAt.getTime() === next.getTime()).reduce((sum, lot) => sum + lot.points, 0);
  const daysLeft = Math.ceil((next.getTime() - now.getTime()) / (24 * 3600_000));
  // The smallest lead that has been reached: a member first seen 5 days before gets the 7-day one, not both.
  const lead = [...REMINDER_LEADS_DAYS].sort((a, b) => a - b).find((days) => daysLeft <= days);
  if (lead === undefined || points <= 0) return [];
  // The last day the points can be used, shop-local.
  const lastDay = formatDate(localDate(new Date(next.getTime() - 1), zone));
  return [{ lead, points, expiresAt: next, lastDay, daysLeft }];
}

/** Points that would expire within `days` of `now` (the admin's preview of a policy before saving it). */
export function pointsExpiringWithin(state: LotState, policy: ExpiryPolicy, policyChangedAt: Date, zone: string, now: Date, days: number): number {
  const until = now.getTime() + days * 24 * 3600_000;
  let budget = Math.max(0, state.available);
  let total = 0;
  for (const lot of lotExpiries(state, policy, policyChangedAt, zone)) {
    if (lot.expiresAt.getTime() > until) continue;
    const points = Math.min(lot.points, budget);
    budget -= points;
    total += points;
  }
  return total;
}

export function readExpiryPolicy(kind: string | null | undefined, months: number | null | undefined): ExpiryPolicy {
  if ((kind === "inactivity" || kind === "per_lot") && Number.isSafeInteger(months) && months! >= 1 && months! <= POLICY_MONTHS_MAX) return { kind, months: months! };
  return { kind: "none" };
}

/** The admin's expiry form: policy and months, with field issues for anything else (nothing saved then). */
export function parseExpiryForm(form: { policy?: string; months?: string }): { ok: true; policy: ExpiryPolicy } | { ok: false; issues: Array<{ field: string; code: string; values?: Record<string, number> }> } {
  const kind = form.policy ?? "";
  if (kind !== "none" && kind !== "inactivity" && kind !== "per_lot") return { ok: false, issues: [{ field: "policy", code: "not_a_choice" }] };
  if (kind === "none") return { ok: true, policy: { kind } };
  const text = (form.months ?? "").trim();
  const months = Number(text);
  if (!/^\d{1,3}$/.test(text) || months < 1 || months > POLICY_MONTHS_MAX) return { ok: false, issues: [{ field: "months", code: "out_of_range", values: { min: 1, max: POLICY_MONTHS_MAX } }] };
  return { ok: true, policy: { kind, months } };
}
