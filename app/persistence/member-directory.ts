// Members as support staff look them up: search by name, email or customer id, sorted by balance or join order,
// paged server-side with keyset cursors (a page deep in 100,000 members costs what the first one does), and one
// member's history filtered by what happened. Read-only; every query is scoped by shop.
import { sql } from "kysely";
import type { Db, SqlDb } from "../db.server";
import { databaseProvider } from "../db/database-url";
import { numberFromBigInt, withNumbers } from "../db/big-int";
import { readBoolean, readInstant, type StoredInstant } from "../db/dialect";
import type { Segment, SegmentThresholds } from "../rules/analytics-segments";
import { segmentCase } from "./segment-sql";
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

export type MemberListQuery = MemberFilter & {
  sort: MemberSort;
  /** A cursor from a previous page, and which way to go from it. */
  cursor?: { value: string; direction: "next" | "previous" } | null;
  limit: number;
};

const MAX_SEARCH_WORDS = 5;

/** The list's filters, shared by the page, its count and the members export (csv-export.ts). */
export type MemberFilter = {
  search?: string;
  /** Only members of this tier (Tier.id). */
  tierId?: number | null;
  /** Only members in this segment by the shop's thresholds at `now` (analytics-segments.ts). */
  segment?: { segment: Segment; thresholds: SegmentThresholds; now: Date } | null;
};

/** `value` as a LIKE pattern matching it anywhere, its own % _ \\ taken literally. */
function containsPattern(value: string) {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Members of `shop` passing the filter, with their tier. Search: every word must match the email, first or last
 * name, case-insensitively (SQLite's LIKE already ignores ASCII case; PostgreSQL needs ILIKE); digits alone also find
 * the customer id. Segment: the member's statistics, joined by (shop, customerId) on their primary key, must fall in
 * the segment by the same CASE the segment counts use (segment-sql.ts segmentCase), so the list and Home's
 * counts cannot disagree; the hold-out has no segment, as in the counts.
 */
export function filteredMembers(db: SqlDb, shop: string, filter: MemberFilter) {
  const like = databaseProvider() === "postgresql" ? "ilike" : "like";
  const words = (filter.search ?? "").trim().split(/\s+/).filter(Boolean).slice(0, MAX_SEARCH_WORDS);
  let query = db
    .selectFrom("Member")
    .leftJoin("MemberTier", "MemberTier.memberId", "Member.id")
    .where("Member.shop", "=", shop);
  for (const word of words) {
    const pattern = containsPattern(word);
    query = query.where((eb) =>
      eb.or([
        eb(sql`"Member"."email"`, like, sql`${pattern} ESCAPE '\\'`),
        eb(sql`"Member"."firstName"`, like, sql`${pattern} ESCAPE '\\'`),
        eb(sql`"Member"."lastName"`, like, sql`${pattern} ESCAPE '\\'`),
        ...(/^\d+$/.test(word) ? [eb("Member.customerId", "=", word)] : []),
      ]),
    );
  }
  if (filter.tierId) query = query.where("MemberTier.tierId", "=", filter.tierId);
  const segment = filter.segment;
  if (segment) {
    query = query
      .innerJoin("CustomerStats", (join) => join.onRef("CustomerStats.shop", "=", "Member.shop").onRef("CustomerStats.customerId", "=", "Member.customerId"))
      .where("CustomerStats.holdOut", "=", false)
      .where("CustomerStats.orders", ">", 0)
      .where(sql<boolean>`${segmentCase(segment.thresholds, segment.now)} = ${segment.segment}`);
  }
  return query;
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

type MemberRow = {
  id: number;
  customerId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  availablePoints: bigint | number;
  pendingPoints: bigint | number;
  createdAt: StoredInstant;
  redactedAt: StoredInstant | null;
  holdOut: boolean | number;
  tierId: number | null;
};

const listColumns = [
  "Member.id",
  "Member.customerId",
  "Member.email",
  "Member.firstName",
  "Member.lastName",
  "Member.availablePoints",
  "Member.pendingPoints",
  "Member.createdAt",
  "Member.redactedAt",
  // In the analytics hold-out group (app/rules/hold-out.ts): staff see it on the customer's page.
  "Member.holdOut",
  "MemberTier.tierId",
] as const;

function fromListRow(row: MemberRow): MemberListItem {
  return {
    id: Number(row.id),
    customerId: row.customerId,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    availablePoints: numberFromBigInt(row.availablePoints),
    pendingPoints: numberFromBigInt(row.pendingPoints),
    createdAt: readInstant(row.createdAt),
    redacted: row.redactedAt !== null,
    holdOut: readBoolean(row.holdOut),
    tierId: row.tierId == null ? null : String(row.tierId),
  };
}

/**
 * One page in the sort order, after/before a keyset cursor. Balance sorts order by (availablePoints, id) in the same
 * direction, so the index [shop, availablePoints] (which carries the row id) serves them; join order is id.
 */
export async function listMembers(db: SqlDb, shop: string, query: MemberListQuery): Promise<MemberPage> {
  const cursor = query.cursor ? decodeCursor(query.cursor.value) : null;
  const forward = query.cursor?.direction !== "previous";
  const descending = query.sort.endsWith("_desc") === forward;
  const past = descending ? "<" : ">";
  const direction = descending ? "desc" : "asc";
  let select = filteredMembers(db, shop, query).select(listColumns);
  if (query.sort.startsWith("joined")) {
    if (cursor) select = select.where("Member.id", past, cursor.id);
    select = select.orderBy("Member.id", direction);
  } else {
    if (cursor) {
      select = select.where((eb) =>
        eb.or([eb("Member.availablePoints", past, cursor.points), eb.and([eb("Member.availablePoints", "=", cursor.points), eb("Member.id", past, cursor.id)])]),
      );
    }
    select = select.orderBy("Member.availablePoints", direction).orderBy("Member.id", direction);
  }
  const rows = (await select.limit(query.limit + 1).execute()) as MemberRow[];
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  if (!forward) page.reverse();
  const members = page.map(fromListRow);
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

export async function countMembers(db: SqlDb, shop: string, filter: MemberFilter): Promise<number> {
  const row = await filteredMembers(db, shop, filter).select(sql<number>`COUNT(*)`.as("count")).executeTakeFirst();
  return Number(row?.count ?? 0);
}

const POINT_FIELDS = ["availablePoints", "pendingPoints"] as const;

const detailSelect = {
  id: true,
  customerId: true,
  email: true,
  firstName: true,
  lastName: true,
  availablePoints: true,
  pendingPoints: true,
  createdAt: true,
  updatedAt: true,
  redactedAt: true,
  holdOut: true,
  tier: { select: { tierId: true } },
} as const;

export type MemberDetail = MemberListItem & { updatedAt: Date };

/** One member of `shop` by Shopify customer id; null for another shop's customer or an unknown one. */
export async function getMemberDetail(db: Db, shop: string, customerId: string): Promise<MemberDetail | null> {
  if (!/^\d{1,20}$/.test(customerId)) return null;
  const row = await db.member.findUnique({
    where: { shop_customerId: { shop, customerId } },
    select: detailSelect,
  });
  if (!row) return null;
  const { redactedAt, tier, availablePoints, pendingPoints, ...member } = row;
  return {
    ...member,
    ...withNumbers({ availablePoints, pendingPoints }, POINT_FIELDS),
    redacted: redactedAt !== null,
    tierId: tier?.tierId == null ? null : String(tier.tierId),
  };
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
