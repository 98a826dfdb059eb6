// "Rewards only for that tier and above" at the moment of redeeming: read inside the reservation's transaction, under
// the member's tier lock (memberTierNow takes it on PostgreSQL; SQLite's one writer serialises anyway), so a tier
// check or re-evaluation moving the member down cannot commit between this check and the points being taken.
// Lock order: the member's lock (redemption) before the member's tier lock, and nothing that holds the tier lock
// waits for the member's lock, so the two never deadlock.
import type { SqlDb } from "../db.server";
import { tierAllows, tierById } from "../rules/tiers";
import { memberTierNow } from "./member-tiers";
import { shopTierRules } from "./tier-rules";

/** The reward is for members of a higher tier than this shopper's. Nothing was reserved. */
export class TierRequiredError extends Error {
  constructor(
    readonly tierId: string,
    readonly tierName: string,
  ) {
    super(`this reward is for ${tierName} members and above`);
    this.name = "TierRequiredError";
  }
}

/** Throws TierRequiredError unless the member (null: not a member yet) holds `minTierId` or a tier above it now. */
export async function assertTierAllowsReward(trx: SqlDb, shop: string, memberId: number | null, minTierId: number, now: Date): Promise<void> {
  const tiers = await shopTierRules(trx, shop);
  // No tiers any more, or the tier was deleted: the limit no longer applies (tiers.ts tierAllows).
  if (!tiers || tierAllows(tiers.rules, null, String(minTierId))) return;
  const held = memberId === null ? null : (await memberTierNow(trx, shop, memberId, tiers, now)).state.tierId;
  if (tierAllows(tiers.rules, held, String(minTierId))) return;
  throw new TierRequiredError(String(minTierId), tierById(tiers.rules, String(minTierId))!.names.en);
}
