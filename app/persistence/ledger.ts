// The points ledger: append-only entries, each with a reason, a source and a per-shop idempotency key; the
// member's two cached balances move in the same transaction as the entries that justify them.
//
// Runs on every webhook, redemption and adjustment, so it is plain SQL (app/db/sql.server.ts) with as few
// statements as the invariants allow: one insert that skips keys already in the ledger and returns what it wrote,
// and one update of the member's cached balances by exactly that.
import type { SqlDb } from "../db.server";
import { sql } from "kysely";
import { instant, instantValue, type Instant } from "../db/dialect";
import { preparedQuery } from "../db/prepared-query";
import { MAX_BALANCE_POINTS, PointsLimitError } from "../rules/points-limits";

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

export type MemberProfile = { email?: string | null; firstName?: string | null; lastName?: string | null; locale?: string | null };

function assertIntegers(entry: NewLedgerEntry) {
  if (!Number.isSafeInteger(entry.availableDelta) || !Number.isSafeInteger(entry.pendingDelta)) {
    throw new Error(`ledger entry ${entry.idempotencyKey} has non-integer points`);
  }
}

/** The member row's id and cached balances. */
export type MemberBalances = { id: number; availablePoints: number; pendingPoints: number; holdOut?: boolean | number };

/**
 * Appends the entries whose idempotency keys are new and moves the member's cached balances by exactly their
 * sum. Entries already in the ledger are skipped, so re-applying an event changes nothing. Must run inside a
 * transaction that holds the lock for the business object (order, member) the keys belong to.
 */
export async function appendEntries(
  trx: SqlDb,
  shop: string,
  memberId: number,
  entries: NewLedgerEntry[],
  now = new Date(),
): Promise<NewLedgerEntry[]> {
  const meaningful = entries.filter((e) => e.availableDelta !== 0 || e.pendingDelta !== 0);
  if (meaningful.length === 0) return [];
  meaningful.forEach(assertIntegers);
  const createdAt = instant(now);
  const rows: LedgerRow[] = meaningful.map((e) => ledgerRow(shop, memberId, e, createdAt));
  const { rows: written } = await insertEntries(rows.length)(trx, rows);
  if (written.length === 0) return [];
  const keys = new Set(written.map((row) => row.idempotencyKey));
  const fresh = meaningful.filter((e) => keys.has(e.idempotencyKey));
  const available = fresh.reduce((sum, e) => sum + e.availableDelta, 0);
  const pending = fresh.reduce((sum, e) => sum + e.pendingDelta, 0);
  if (available !== 0 || pending !== 0) {
    const moved = await moveBalances(trx, available, pending, createdAt, memberId, shop, -MAX_BALANCE_POINTS, MAX_BALANCE_POINTS);
    // The update only moves balances that stay within the limit (beyond it they could no longer be read exactly):
    // no row moved means refused, and the caller's transaction is undone.
    if (moved.numAffectedRows === 0n) {
      throw new PointsLimitError(`this would take the member's balance beyond ${MAX_BALANCE_POINTS} points, the most a balance may hold`);
    }
  }
  return fresh;
}

/** A ledger entry as written: the new entry with its shop, member and time, and no optional fields. */
type LedgerRow = Required<{ [K in keyof NewLedgerEntry]: Exclude<NewLedgerEntry[K], undefined> }> & {
  shop: string;
  memberId: number;
  createdAt: Instant;
};

/** The row written for `entry`: every column explicit, so the multi-row insert's parameters line up. */
function ledgerRow(shop: string, memberId: number, entry: NewLedgerEntry, createdAt: Instant): LedgerRow {
  return {
    shop,
    memberId,
    kind: entry.kind,
    availableDelta: entry.availableDelta,
    pendingDelta: entry.pendingDelta,
    reason: entry.reason,
    sourceType: entry.sourceType,
    sourceId: entry.sourceId,
    orderId: entry.orderId ?? null,
    lineItemId: entry.lineItemId ?? null,
    idempotencyKey: entry.idempotencyKey,
    createdAt,
  };
}

const LEDGER_COLUMNS = ["shop", "memberId", "kind", "availableDelta", "pendingDelta", "reason", "sourceType", "sourceId", "orderId", "lineItemId", "idempotencyKey", "createdAt"] as const;

