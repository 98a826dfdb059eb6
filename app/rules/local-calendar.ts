// The shop's calendar: which local day an instant falls on in the shop's IANA time zone, and when a local day starts.
// Every conversion between an instant and a zone goes through luxon (the runtime's IANA data via Intl), never an
// offset worked out by hand, so DST changes and zones far from UTC (Pacific/Kiritimati UTC+14, Pacific/Pago_Pago
// UTC−11) come out as the shop's own calendar has them. Arithmetic on civil dates (days between two dates, the
// Monday of a week) needs no zone at all and is done on the date's day number.
import { DateTime, IANAZone } from "luxon";

/** A calendar date with no time zone: what a shop-local day is. */
export type CivilDate = { year: number; month: number; day: number };

/** The zone to count in: Shopify's name if the runtime knows it, otherwise UTC (a shop we have not asked yet). */
export function shopZone(zone: string | null | undefined): string {
  return typeof zone === "string" && zone.length > 0 && isKnownZone(zone) ? zone : "UTC";
}

// luxon checks a zone by building an Intl.DateTimeFormat for it every time: a few percent of an order's CPU when
// asked once per order. The answer for a name never changes within a process, so it is remembered (the names are
// the runtime's few hundred IANA zones; the cap only guards against a caller passing endless made-up ones).
const knownZones = new Map<string, boolean>();
const KNOWN_ZONES_CAP = 1_000;

function isKnownZone(zone: string): boolean {
  const known = knownZones.get(zone);
  if (known !== undefined) return known;
  const valid = IANAZone.isValidZone(zone);
  if (knownZones.size < KNOWN_ZONES_CAP) knownZones.set(zone, valid);
  return valid;
}

/** The shop-local date an instant falls on. */
export function localDate(at: Date, zone: string): CivilDate {
  const dt = DateTime.fromMillis(at.getTime(), { zone: shopZone(zone) });
  return { year: dt.year, month: dt.month, day: dt.day };
}

/** The instant a shop-local date starts (its midnight, or the first instant after it when DST skips midnight). */
export function localDayStart(date: CivilDate, zone: string): Date {
  return new Date(DateTime.fromObject({ year: date.year, month: date.month, day: date.day }, { zone: shopZone(zone) }).toMillis());
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/** Days since 1970-01-01 of a civil date (the proleptic Gregorian calendar; Date.UTC does the counting, no zone). */
export function dayNumber(date: CivilDate): number {
  return Math.round(Date.UTC(date.year, date.month - 1, date.day) / 86_400_000);
}

export function fromDayNumber(days: number): CivilDate {
  const d = new Date(days * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** "2026-03-08". */
export function formatDate(date: CivilDate): string {
  return `${String(date.year).padStart(4, "0")}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

/** The Monday of the (ISO, Monday-first) week a date is in. 1970-01-01 was a Thursday, day number 0. */
export function weekStart(date: CivilDate): CivilDate {
  const days = dayNumber(date);
  const sinceMonday = (((days + 3) % 7) + 7) % 7;
  return fromDayNumber(days - sinceMonday);
}

/**
 * The date a yearly day-and-month (a birthday, a joining anniversary) falls on in `year`: 29 February is kept on
 * 28 February in years without one, so it is still celebrated once a year.
 */
export function yearlyOccurrence(month: number, day: number, year: number): CivilDate {
  return { year, month, day: Math.min(day, daysInMonth(year, month)) };
}
