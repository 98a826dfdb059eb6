// A shop's ways to earn besides orders, as stored (EarningAction rows). Read on the storefront and action API paths,
// so plain SQL (app/db/sql.server.ts). What a definition means and allows is in app/rules/earning-actions.ts.
import type { SqlDb } from "../db.server";
import { instant, readBoolean } from "../db/dialect";
import {
  BUILT_IN_ACTIONS,
  defaultAction,
  isBuiltInAction,
  validateAction,
  type ActionDefinition,
  type ActionIssue,
  type ActionLimit,
  type PeriodUnit,
} from "../rules/earning-actions";

type StoredAction = {
  key: string;
  kind: string;
  enabled: boolean | number;
  points: number;
  limitType: string;
  limitCount: number;
  limitPeriod: string | null;
  names: string;
  url: string | null;
  photoBonus: number;
  leadDays: number;
};

function limitFromRow(row: StoredAction): ActionLimit {
  if (row.limitType === "per_period") return { type: "per_period", count: row.limitCount, period: row.limitPeriod as PeriodUnit };
  return row.limitType === "yearly" ? { type: "yearly" } : { type: "once" };
}

export function actionFromRow(row: StoredAction): ActionDefinition {
  return {
    key: row.key,
    kind: row.kind as ActionDefinition["kind"],
    enabled: readBoolean(row.enabled),
    points: row.points,
    limit: limitFromRow(row),
    names: JSON.parse(row.names) as ActionDefinition["names"],
    url: row.url,
    photoBonus: row.photoBonus,
    leadDays: row.leadDays,
  };
}

const COLUMNS = ["key", "kind", "enabled", "points", "limitType", "limitCount", "limitPeriod", "names", "url", "photoBonus", "leadDays"] as const;

/** Every way to earn of the shop: the built-in ones (off until set) in their order, then its custom actions by key. */
export async function listActions(db: SqlDb, shop: string): Promise<ActionDefinition[]> {
  const rows = await db.selectFrom("EarningAction").select(COLUMNS).where("shop", "=", shop).orderBy("key").execute();
  const stored = new Map(rows.map((row) => [row.key, actionFromRow(row)]));
  return [
    ...BUILT_IN_ACTIONS.map((action) => stored.get(action.key) ?? defaultAction(action.key)),
    ...rows.filter((row) => !isBuiltInAction(row.key)).map(actionFromRow),
  ];
}

/** One action by key: a built-in one always exists (off until set), a custom one only once created. */
export async function getAction(db: SqlDb, shop: string, key: string): Promise<ActionDefinition | null> {
  const row = await db.selectFrom("EarningAction").select(COLUMNS).where("shop", "=", shop).where("key", "=", key).executeTakeFirst();
  if (row) return actionFromRow(row);
  return isBuiltInAction(key) ? defaultAction(key) : null;
}

export class ActionValidationError extends Error {
  constructor(readonly issues: ActionIssue[]) {
    super(`invalid action: ${issues.map((issue) => `${issue.field} ${issue.code}`).join(", ")}`);
  }
}

/** Creates or replaces an action's settings; refuses an invalid definition with every problem and writes nothing. */
export async function saveAction(db: SqlDb, shop: string, action: ActionDefinition, now = new Date()): Promise<void> {
  const issues = validateAction(action);
  if (issues.length > 0) throw new ActionValidationError(issues);
  const data = {
    kind: action.kind,
    enabled: action.enabled,
    points: action.points,
    limitType: action.limit.type,
    limitCount: action.limit.type === "per_period" ? action.limit.count : 1,
    limitPeriod: action.limit.type === "per_period" ? action.limit.period : null,
    names: JSON.stringify(action.names),
    url: action.url,
    photoBonus: action.photoBonus,
    leadDays: action.leadDays,
    updatedAt: instant(now),
  };
  await db
    .insertInto("EarningAction")
    .values({ shop, key: action.key, ...data })
    .onConflict((conflict) => conflict.columns(["shop", "key"]).doUpdateSet(data))
    .execute();
}

/** Deletes a custom action (built-in ones are switched off instead). Its past credits stay in the ledger. */
export async function deleteCustomAction(db: SqlDb, shop: string, key: string): Promise<boolean> {
  if (isBuiltInAction(key)) return false;
  const result = await db.deleteFrom("EarningAction").where("shop", "=", shop).where("key", "=", key).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
