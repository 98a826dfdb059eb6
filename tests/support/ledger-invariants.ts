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
