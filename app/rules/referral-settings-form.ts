// The Referrals page's settings form: what the merchant typed, checked field by field (stable codes the admin
// translates). Pure; nothing is saved unless every field is right.
import { MAX_SIGNUP_BONUS } from "./points-limits";
import { formatMinorUnits, MoneyFormatError, toMinorUnits } from "./money";
import type { ReferralSettings } from "./referrals";

export const REFERRAL_LIMITS = {
  advocatePoints: MAX_SIGNUP_BONUS,
  percentage: 100,
  monthlyCap: 1000,
  linkLifetimeDays: 365,
  pendingDays: 365,
} as const;

export type ReferralSettingsFormValues = {
  enabled: string;
  advocatePoints: string;
  friendRewardType: string;
  /** A percentage (whole number) or an amount in the shop currency ("5.00"). */
  friendRewardValue: string;
  /** Amount in the shop currency; "" or "0" for none. */
  minSubtotal: string;
  monthlyCapPerAdvocate: string;
  linkLifetimeDays: string;
  pendingDays: string;
};

export type ReferralSettingsField = keyof ReferralSettingsFormValues;
export type ReferralSettingsIssue = { field: ReferralSettingsField; code: string };

export const REFERRAL_SETTINGS_FIELDS: ReferralSettingsField[] = [
  "enabled",
  "advocatePoints",
  "friendRewardType",
  "friendRewardValue",
  "minSubtotal",
  "monthlyCapPerAdvocate",
  "linkLifetimeDays",
  "pendingDays",
];

export function referralSettingsToForm(settings: ReferralSettings, currency: string): ReferralSettingsFormValues {
  return {
    enabled: String(settings.enabled),
    advocatePoints: String(settings.advocatePoints),
    friendRewardType: settings.friendRewardType,
    friendRewardValue: settings.friendRewardType === "percentage" ? String(settings.friendRewardValue) : formatMinorUnits(settings.friendRewardValue, currency),
    minSubtotal: formatMinorUnits(settings.minSubtotalMinor, currency),
    monthlyCapPerAdvocate: String(settings.monthlyCapPerAdvocate),
    linkLifetimeDays: String(settings.linkLifetimeDays),
    pendingDays: String(settings.pendingDays),
  };
}

function whole(text: string, min: number, max: number): number | "not_whole" | "out_of_range" {
  const trimmed = text.trim();
  if (!/^-?\d{1,9}$/.test(trimmed)) return "not_whole";
  const value = Number(trimmed);
  return value < min || value > max ? "out_of_range" : value;
}

function money(text: string, currency: string): number | "not_money" {
  const trimmed = text.trim();
  if (trimmed === "") return 0;
  try {
    const minor = toMinorUnits(trimmed, currency);
    return minor < 0 || !Number.isSafeInteger(minor) ? "not_money" : minor;
  } catch (error) {
    if (error instanceof MoneyFormatError) return "not_money";
    throw error;
  }
}

export type ParsedReferralSettings = { ok: true; value: ReferralSettings } | { ok: false; issues: ReferralSettingsIssue[] };

export function parseReferralSettingsForm(values: ReferralSettingsFormValues, currency: string): ParsedReferralSettings {
  const issues: ReferralSettingsIssue[] = [];
  const number = (field: ReferralSettingsField, min: number, max: number): number => {
    const parsed = whole(values[field], min, max);
    if (typeof parsed === "number") return parsed;
    issues.push({ field, code: parsed });
    return 0;
  };
  if (values.enabled !== "true" && values.enabled !== "false") issues.push({ field: "enabled", code: "invalid_choice" });
  const friendRewardType = values.friendRewardType === "percentage" || values.friendRewardType === "fixed_amount" ? values.friendRewardType : null;
  if (!friendRewardType) issues.push({ field: "friendRewardType", code: "invalid_choice" });
  const advocatePoints = number("advocatePoints", 0, REFERRAL_LIMITS.advocatePoints);
  let friendRewardValue = 0;
  if (friendRewardType === "percentage") friendRewardValue = number("friendRewardValue", 1, REFERRAL_LIMITS.percentage);
  else if (friendRewardType === "fixed_amount") {
    const amount = money(values.friendRewardValue, currency);
    if (amount === "not_money") issues.push({ field: "friendRewardValue", code: "not_money" });
    else if (amount === 0) issues.push({ field: "friendRewardValue", code: "out_of_range" });
    else if (amount > 2_147_483_647) issues.push({ field: "friendRewardValue", code: "out_of_range" });
    else friendRewardValue = amount;
  }
  const minSubtotal = money(values.minSubtotal, currency);
  if (minSubtotal === "not_money") issues.push({ field: "minSubtotal", code: "not_money" });
  const monthlyCapPerAdvocate = number("monthlyCapPerAdvocate", 0, REFERRAL_LIMITS.monthlyCap);
  const linkLifetimeDays = number("linkLifetimeDays", 1, REFERRAL_LIMITS.linkLifetimeDays);
  const pendingDays = number("pendingDays", 0, REFERRAL_LIMITS.pendingDays);
  if (issues.length > 0 || !friendRewardType || minSubtotal === "not_money") return { ok: false, issues };
  return {
    ok: true,
    value: {
      enabled: values.enabled === "true",
      advocatePoints,
      friendRewardType,
      friendRewardValue,
      minSubtotalMinor: minSubtotal,
      monthlyCapPerAdvocate,
      linkLifetimeDays,
      pendingDays,
    },
  };
}
