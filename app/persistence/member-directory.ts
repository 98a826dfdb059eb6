// Members as support staff look them up: search by name, email or customer id, sorted by balance or join order,
// paged server-side with keyset cursors (a page deep in 100,000 members costs what the first one does), and one
// member's history filtered by what happened. Read-only; every query is scoped by shop.
import type { Db, Prisma } from "../db.server";
import { databaseProvider } from "../db/database-url";
import { withNumbers } from "../db/big-int";
import type { EntryKind } from "./ledger";

export const MEMBER_SORTS = ["balance_desc", "balance_asc", "joined_desc", "joined_asc"] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];

export type MemberListItem = {
  id: number;
  customerId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  availablePoints: number;
  pendingPoints: number;
  createdAt: Date;
  redacted: boolean;
  holdOut: boolean;
  /** Tier.id of the member's tier (null: none, or the shop has no tiers). */
  tierId: string | null;
};

export type MemberPage = {
  members: MemberListItem[];
  /** Cursor for the page after this one, null on the last page. */
  next: string | null;
  /** Cursor for the page before this one, null on the first page. */
  previous: string | null;
};

export type MemberListQuery = {
  search?: string;
  sort: MemberSort;
  /** A cursor from a previous page, and which way to go from it. */
  cursor?: { value: string; direction: "next" | "previous" } | null;
  limit: number;
  /** Only members of this tier (Tier.id). */
  tierId?: number | null;
};

const MAX_SEARCH_WORDS = 5;

/** Case-insensitive "contains" on both databases (SQLite's LIKE already ignores ASCII case; PostgreSQL needs a mode). */
function contains(value: string) {
  return databaseProvider() === "postgresql"
    ? ({ contains: value, mode: "insensitive" } as unknown as Prisma.StringNullableFilter)
    : { contains: value };
}

/** Every word must match the email, first name or last name; digits alone also find the customer id. */
export function memberSearchFilter(search: string | undefined): Prisma.MemberWhereInput {
  const words = (search ?? "").trim().split(/\s+/).filter(Boolean).slice(0, MAX_SEARCH_WORDS);
  if (words.length === 0) return {};
  return {
    AND: words.map((word) => ({
      OR: [
        { email: contains(word) },
        { firstName: contains(word) },
        { lastName: contains(word) },
        ...(/^\d+$/.test(word) ? [{ customerId: word }] : []),
      ],
    })),
  };
}

type Cursor = { points: number; id: number };

export function encodeCursor(item: Pick<MemberListItem, "availablePoints" | "id">): string {
  return `${item.availablePoints}_${item.id}`;
}

export function decodeCursor(value: string): Cursor | null {
  const match = /^(-?\d{1,12})_(\d{1,12})$/.exec(value);
  if (!match) return null;
  return { points: Number(match[1]), id: Number(match[2]) };
}

/**
 * The keyset condition "comes after `cursor` in this order". Balance sorts order by (availablePoints, id) in the
 * same direction, so the index [shop, availablePoints] (which carries the row id) serves them; join order is id.
 */
function afterCursor(sort: MemberSort, cursor: Cursor, forward: boolean): Prisma.MemberWhereInput {
  const descending = sort.endsWith("_desc") === forward;
  const past = descending ? "lt" : "gt";
  if (sort.startsWith("joined")) return { id: { [past]: cursor.id } };
  return {
    OR: [{ availablePoints: { [past]: cursor.points } }, { availablePoints: cursor.points, id: { [past]: cursor.id } }],
  };
}

function orderFor(sort: MemberSort, forward: boolean): Prisma.MemberOrderByWithRelationInput[] {
  const direction = sort.endsWith("_desc") === forward ? "desc" : "asc";
  return sort.startsWith("joined") ? [{ id: direction }] : [{ availablePoints: direction }, { id: direction }];
}

const POINT_FIELDS = ["availablePoints", "pendingPoints"] as const;

const listSelect = {
  id: true,
  customerId: true,
  email: true,
  firstName: true,
  lastName: true,
  availablePoints: true,
  pendingPoints: true,
  createdAt: true,
  redactedAt: true,
  // In the analytics hold-out group (app/rules/hold-out.ts): staff see it on the customer's page.
  holdOut: true,
  tier: { select: { tierId: true } },
} as const;

