// The part of luxon (an exact IANA time-zone library on the runtime's Intl data; installed with pg-boss's cron
// parser) the app uses. Declared here because @types/luxon is not installed; extend it when using more.
declare module "luxon" {
  export type DateTimeUnit = "year" | "month" | "day";
  export class DateTime {
    static fromMillis(ms: number, options?: { zone?: string }): DateTime;
    static fromObject(
      values: { year: number; month?: number; day?: number; hour?: number; minute?: number },
      options?: { zone?: string },
    ): DateTime;
    readonly isValid: boolean;
    readonly year: number;
    readonly month: number;
    readonly day: number;
    readonly hour: number;
    readonly minute: number;
    startOf(unit: DateTimeUnit): DateTime;
    plus(duration: { years?: number; months?: number; days?: number }): DateTime;
    toMillis(): number;
    toISO(): string | null;
    toISODate(): string | null;
  }
  export class IANAZone {
    static isValidZone(zone: string): boolean;
  }
}
