// What a shopper (or staff) sees of one member: balances, a page of history, issued rewards. Read-only.
//
// These run on every storefront panel view (/proxy/me), so they are plain SQL: Prisma's query compiler spends about
// 0.7 ms of CPU on each model query against about 0.3 ms for the same raw query (scripts/bench-proxy.ts --cpu-prof),
// and CPU is what limits the storefront API. Identifiers are quoted the same in SQLite and PostgreSQL; both drivers
// return the DateTime columns as Dates.
import type { Db } from "../db.server";

// Ids are 32-bit integers on PostgreSQL: "no upper bound" for keyset paging.
const NO_CURSOR = 2_147_483_647;

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
  const [member] = await db.$queryRaw<Array<{ id: number; availablePoints: number; pendingPoints: number }>>`
    SELECT "id", "availablePoints", "pendingPoints" FROM "Member" WHERE "shop" = ${shop} AND "customerId" = ${customerId}`;
  return member
    ? { memberId: member.id, availablePoints: member.availablePoints, pendingPoints: member.pendingPoints }
    : { memberId: null, availablePoints: 0, pendingPoints: 0 };
}

/**
 * Newest first, `limit` entries older than the `before` entry id (keyset paging on the [memberId, id] index, so
 * page 500 costs what page 1 does). `nextBefore` is null on the last page.
 */
export async function getHistoryPage(db: Db, memberId: number, options: { before?: number; limit: number }) {
  const rows = await db.$queryRaw<HistoryEntry[]>`
    SELECT "id", "kind", "availableDelta", "pendingDelta", "reason", "orderId", "createdAt" FROM "LedgerEntry"
    WHERE "memberId" = ${memberId} AND "id" < ${options.before ?? NO_CURSOR}
    ORDER BY "id" DESC LIMIT ${options.limit + 1}`;
  const entries = rows.slice(0, options.limit);
  return { entries, nextBefore: rows.length > options.limit ? entries.at(-1)!.id : null };
}

export type IssuedReward = {
  id: number;
  rewardId: number;
  status: string;
  points: number;
  code: string | null;
  valueMinor: number | null;
  currency: string;
  expiresAt: Date | null;
  createdAt: Date;
  /** The reward as it was when redeemed (JSON of a RewardDefinition). */
  reward: string;
};

export async function listIssuedRewards(db: Db, memberId: number, limit = 20): Promise<IssuedReward[]> {
  return db.$queryRaw<IssuedReward[]>`
    SELECT "id", "rewardId", "status", "points", "code", "valueMinor", "currency", "expiresAt", "createdAt", "reward"
    FROM "Redemption" WHERE "memberId" = ${memberId} ORDER BY "id" DESC LIMIT ${limit}`;
}
