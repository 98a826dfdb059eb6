// Settles redemptions in the background (app/persistence/redemption-sweeps.ts): stale reservations are completed or
// undone by asking Shopify, unused expired codes are deactivated and their points returned.
//
// Safe on every instance at once: each settlement is a conditional update from the state it read, so two
// instances may both ask Shopify about one redemption but only one of them changes it.
import type { SqlDb } from "../db.server";
import { expireUnusedCodes, reconcileStaleReservations, type IssuerForShop } from "../persistence/redemption-sweeps";

export async function runSettleRedemptionsJob(db: SqlDb, issuerFor: IssuerForShop, now = new Date()) {
  const issuers = new Map<string, Promise<Awaited<ReturnType<IssuerForShop>>>>();
  const cachedIssuerFor: IssuerForShop = (shop) => {
    if (!issuers.has(shop)) issuers.set(shop, issuerFor(shop));
    return issuers.get(shop)!;
  };
  const reconciled = await reconcileStaleReservations(db, cachedIssuerFor, now);
  const expired = await expireUnusedCodes(db, cachedIssuerFor, now);
  return { reconciled, expired };
}
