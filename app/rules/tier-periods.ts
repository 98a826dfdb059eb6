// Calendar arithmetic for tiers, always in the shop's IANA time zone (Shopify's `ianaTimezone`), never the server's.
// Conversions between instants and local dates go through luxon, which reads the runtime's IANA data (Intl): no
// offset is ever computed by hand, so DST changes, zones far from UTC (Pacific/Kiritimati, UTC+14) and leap days
// come out as the shop's calendar has them.
//
// Tier progress is counted per local month: a month is named by its index, year × 12 + (month − 1), so 2026-01 is
// 24312 and the month before index M is M − 1 whatever the year.
import { DateTime } from "luxon";

export type MonthIndex = number;

function local(ms: number, zone: string): DateTime {
  const dt = DateTime.fromMillis(ms, { zone });
  if (!dt.isValid) throw new RangeError(`unknown time zone ${zone}`);
  return dt;
}

// Month starts are asked for again and again (every member's re-evaluation walks the same boundaries), and each is
// a pure function of zone and month: kept once computed. Bounded, since a few zones × a few centuries of months is all
// there ever is.
const monthStarts = new Map<string, Map<number, number>>();
const MAX_CACHED_PER_ZONE = 100_000;

/** The instant the local month starts: its first day's local midnight (or the first instant after, if DST skips it). */
export function monthStart(index: MonthIndex, zone: string): number {
  let starts = monthStarts.get(zone);
  if (!starts) monthStarts.set(zone, (starts = new Map()));
  const cached = starts.get(index);
  if (cached !== undefined) return cached;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const dt = DateTime.fromObject({ year, month, day: 1 }, { zone });
  if (!dt.isValid) throw new RangeError(`unknown time zone ${zone}`);
  if (starts.size >= MAX_CACHED_PER_ZONE) starts.clear();
  starts.set(index, dt.toMillis());
  return dt.toMillis();
}

/**
 * The shop-local month an instant falls in. Every zone is within a day of UTC, so the local month is the UTC month or
 * one of its neighbours: which one is decided by the (exact, cached) local month starts, with no offset arithmetic.
 */
export function monthIndexAt(ms: number, zone: string): MonthIndex {
  if (!Number.isFinite(ms)) throw new RangeError("not an instant");
  const utc = new Date(ms);
  let index = utc.getUTCFullYear() * 12 + utc.getUTCMonth();
  if (ms < monthStart(index, zone)) index -= 1;
  else if (ms >= monthStart(index + 1, zone)) index += 1;
  return index;
}

/** The first month of the local calendar year `index` is in. */
export function yearStartMonth(index: MonthIndex): MonthIndex {
  return Math.floor(index / 12) * 12;
}

/** "2026-03" for a month index. */
export function monthLabel(index: MonthIndex): string {
  const year = Math.floor(index / 12);
  return `${year}-${String(index - year * 12 + 1).padStart(2, "0")}`;
}

/**
 * The local midnight `days` days after the local day of `ms` started: a grace period of 30 days that starts on 1
 * January ends at the start of 31 January, shop time, however many DST changes or leap days lie between.
 */
export function localDaysLater(ms: number, days: number, zone: string): number {
  // Asked with the same period ends for every member: kept like month starts.
  const key = `${zone}|${ms}|${days}`;
  const cached = daysLater.get(key);
  if (cached !== undefined) return cached;
  const result = local(ms, zone).startOf("day").plus({ days }).toMillis();
  if (daysLater.size >= MAX_CACHED_PER_ZONE) daysLater.clear();
  daysLater.set(key, result);
  return result;
}

const daysLater = new Map<string, number>();

/** The shop-local calendar date of an instant, "YYYY-MM-DD". */
export function localDate(ms: number, zone: string): string {
  return local(ms, zone).toISODate()!;
}

/** The instant a shop-local date ("YYYY-MM-DD") starts; null if it is not a date. */
export function localDateStart(date: string, zone: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const dt = DateTime.fromObject({ year, month, day }, { zone });
  if (!dt.isValid || dt.month !== month || dt.day !== day) return null;
  return dt.toMillis();
}
