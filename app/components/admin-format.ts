// Numbers, points, money and dates shown in the staff member's admin language.
import { useRouteLoaderData } from "@remix-run/react";
import { formatMinorUnits } from "../rules/money";
import { DEFAULT_LOCALE } from "../i18n";

/** The admin locale the app layout (routes/app.tsx) resolved from Shopify's `locale` parameter. */
export function useAdminLocale(): string {
  const data = useRouteLoaderData("routes/app") as { locale?: string } | undefined;
  return data?.locale ?? DEFAULT_LOCALE;
}

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** "+250", "−40": the sign is always shown for a change of points. */
export function formatSignedNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { signDisplay: "exceptZero" }).format(value);
}

export function formatPercent(ratio: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(ratio);
}

/** Minor units of `currency` as the locale writes money. Exact digits come from formatMinorUnits. */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const decimal = formatMinorUnits(minor, currency);
  const fractionDigits = decimal.includes(".") ? decimal.split(".")[1]!.length : 0;
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(Number(decimal));
}

export function formatDateTime(value: string | Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(value));
}

export function formatDate(value: string | Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(value));
}

/** The number a form field holds, for choosing the plural of the word beside it ("5 points"); 0 until it is one. */
export function countOf(value: string): number {
  const number = Number(value.trim());
  return value.trim() !== "" && Number.isFinite(number) ? number : 0;
}
