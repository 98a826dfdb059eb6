// Background settling of redemptions, so no shopper loses points to a code they could not use:
//   - stale reservations of codes (the process died between reserving and settling) are settled by asking Shopify;
//     store credit ones wait for support (app/persistence/support-actions.ts);
//   - codes past their expiry, unused, are deactivated in Shopify and their points come back.
import type { SqlDb } from "../db.server";
import { instant } from "../db/dialect";
import {
  loadRedemption,
  markUsed,
  returnPoints,
  settleFromShopify,
  type RedemptionRecord,
  type RewardIssuer,
} from "./redemption";

/** Shopify's side for one shop (each shop has its own access token). */
export type IssuerForShop = (shop: string) => Promise<RewardIssuer>;

/** A reservation this old is no longer in anyone's hands (a redeem request gives up long before). */
export const STALE_RESERVATION_MS = 5 * 60 * 1000;

async function records(db: SqlDb, rows: Array<{ id: number; shop: string }>): Promise<RedemptionRecord[]> {
  const loaded = await Promise.all(rows.map((row) => loadRedemption(db, row.shop, row.id)));
  return loaded.filter((r): r is RedemptionRecord => r !== null);
}

export async function reconcileStaleReservations(db: SqlDb, issuerFor: IssuerForShop, now = new Date(), limit = 100) {
  const rows = await db
    .selectFrom("Redemption")
    .select(["id", "shop"])
    .where("status", "=", "reserved")
    // Code rewards only: a store-credit reservation has nothing of ours Shopify can be asked about, so asking again
    // never settles it — support resolves it from the customer page (support-actions.ts). Left in, the oldest of
    // them would fill every batch and keep newer code reservations from ever being settled.
    .where("code", "is not", null)
    .where("createdAt", "<=", instant(new Date(now.getTime() - STALE_RESERVATION_MS)))
    .orderBy("createdAt", "asc")
    .limit(limit)
    .execute();
  const result = { issued: 0, failed: 0, unsettled: 0 };
  for (const redemption of await records(db, rows)) {
    // One shop's trouble (uninstalled, token revoked) must not hold up the others.
    const status = await issuerFor(redemption.shop)
      .then((issuer) => settleFromShopify(db, issuer, redemption, now))
      .catch(() => "reserved" as const);
    if (status === "issued") result.issued += 1;
    else if (status === "failed") result.failed += 1;
    else result.unsettled += 1;
  }
  return result;
}

export async function expireUnusedCodes(db: SqlDb, issuerFor: IssuerForShop, now = new Date(), limit = 100) {
  const rows = await db
    .selectFrom("Redemption")
    .select(["id", "shop"])
    .where("status", "=", "issued")
    .where("code", "is not", null)
    .where("expiresAt", "<=", instant(now))
    .orderBy("expiresAt", "asc")
    .limit(limit)
    .execute();
  const result = { expired: 0, used: 0, unsettled: 0 };
  for (const redemption of await records(db, rows)) {
    const issuer = await issuerFor(redemption.shop).catch(() => null);
    const state = issuer ? await issuer.lookUp(redemption) : ({ kind: "unreachable", reason: "no access" } as const);
    if (state.kind === "unreachable") {
      result.unsettled += 1;
      continue;
    }
    if (state.kind === "present" && state.used) {
      // Used on an order whose orders/paid we have not seen (yet): not ours to give back.
      if (await markUsed(db, redemption.shop, redemption.code!, null, now)) result.used += 1;
      continue;
    }
    if (state.kind === "present" && !(await issuer!.revoke(redemption, state.shopifyId))) {
      result.unsettled += 1;
      continue;
    }
    if (await returnPoints(db, redemption, "issued", "expired", "code expired unused", now)) result.expired += 1;
  }
  return result;
}