function fromRow<R extends { redactedAt: Date | null; tier: { tierId: number | null } | null; availablePoints: bigint; pendingPoints: bigint }>({
  redactedAt,
  tier,
  availablePoints,
  pendingPoints,
  ...member
}: R) {
  return {
    ...member,
    ...withNumbers({ availablePoints, pendingPoints }, POINT_FIELDS),
    redacted: redactedAt !== null,
    tierId: tier?.tierId == null ? null : String(tier.tierId),
  };
}

export async function listMembers(db: Db, shop: string, query: MemberListQuery): Promise<MemberPage> {
  const cursor = query.cursor ? decodeCursor(query.cursor.value) : null;
  const forward = query.cursor?.direction !== "previous";
  const where: Prisma.MemberWhereInput = {
    shop,
    AND: [
      memberSearchFilter(query.search),
      ...(query.tierId ? [{ tier: { is: { tierId: query.tierId } } }] : []),
      ...(cursor ? [afterCursor(query.sort, cursor, forward)] : []),
    ],
  };
  const rows = await db.member.findMany({
    where,
    orderBy: orderFor(query.sort, forward),
    take: query.limit + 1,
    select: listSelect,
  });
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  if (!forward) page.reverse();
  const members = page.map(fromRow);
  const first = members[0];
  const last = members.at(-1);
  // Going forward there is a previous page whenever we came from a cursor; going back, whenever rows were left over.
  const hasNext = forward ? more : cursor !== null;
  const hasPrevious = forward ? cursor !== null : more;
  return {
    members,
    next: hasNext && last ? encodeCursor(last) : null,
    previous: hasPrevious && first ? encodeCursor(first) : null,
  };
}

export async function countMembers(db: Db, shop: string, search?: string, tierId?: number | null): Promise<number> {
  return db.member.count({ where: { shop, ...memberSearchFilter(search), ...(tierId ? { tier: { is: { tierId } } } : {}) } });
}

export type MemberDetail = MemberListItem & { updatedAt: Date };

/** One member of `shop` by Shopify customer id; null for another shop's customer or an unknown one. */
export async function getMemberDetail(db: Db, shop: string, customerId: string): Promise<MemberDetail | null> {
  if (!/^\d{1,20}$/.test(customerId)) return null;
  const row = await db.member.findUnique({
    where: { shop_customerId: { shop, customerId } },
    select: { ...listSelect, updatedAt: true },
  });
  if (!row) return null;
  return fromRow(row);
}

export const HISTORY_FILTERS = ["all", "earned", "redeemed", "reversed", "expired", "adjusted"] as const;
export type HistoryFilter = (typeof HISTORY_FILTERS)[number];

const KINDS_BY_FILTER: Record<Exclude<HistoryFilter, "all">, EntryKind[]> = {
  earned: ["earn_pending", "release", "action_bonus"],
  redeemed: ["redeem", "redeem_return"],
  reversed: ["reverse"],
  expired: ["expire"],
  adjusted: ["adjust", "import"],
};

export type AdminHistoryEntry = {
  id: number;
  kind: string;
  availableDelta: number;
  pendingDelta: number;
  reason: string;
  sourceType: string;
  sourceId: string;
  orderId: string | null;
  createdAt: Date;
};

/** Newest first, `limit` entries older than `before`, only the kinds the filter names. */
export async function getMemberHistory(
  db: Db,
  shop: string,
  memberId: number,
  options: { filter: HistoryFilter; before?: number; limit: number },
) {
  const rows = await db.ledgerEntry.findMany({
    where: {
      shop,
      memberId,
      ...(options.before ? { id: { lt: options.before } } : {}),
      ...(options.filter === "all" ? {} : { kind: { in: KINDS_BY_FILTER[options.filter] } }),
    },
    orderBy: { id: "desc" },
    take: options.limit + 1,
    select: {
      id: true,
      kind: true,
      availableDelta: true,
      pendingDelta: true,
      reason: true,
      sourceType: true,
      sourceId: true,
      orderId: true,
      createdAt: true,
    },
  });
  const entries: AdminHistoryEntry[] = rows.slice(0, options.limit).map((row) => withNumbers(row, ["availableDelta", "pendingDelta"]));
  return { entries, nextBefore: rows.length > options.limit ? entries.at(-1)!.id : null };
}
