// A shop's earning settings, with the defaults a new install starts from.
import type { Db } from "../db.server";
import type { Tx } from "../db/locks";

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

export async function getProgramSettings(db: Db | Tx, shop: string): Promise<ProgramSettings> {
  const row = await db.programSettings.findUnique({ where: { shop } });
  if (!row) return { ...DEFAULT_PROGRAM_SETTINGS };
  return {
    pointsPerUnit: row.pointsPerUnit,
    includeShipping: row.includeShipping,
    includeTaxes: row.includeTaxes,
    excludedProductIds: JSON.parse(row.excludedProductIds) as string[],
    pendingDays: row.pendingDays,
    signupBonus: row.signupBonus,
  };
}

export async function saveProgramSettings(db: Db | Tx, shop: string, settings: ProgramSettings) {
  const valid = validateProgramSettings(settings);
  const data = { ...valid, excludedProductIds: JSON.stringify(valid.excludedProductIds) };
  await db.programSettings.upsert({ where: { shop }, create: { shop, ...data }, update: data });
}
