// The admin's Ways to earn form: one action's fields as text (what a form posts) → a definition, or every problem
// with its field. Also the live example each card shows. Pure, like the other forms in app/rules.
import {
  ACTION_LOCALES,
  PERIOD_UNITS,
  defaultAction,
  isBuiltInAction,
  validateAction,
  type ActionDefinition,
  type ActionIssue,
  type ActionLimit,
  type PeriodUnit,
} from "./earning-actions";

export const ACTION_FORM_FIELDS = [
  "key",
  "enabled",
  "points",
  "limitType",
  "limitCount",
  "limitPeriod",
  "name_en",
  "name_pl",
  "name_ru",
  "name_ro",
  "url",
  "photoBonus",
  "leadDays",
] as const;
export type ActionFormField = (typeof ACTION_FORM_FIELDS)[number];
export type ActionFormValues = Record<ActionFormField, string>;

export function actionToForm(action: ActionDefinition): ActionFormValues {
  return {
    key: action.key,
    enabled: String(action.enabled),
    points: String(action.points),
    limitType: action.limit.type,
    limitCount: action.limit.type === "per_period" ? String(action.limit.count) : "1",
    limitPeriod: action.limit.type === "per_period" ? action.limit.period : "day",
    name_en: action.names.en ?? "",
    name_pl: action.names.pl ?? "",
    name_ru: action.names.ru ?? "",
    name_ro: action.names.ro ?? "",
    url: action.url ?? "",
    photoBonus: String(action.photoBonus),
    leadDays: String(action.leadDays),
  };
}

/** A whole number typed into a field, or NaN (which validation then refuses for that field). */
function integer(text: string): number {
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

export type ActionFormResult = { ok: true; value: ActionDefinition } | { ok: false; issues: ActionIssue[] };

export function parseActionForm(values: ActionFormValues): ActionFormResult {
  const base = defaultAction(values.key.trim());
  let limit: ActionLimit;
  if (values.limitType === "per_period") {
    limit = { type: "per_period", count: integer(values.limitCount), period: values.limitPeriod as PeriodUnit };
  } else if (values.limitType === "yearly" || values.limitType === "once") {
    limit = { type: values.limitType };
  } else {
    return { ok: false, issues: [{ field: "limitType", code: "invalid_limit" }] };
  }
  if (limit.type === "per_period" && !PERIOD_UNITS.includes(limit.period)) return { ok: false, issues: [{ field: "limitPeriod", code: "invalid_period" }] };
  const names: ActionDefinition["names"] = {};
  for (const locale of ACTION_LOCALES) {
    const name = values[`name_${locale}`].trim();
    if (name) names[locale] = name;
  }
  const action: ActionDefinition = {
    ...base,
    enabled: values.enabled === "true",
    points: integer(values.points),
    limit,
    names,
    url: values.url.trim() === "" ? null : values.url.trim(),
    photoBonus: values.photoBonus.trim() === "" ? 0 : integer(values.photoBonus),
    leadDays: values.leadDays.trim() === "" ? base.leadDays : integer(values.leadDays),
  };
  // The rule names fields of the definition; the form's are flat (names.pl → name_pl, limit → limitType).
  const issues = validateAction(action).map((issue) => ({
    ...issue,
    field: issue.field.startsWith("names.") ? `name_${issue.field.slice("names.".length)}` : issue.field === "limit" ? "limitType" : issue.field,
  }));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: action };
}

/** Whether a key may name a new custom action (the built-in keys are taken). */
export function isNewCustomKey(key: string, existing: string[]): boolean {
  return !isBuiltInAction(key) && !existing.includes(key) && validateAction({ ...defaultAction(key), key }).length === 0;
}

/**
 * The live example a card shows, as two texts (by key, with values): what a shopper does and earns, and how often.
 */
export function actionExample(action: ActionDefinition): Array<{ key: string; values: Record<string, number> }> {
  const what = {
    key: `admin.waysToEarn.example.${action.kind}`,
    values: { points: action.points, withPhoto: action.points + action.photoBonus, leadDays: action.leadDays },
  };
  const limit = action.limit;
  const often: { key: string; values: Record<string, number> } =
    limit.type === "per_period"
      ? { key: `admin.waysToEarn.limitText.${limit.period}`, values: { count: limit.count } }
      : { key: `admin.waysToEarn.limitText.${limit.type}`, values: { count: 1 } };
  return [what, often];
}
