// The points ledger: append-only entries, each with a reason, a source and a per-shop idempotency key; the
// member's two cached balances move in the same transaction as the entries that justify them.
import type { Db } from "../db.server";
import { lockNamed, type Tx } from "../db/locks";
import { memberLockName } from "./lock-names";
import type { Member } from "../generated/prisma/sqlite/client";

// redeem_return: points of a redemption given back (Shopify refused the reward, or its code expired unused).
// import: a balance brought over from another loyalty app (admin CSV import).
export type EntryKind =
  | "earn_pending"
  | "release"
  | "redeem"
  | "redeem_return"
  | "reverse"
  | "expire"
  | "adjust"
  | "action_bonus"
  | "import";
export type SourceType =
  | "order"
  | "order_line"
  | "refund"
  | "cancellation"
  | "action"
  | "staff"
  | "system"
  | "redemption";

export type NewLedgerEntry = {
  kind: EntryKind;
  availableDelta: number;
  pendingDelta: number;
  reason: string;
  sourceType: SourceType;
  sourceId: string;
  orderId?: string | null;
  lineItemId?: string | null;
  idempotencyKey: string;
};

export type MemberProfile = { email?: string | null; firstName?: string | null; lastName?: string | null };

function assertIntegers(entry: NewLedgerEntry) {
  if (!Number.isSafeInteger(entry.availableDelta) || !Number.isSafeInteger(entry.pendingDelta)) {
    throw new Error(`ledger entry ${entry.idempotencyKey} has non-integer points`);
  }
}

/**
 * Appends the entries whose idempotency keys are new and moves the member's cached balances by exactly their
 * sum. Entries already in the ledger are skipped, so re-applying an event changes nothing. Must run inside a
 * transaction that holds the lock for the business object (order, member) the keys belong to.
 */
export async function appendEntries(
  tx: Tx,
  shop: string,
  memberId: number,
  entries: NewLedgerEntry[],
): Promise<NewLedgerEntry[]> {
  const meaningful = entries.filter((e) => e.availableDelta !== 0 || e.pendingDelta !== 0);
  if (meaningful.length === 0) return [];
  meaningful.forEach(assertIntegers);
  const existing = await tx.ledgerEntry.findMany({
    where: { shop, idempotencyKey: { in: meaningful.map((e) => e.idempotencyKey) } },
    select: { idempotencyKey: true },
  });
  const seen = new Set(existing.map((e) => e.idempotencyKey));
  const fresh = meaningful.filter((e) => !seen.has(e.idempotencyKey));
  if (fresh.length === 0) return [];
  await tx.ledgerEntry.createMany({
    data: fresh.map((e) => ({
      shop,
      memberId,
      kind: e.kind,
      availableDelta: e.availableDelta,
      pendingDelta: e.pendingDelta,
      reason: e.reason,
      sourceType: e.sourceType,
      sourceId: e.sourceId,
      orderId: e.orderId ?? null,
      lineItemId: e.lineItemId ?? null,
      idempotencyKey: e.idempotencyKey,
    })),
  });
  await tx.member.update({
    where: { id: memberId },
    data: {
      availablePoints: { increment: fresh.reduce((sum, e) => sum + e.availableDelta, 0) },
      pendingPoints: { increment: fresh.reduce((sum, e) => sum + e.pendingDelta, 0) },
    },
  });
  return fresh;
}

/**
 * The member for a Shopify customer, created on first sight. Prisma's upsert is a read then an insert, so two
 * events racing to create the same member would collide on the unique key (and on PostgreSQL abort the whole
 * transaction); the member's lock makes the second wait and then find the first one's row.
 */
export async function ensureMember(db: Db | Tx, shop: string, customerId: string, profile: MemberProfile = {}): Promise<Member> {
  if ("$transaction" in db) return db.$transaction((tx) => ensureMember(tx, shop, customerId, profile));
  await lockNamed(db, memberLockName(shop, customerId));
  return db.member.upsert({
    where: { shop_customerId: { shop, customerId } },
    create: { shop, customerId, ...profile },
    update: {},
  });
}

/** The balances as the sum of the member's entries: the truth the cached balances must always equal. */
export async function balancesFromLedger(db: Db | Tx, memberId: number) {
  const sums = await db.ledgerEntry.aggregate({
    where: { memberId },
    _sum: { availableDelta: true, pendingDelta: true },
  });
  return { available: sums._sum.availableDelta ?? 0, pending: sums._sum.pendingDelta ?? 0 };
}
