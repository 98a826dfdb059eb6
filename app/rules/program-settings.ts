// A shop's earning settings, with the defaults a new install starts from and the limits every save is held to.
import { MAX_POINTS_PER_UNIT, MAX_SIGNUP_BONUS } from "./points-limits";

export type ProgramSettings = {
  pointsPerUnit: number;
  includeShipping: boolean;
  includeTaxes: boolean;
  excludedProductIds: string[];
  pendingDays: number;
  signupBonus: number;
  /**
   * An order that used a reward code is fully refunded (every unit of every line) or cancelled: true gives the points
   * spent on the reward back, once; false never does.
   */
  returnRewardPointsOnRefund: boolean;
};

export const DEFAULT_PROGRAM_SETTINGS: ProgramSettings = {
  pointsPerUnit: 1,
  includeShipping: false,
  includeTaxes: false,
  excludedProductIds: [],
  pendingDays: 14,
  signupBonus: 0,
  returnRewardPointsOnRefund: true,
};

export class ProgramSettingsError extends Error {}

function nonNegativeInteger(name: string, value: number, max: number) {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new ProgramSettingsError(`${name} must be a whole number from 0 to ${max}`);
  }
}

export function validateProgramSettings(settings: ProgramSettings): ProgramSettings {
  nonNegativeInteger("pointsPerUnit", settings.pointsPerUnit, MAX_POINTS_PER_UNIT);
  nonNegativeInteger("pendingDays", settings.pendingDays, 365);
  nonNegativeInteger("signupBonus", settings.signupBonus, MAX_SIGNUP_BONUS);
  if (!settings.excludedProductIds.every((id) => /^\d+$/.test(id))) {
    throw new ProgramSettingsError("excludedProductIds must be Shopify product ids (digits)");
  }
  return settings;
}
