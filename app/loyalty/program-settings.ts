// A shop's earning settings, with the defaults a new install starts from.
// Read on every orders/paid and customers/create: plain SQL through app/db/sql.server.ts.
import type { SqlDb } from "../db.server";
import { instant, readBoolean } from "../db/dialect";

export type ProgramSettings = {
  pointsPerUnit: number;
  includeShipping: boolean;
  includeTaxes: boolean;
  excludedProductIds: string[];
  pendingDays: number;
  signupBonus: number;
};

export const DEFAULT_PROGRAM_SETTINGS: ProgramSettings = {
  pointsPerUnit: 1,
  includeShipping: false,
  includeTaxes: false,
  excludedProductIds: [],
  pendingDays: 14,
  signupBonus: 0,
};

export class ProgramSettingsError extends Error {}

function nonNegativeInteger(name: string, value: number, max: number) {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new ProgramSettingsError(`${name} must be a whole number from 0 to ${max}`);
  }
}

export function validateProgramSettings(settings: ProgramSettings): ProgramSettings {
  nonNegativeInteger("pointsPerUnit", settings.pointsPerUnit, 10_000);
  nonNegativeInteger("pendingDays", settings.pendingDays, 365);
  nonNegativeInteger("signupBonus", settings.signupBonus, 1_000_000);
  if (!settings.excludedProductIds.every((id) => /^\d+$/.test(id))) {
    throw new ProgramSettingsError("excludedProductIds must be Shopify product ids (digits)");
  }
  return settings;
}

/** The columns of a ProgramSettings row, as read (booleans are 0/1 on SQLite). */
export type StoredProgramSettings = {
  pointsPerUnit: number;
  includeShipping: boolean | number;
  includeTaxes: boolean | number;
  excludedProductIds: string;
  pendingDays: number;
  signupBonus: number;
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
