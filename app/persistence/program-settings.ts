// A shop's earning settings as stored: read on every orders/paid and customers/create, so plain SQL through
// app/db/sql.server.ts. What the settings mean and allow is in app/rules/program-settings.ts.
import type { SqlDb } from "../db.server";
import { instant, readBoolean } from "../db/dialect";
import {
  DEFAULT_ORDER_BONUSES,
  DEFAULT_PROGRAM_SETTINGS,
  orderBonusIssues,
  validateProgramSettings,
  type OrderBonusSettings,
  type ProgramSettings,
} from "../rules/program-settings";

/** The columns of a ProgramSettings row, as read (booleans are 0/1 on SQLite). */
export type StoredProgramSettings = {
  pointsPerUnit: number;
  includeShipping: boolean | number;
  includeTaxes: boolean | number;
  excludedProductIds: string;
  pendingDays: number;
  signupBonus: number;
  returnRewardPointsOnRefund: boolean | number;
};

/** A shop's settings from its row; no row means the defaults. */
export function programSettingsFromRow(row: StoredProgramSettings | null | undefined): ProgramSettings {
  if (!row) return { ...DEFAULT_PROGRAM_SETTINGS };
  return {
    pointsPerUnit: row.pointsPerUnit,
    includeShipping: readBoolean(row.includeShipping),
    includeTaxes: readBoolean(row.includeTaxes),
    excludedProductIds: JSON.parse(row.excludedProductIds) as string[],
    pendingDays: row.pendingDays,
    signupBonus: row.signupBonus,
    returnRewardPointsOnRefund: readBoolean(row.returnRewardPointsOnRefund),
  };
}

export async function getProgramSettings(db: SqlDb, shop: string): Promise<ProgramSettings> {
  return programSettingsFromRow(await db.selectFrom("ProgramSettings").selectAll().where("shop", "=", shop).executeTakeFirst());
}

export async function saveProgramSettings(db: SqlDb, shop: string, settings: ProgramSettings, now = new Date()) {
  const valid = validateProgramSettings(settings);
  const data = { ...valid, excludedProductIds: JSON.stringify(valid.excludedProductIds), updatedAt: instant(now) };
  await db
    .insertInto("ProgramSettings")
    .values({ shop, ...data })
    .onConflict((conflict) => conflict.column("shop").doUpdateSet(data))
    .execute();
}

/** The order bonuses from the settings row's columns (the row's other fields are the settings above). */
export function orderBonusesFromRow(row: Partial<Record<keyof OrderBonusSettings, number | null>> | null | undefined): OrderBonusSettings {
  return {
    firstOrderBonus: Number(row?.firstOrderBonus ?? 0),
    orderThresholdMinor: Number(row?.orderThresholdMinor ?? 0),
    orderThresholdBonus: Number(row?.orderThresholdBonus ?? 0),
  };
}

export async function getOrderBonuses(db: SqlDb, shop: string): Promise<OrderBonusSettings> {
  const row = await db
    .selectFrom("ProgramSettings")
    .select(["firstOrderBonus", "orderThresholdMinor", "orderThresholdBonus"])
    .where("shop", "=", shop)
    .executeTakeFirst();
  return row ? orderBonusesFromRow(row) : { ...DEFAULT_ORDER_BONUSES };
}

export class OrderBonusError extends Error {
  constructor(readonly issues: Array<{ field: string; code: string }>) {
    super(`invalid order bonuses: ${issues.map((issue) => `${issue.field} ${issue.code}`).join(", ")}`);
  }
}

/**
 * Saves the order bonuses alone (the Program page's save leaves them as they are, and this leaves its settings); a shop
 * with no settings row gets one with the default settings.
 */
export async function saveOrderBonuses(db: SqlDb, shop: string, bonuses: OrderBonusSettings, now = new Date()) {
  const issues = orderBonusIssues(bonuses);
  if (issues.length > 0) throw new OrderBonusError(issues);
  const data = { ...bonuses, updatedAt: instant(now) };
  await db
    .insertInto("ProgramSettings")
    .values({ shop, ...data })
    .onConflict((conflict) => conflict.column("shop").doUpdateSet(data))
    .execute();
}
