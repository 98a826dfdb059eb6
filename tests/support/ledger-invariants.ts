// The ledger invariant every scenario ends by checking: each member's cached balances equal the sums of
// their entries, and no idempotency key appears twice.
import { expect } from "vitest";
import db, { sqlDb } from "../../app/db.server";
import { balancesFromLedger } from "../../app/persistence/ledger";

export async function expectCachedBalancesMatchLedger(shop: string) {
  const members = await db.member.findMany({ where: { shop } });
  for (const member of members) {
    const fromLedger = await balancesFromLedger(sqlDb, shop, member.id);
    expect({ available: Number(member.availablePoints), pending: Number(member.pendingPoints) }, `member ${member.customerId}`).toEqual(
      fromLedger,
    );
  }
  const keys = await db.ledgerEntry.groupBy({ by: ["idempotencyKey"], where: { shop }, _count: { _all: true } });
  expect(keys.filter((k) => k._count._all > 1)).toEqual([]);
  return members.length;
}

export async function memberBalances(shop: string, customerId: string) {
  const member = await db.member.findUnique({ where: { shop_customerId: { shop, customerId } } });
  // Points are BigInt columns, which Prisma reads as bigint.
  return member ? { available: Number(member.availablePoints), pending: Number(member.pendingPoints) } : null;
}

/**
 * The expiry invariant (app/rules/expiry.ts): for every member the lots derived from the ledger add up to the
 * available balance (less any debt, which only a member without open lots has), no `expire` entry ever moved pending
 * points, and each expire entry's recorded lots (ExpiredLot) add up to what it took.
 */
export async function expectLotsMatchBalances(shop: string) {
  const { buildLots } = await import("../../app/rules/expiry");
  const members = await db.member.findMany({ where: { shop } });
  for (const member of members) {
    const entries = await db.ledgerEntry.findMany({ where: { shop, memberId: member.id }, orderBy: { id: "asc" } });
    const state = buildLots(entries.map((e) => ({ id: e.id, kind: e.kind, availableDelta: Number(e.availableDelta), pendingDelta: Number(e.pendingDelta), createdAt: e.createdAt })));
    const open = state.lots.reduce((sum, lot) => sum + lot.remaining, 0);
    expect(Number(member.availablePoints), `member ${member.customerId}`).toBe(open - state.debt);
    expect(state.debt === 0 || state.lots.length === 0).toBe(true);
    for (const expire of entries.filter((e) => e.kind === "expire")) {
      expect(Number(expire.pendingDelta)).toBe(0);
      const lots = await db.expiredLot.findMany({ where: { shop, expireKey: expire.idempotencyKey } });
      expect(lots.reduce((sum, lot) => sum + Number(lot.points), 0)).toBe(-Number(expire.availableDelta));
    }
  }
}
