// The hold-out group: a share of NEW customers left out of the program at random, so the Impact page can compare
// members with comparable customers who were never offered points (app/rules/analytics-impact.ts).
//
// Assignment is random but stable: SHA-256 of "<shop>:<customer id>", its first 4 bytes read as an unsigned
// integer, divided by 2³², is uniform in [0, 1); the customer is held out when it falls below the share. The same
// customer of the same shop always gets the same answer, on every app instance, whatever event sees them first.
// Only customers first seen (their member row created) after the hold-out was turned on are assigned: existing
// members are never taken out of the program. A held-out customer keeps that status; lowering the share later
// only changes who is assigned from then on.
import { createHash } from "node:crypto";

export const MAX_HOLD_OUT_PERCENT = 50;

export type HoldOutSettings = { holdOutPercent: number; holdOutSince: Date | null };

/** Where the customer falls in [0, 1): the same for the same shop and customer, always. */
export function holdOutPosition(shop: string, customerId: string): number {
  const digest = createHash("sha256").update(`${shop}:${customerId}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** Whether a customer seen for the first time now joins the hold-out group rather than the program. */
export function assignsToHoldOut(shop: string, customerId: string, settings: HoldOutSettings | null, now: Date): boolean {
  if (!settings || settings.holdOutPercent <= 0 || !settings.holdOutSince) return false;
  if (now.getTime() < settings.holdOutSince.getTime()) return false;
  return holdOutPosition(shop, customerId) < Math.min(settings.holdOutPercent, MAX_HOLD_OUT_PERCENT) / 100;
}

/**
 * Refused because the customer is in the hold-out group: every way points could reach them (orders, actions, staff
 * adjustments, imports, tier rewards, rewards given by hand) refuses with this, writing nothing, so the group stays
 * a clean comparison. Routes answer it with the code `held_out` and a message saying why.
 */
export class HeldOutError extends Error {
  readonly code = "held_out";
  constructor(message = "This customer is in the analytics hold-out group, which earns no points and gets no rewards") {
    super(message);
    this.name = "HeldOutError";
  }
}
