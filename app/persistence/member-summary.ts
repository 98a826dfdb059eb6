// What a shopper (or staff) sees of one member: balances, a page of history, issued rewards. Read-only.
//
// These run on every storefront panel view (/proxy/me), so they are plain SQL (app/db/sql.server.ts): CPU is what
// limits the storefront API, and a Prisma model query costs several times the query itself. Every read is scoped
// by shop, also those keyed by a member id.
import type { SqlDb } from "../db.server";
import { readInstant, type StoredInstant } from "../db/dialect";
import type { EntryKind } from "./ledger";
import type { RedemptionStatus } from "./redemption";
import type { RewardDefinition } from "../rules/rewards";


export type HistoryEntry = {
  id: number;
  kind: EntryKind;
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
  /** In the analytics hold-out group: not in the program (app/rules/hold-out.ts). */
  holdOut?: boolean;
};

export async function getMemberSummary(db: SqlDb, shop: string, customerId: string): Promise<MemberSummary> {
  const member = await db
    .selectFrom("Member")
    .select(["id", "availablePoints", "pendingPoints", "holdOut"])
    .where("shop", "=", shop)
    .where("customerId", "=", customerId)
    .executeTakeFirst();
  return member
    ? { memberId: member.id, availablePoints: member.availablePoints, pendingPoints: member.pendingPoints, holdOut: Boolean(Number(member.holdOut)) }
    : { memberId: null, availablePoints: 0, pendingPoints: 0, holdOut: false };
}

/**
 * Newest first, `limit` entries older than the `before` entry id (keyset paging on the [memberId, id] index, so
 * page 500 costs what page 1 does). `nextBefore` is null on the last page.
 */
export async function getHistoryPage(db: SqlDb, shop: string, memberId: number, options: { before?: number; limit: number }) {
  let query = db
    .selectFrom("LedgerEntry")
    .select(["id", "kind", "availableDelta", "pendingDelta", "reason", "orderId", "createdAt"])
    .where("memberId", "=", memberId)
    .where("shop", "=", shop);
  if (options.before !== undefined) query = query.where("id", "<", options.before);
  const rows = await query.orderBy("id", "desc").limit(options.limit + 1).execute();
  const entries: HistoryEntry[] = rows
    .slice(0, options.limit)
    .map((row) => ({ ...row, kind: row.kind as EntryKind, createdAt: readInstant(row.createdAt) }));
  return { entries, nextBefore: rows.length > options.limit ? entries.at(-1)!.id : null };
}

export type IssuedReward = {
  id: number;
  rewardId: number;
  status: RedemptionStatus;
  points: number;
  code: string | null;
  valueMinor: number | null;
  currency: string;
  expiresAt: Date | null;
  createdAt: Date;
  /** The reward as it was when redeemed. */
  reward: RewardDefinition;
  /** Issued by hand from admin: the staff member's id. */
  grantedBy: string | null;
};

/** What a redemption looks like to the admin and the storefront API: the reward's type and title, times as text. */
export function redemptionView(redemption: Omit<IssuedReward, "createdAt" | "grantedBy"> & { createdAt?: Date }) {
  return {
    id: redemption.id,
    rewardId: redemption.rewardId,
    type: redemption.reward.type,
    title: redemption.reward.title,
    status: redemption.status,
    points: redemption.points,
    code: redemption.code,
    valueMinor: redemption.valueMinor,
    currency: redemption.currency,
    expiresAt: redemption.expiresAt?.toISOString() ?? null,
    ...(redemption.createdAt ? { createdAt: redemption.createdAt.toISOString() } : {}),
  };
}

export async function listIssuedRewards(db: SqlDb, shop: string, memberId: number, limit = 20): Promise<IssuedReward[]> {
  const rows = await db
    .selectFrom("Redemption")
    .select(["id", "rewardId", "status", "points", "code", "valueMinor", "currency", "expiresAt", "createdAt", "reward", "grantedBy"])
    .where("memberId", "=", memberId)
    .where("shop", "=", shop)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    ...row,
    status: row.status as RedemptionStatus,
    reward: JSON.parse(row.reward) as RewardDefinition,
    expiresAt: readInstant(row.expiresAt as StoredInstant | null),
    createdAt: readInstant(row.createdAt),
  }));
}
