// Calendar arithmetic for tiers, always in the shop's IANA time zone (Shopify's `ianaTimezone`), never the server's.
// Conversions between instants and local dates go through luxon, which reads the runtime's IANA data (Intl): no
// offset is ever computed by hand, so DST changes, zones far from UTC (Pacific/Kiritimati, UTC+14) and leap days
// come out as the shop's calendar has them.
//
// Tier progress is counted per local month: a month is named by its index, year × 12 + (month − 1), so 2026-01 is
// 24312 and the month before index M is M − 1 whatever the year.
import { DateTime, IANAZone } from "luxon";

export type MonthIndex = number;

/** Whether Shopify's time zone name is one the runtime knows (an unknown one falls back to UTC at the edges). */
export function isKnownTimeZone(zone: string): boolean {
  return typeof zone === "string" && zone.length > 0 && IANAZone.isValidZone(zone);
}

function local(ms: number, zone: string): DateTime {
  const dt = DateTime.fromMillis(ms, { zone });
  if (!dt.isValid) throw new RangeError(`unknown time zone ${zone}`);
  return dt;
}

/** The shop-local month an instant falls in. */
export function monthIndexAt(ms: number, zone: string): MonthIndex {
  const dt = local(ms, zone);
  return dt.year * 12 + (dt.month - 1);
}

/** The instant the local month starts: its first day's local midnight (or the first instant after, if DST skips it). */
export function monthStart(index: MonthIndex, zone: string): number {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const dt = DateTime.fromObject({ year, month, day: 1 }, { zone });
  if (!dt.isValid) throw new RangeError(`unknown time zone ${zone}`);
  return dt.toMillis();
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
  return local(ms, zone).startOf("day").plus({ days }).toMillis();
}

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