/** The insert of `count` entries that skips keys already in the ledger, compiled once per count (orders have a few). */
const entryInserts = new Map<number, ReturnType<typeof prepareEntryInsert>>();

function prepareEntryInsert(count: number) {
  const prepared = preparedQuery((db, ...values: unknown[]) =>
    db
      .insertInto("LedgerEntry")
      .values(
        Array.from({ length: count }, (_, row) =>
          Object.fromEntries(LEDGER_COLUMNS.map((column, i) => [column, values[row * LEDGER_COLUMNS.length + i]])) as unknown as LedgerRow,
        ),
      )
      .onConflict((conflict) => conflict.columns(["shop", "idempotencyKey"]).doNothing())
      .returning("idempotencyKey"),
  );
  return (db: SqlDb, rows: LedgerRow[]) => prepared(db, ...rows.flatMap((row) => LEDGER_COLUMNS.map((column) => row[column])));
}

function insertEntries(count: number) {
  let insert = entryInserts.get(count);
  if (!insert) {
    insert = prepareEntryInsert(count);
    // Past a few dozen shapes (orders with unusual line counts) the cache stops growing; those compile each time.
    if (entryInserts.size < 64) entryInserts.set(count, insert);
  }
  return insert;
}

const moveBalances = preparedQuery((db, available: number, pending: number, at: Instant, memberId: number, shop: string, lowest: number, highest: number) =>
  db
    .updateTable("Member")
    // mirrorDueAt: Shopify's copy of the balance is now stale (customer-mirror.ts); same statement, no extra query.
    .set((eb) => ({ availablePoints: eb("availablePoints", "+", available), pendingPoints: eb("pendingPoints", "+", pending), updatedAt: at, mirrorDueAt: at }))
    .where("id", "=", memberId)
    .where("shop", "=", shop)
    .where((eb) => eb.between(eb("availablePoints", "+", available), lowest, highest))
    .where((eb) => eb.between(eb("pendingPoints", "+", pending), lowest, highest)),
);

/** customers/redact erased this customer before (RedactedCustomer), perhaps before they were a member. */
function wasRedacted(shop: string, customerId: string) {
  return sql<boolean>`EXISTS (SELECT 1 FROM "RedactedCustomer" WHERE "shop" = ${shop} AND "customerId" = ${customerId})`;
}

/**
 * The personal data of a new member row: nothing when the customer was erased before, so that an order, a
 * customers/create or an import arriving after customers/redact does not store their name or email again; then the
 * row is born erased (redactedAt), which also keeps customers/update from filling it in later.
 */
export function newMemberProfile(shop: string, customerId: string, profile: { email: string | null; firstName: string | null; lastName: string | null }, at: Instant) {
  const unlessRedacted = (value: string | null) => sql<string | null>`CASE WHEN ${wasRedacted(shop, customerId)} THEN NULL ELSE ${value} END`;
  return {
    email: unlessRedacted(profile.email),
    firstName: unlessRedacted(profile.firstName),
    lastName: unlessRedacted(profile.lastName),
    redactedAt: sql<Instant | null>`CASE WHEN ${wasRedacted(shop, customerId)} THEN ${instantValue(at)} ELSE NULL END`,
  };
}

const upsertMember = preparedQuery(
  (db, shop: string, customerId: string, email: string | null, firstName: string | null, lastName: string | null, at: Instant, holdOut: boolean, locale: string | null) =>
    db
      .insertInto("Member")
      .values({ shop, customerId, ...newMemberProfile(shop, customerId, { email, firstName, lastName }, at), locale, createdAt: at, updatedAt: at, holdOut })
      // An update rather than DO NOTHING, so the existing row comes back from RETURNING in the same statement; it
      // also remembers the shopper's language when the caller knows it (an order's customer_locale), else keeps it.
      .onConflict((conflict) =>
        conflict.columns(["shop", "customerId"]).doUpdateSet((eb) => ({
          customerId: eb.ref("excluded.customerId"),
          locale: eb.fn.coalesce(eb.ref("excluded.locale"), eb.ref("Member.locale")),
        })),
      )
      .returning(["id", "availablePoints", "pendingPoints", "holdOut"]),
);

