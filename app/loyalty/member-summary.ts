// What a shopper (or staff) sees of one member: balances, a page of history, issued rewards. Read-only.
import type { Db } from "../db.server";

export type HistoryEntry = {
  id: number;
  kind: string;
  availableDelta: number;
  pendingDelta: number;
  reason: string;
  orderId: string | null;
  createdAt: Date;
};

export type MemberSummary = {
  memberId: number | null;
  availablePoints: number;
  pendingPoints: number;
};

export async function getMemberSummary(db: Db, shop: string, customerId: string): Promise<MemberSummary> {
  const member = await db.member.findUnique({
    where: { shop_customerId: { shop, customerId } },
    select: { id: true, availablePoints: true, pendingPoints: true },
  });
  return member
    ? { memberId: member.id, availablePoints: member.availablePoints, pendingPoints: member.pendingPoints }
    : { memberId: null, availablePoints: 0, pendingPoints: 0 };
}

/**
 * Newest first, `limit` entries older than the `before` entry id (keyset paging on the [memberId, id] index, so
 * page 500 costs what page 1 does). `nextBefore` is null on the last page.
 */
export async function getHistoryPage(db: Db, memberId: number, options: { before?: number; limit: number }) {
  const rows = await db.ledgerEntry.findMany({
    where: { memberId, ...(options.before ? { id: { lt: options.before } } : {}) },
    orderBy: { id: "desc" },
    take: options.limit + 1,
    select: { id: true, kind: true, availableDelta: true, pendingDelta: true, reason: true, orderId: true, createdAt: true },
  });
  const entries: HistoryEntry[] = rows.slice(0, options.limit);
  return { entries, nextBefore: rows.length > options.limit ? entries.at(-1)!.id : null };
}

export async function listIssuedRewards(db: Db, memberId: number, limit = 20) {
  return db.redemption.findMany({
    where: { memberId },
    orderBy: { id: "desc" },
    take: limit,
    select: {
      id: true,
      rewardId: true,
      status: true,
      points: true,
      code: true,
      valueMinor: true,
      currency: true,
      expiresAt: true,
      createdAt: true,
      reward: true,
    },
  });
}