/**
 * The member for a Shopify customer, created on first sight with `profile` (and `holdOut`: in the analytics hold-out
 * group, app/rules/hold-out.ts, which only a new member can join); an existing member is returned as it is. One statement that cannot collide with a concurrent creation of the same member: the insert's conflict
 * clause makes the second writer wait for the first and then take its row.
 */
export async function ensureMember(db: SqlDb, shop: string, customerId: string, profile: MemberProfile = {}, now = new Date(), holdOut = false): Promise<MemberBalances> {
  const { rows } = await upsertMember(db, shop, customerId, profile.email ?? null, profile.firstName ?? null, profile.lastName ?? null, instant(now), holdOut, profile.locale ?? null);
  return rows[0]!;
}

/** The member's cached available balance (the member must exist in the shop). */
export async function availableBalance(db: SqlDb, shop: string, memberId: number): Promise<number> {
  const member = await db.selectFrom("Member").select("availablePoints").where("id", "=", memberId).where("shop", "=", shop).executeTakeFirstOrThrow();
  return member.availablePoints;
}

/** The balances as the sum of the member's entries: the truth the cached balances must always equal. */
export async function balancesFromLedger(db: SqlDb, shop: string, memberId: number) {
  const sums = await db
    .selectFrom("LedgerEntry")
    .select((eb) => [eb.fn.sum<number | null>("availableDelta").as("available"), eb.fn.sum<number | null>("pendingDelta").as("pending")])
    .where("memberId", "=", memberId)
    .where("shop", "=", shop)
    .executeTakeFirstOrThrow();
  return { available: Number(sums.available ?? 0), pending: Number(sums.pending ?? 0) };
}

/**
 * One entry each for many members (a batch job's entry rewards): one insert that skips keys already in the ledger,
 * then the cached balances of the members whose entry was written moved by it, one UPDATE per distinct amount (a
 * batch has few). Must run inside a transaction that holds the members' locks for these keys.
 */
export async function appendEntryPerMember(trx: SqlDb, shop: string, items: Array<{ memberId: number; entry: NewLedgerEntry }>, now = new Date()) {
  const meaningful = items.filter(({ entry }) => entry.availableDelta !== 0 || entry.pendingDelta !== 0);
  if (meaningful.length === 0) return 0;
  meaningful.forEach(({ entry }) => assertIntegers(entry));
  const createdAt = instant(now);
  let written = 0;
  for (let start = 0; start < meaningful.length; start += 200) {
    const slice = meaningful.slice(start, start + 200);
    const rows = await trx
      .insertInto("LedgerEntry")
      .values(
        slice.map(({ memberId, entry }) => ledgerRow(shop, memberId, entry, createdAt)),
      )
      .onConflict((conflict) => conflict.columns(["shop", "idempotencyKey"]).doNothing())
      .returning(["memberId", "availableDelta", "pendingDelta"])
      .execute();
    written += rows.length;
    // Each member's cached balances move by the sum of their fresh entries, all members in ONE statement (a CASE per
    // balance): the expiry sweep writes a different amount for nearly every member, and a statement per amount was
    // one round trip per member. The amounts are integers the ledger checked (assertIntegers), written as literals.
    const totals = new Map<number, [number, number]>();
    for (const row of rows) {
      const sum = totals.get(row.memberId) ?? [0, 0];
      sum[0] += Number(row.availableDelta);
      sum[1] += Number(row.pendingDelta);
      totals.set(row.memberId, sum);
    }
    if (totals.size === 0) continue;
    const memberIds = [...totals.keys()];
    const perMember = (index: 0 | 1) =>
      sql<number>`CASE ${sql.ref("id")} ${sql.join(
        memberIds.map((id) => sql`WHEN ${sql.lit(id)} THEN ${sql.lit(totals.get(id)![index])}`),
        sql` `,
      )} ELSE 0 END`;
    await trx
      .updateTable("Member")
      .set((eb) => ({
        availablePoints: eb("availablePoints", "+", perMember(0)),
        pendingPoints: eb("pendingPoints", "+", perMember(1)),
        updatedAt: createdAt,
        mirrorDueAt: createdAt,
      }))
      .where("shop", "=", shop)
      .where("id", "in", memberIds)
      .execute();
  }
  return written;
}
