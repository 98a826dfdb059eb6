// The one home for what differs between SQLite and PostgreSQL in the app's own SQL (app/db/sql.server.ts).
//
// - Instants: Prisma stores a DateTime on SQLite as ISO-8601 text with "+00:00" (@prisma/adapter-better-sqlite3's
//   default format) and on PostgreSQL as `timestamp(3)` without time zone, holding UTC. `instant()` gives the one
//   text that is right for both: SQLite compares it as text with what Prisma wrote, PostgreSQL reads it as a
//   timestamp and drops the offset, which is +00:00 anyway. Reading back, SQLite returns that text and PostgreSQL a
//   Date (parsed as UTC: app/db/postgres-pool.ts); `readInstant()` accepts both.
// - Prisma raw queries (program-stats): the same instants as bound parameters, `rawQueryInstant()`.
// - Index choice: SQLite (no statistics) picks an index on an equality over one on an IN list, even when the IN list
//   is far more selective; `notIndexed()` keeps a column's test from steering it (SQLite's unary +, documented for
//   exactly this). PostgreSQL plans from statistics and gets the column as it is.
// - Locks: transaction-scoped advisory locks on PostgreSQL; nothing on SQLite, whose one writer already
//   serialises every transaction (app/db/sqlite-writer.ts).
import { sql, type RawBuilder } from "kysely";
import type { SqlDb } from "./sql.server";
import { databaseProvider } from "./database-url";

const provider = databaseProvider();

declare const instantBrand: unique symbol;
/** A point in time as the database stores it; only `instant()` makes one. */
export type Instant = string & { readonly [instantBrand]: true };
/** What a DateTime column reads back as. */
export type StoredInstant = Date | string;

export function instant(date: Date): Instant {
  return date.toISOString().replace("Z", "+00:00") as Instant;
}

export function readInstant(value: StoredInstant): Date;
export function readInstant(value: StoredInstant | null): Date | null;
export function readInstant(value: StoredInstant | null): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(value);
}

/**
 * An instant as a value in a SELECT list (INSERT … SELECT): PostgreSQL gives an untyped parameter there the type
 * text, which a timestamp column refuses, so it is cast; SQLite stores the text as it is.
 */
export function instantValue(value: Instant | null): RawBuilder<Instant | null> {
  return provider === "postgresql" ? sql<Instant | null>`CAST(${value} AS TIMESTAMP(3))` : sql<Instant | null>`${value}`;
}

/**
 * An instant bound as a parameter of a Prisma raw query (`db.$queryRaw`), compared with a DateTime column: Prisma
 * binds a Date as a timestamp on PostgreSQL, while on SQLite the column holds text and is compared with text in the
 * form Prisma wrote it (`instant()`).
 */
export function rawQueryInstant(date: Date): Date | Instant {
  return provider === "postgresql" ? date : instant(date);
}

/** Booleans read back as 0/1 on SQLite. */
export function readBoolean(value: boolean | number): boolean {
  return value === true || value === 1;
}

/**
 * A lock on `name` held until the transaction `trx` ends, so that work on one business object (an order, a
 * member) is applied one at a time across app instances.
 */
export async function lockNamed(trx: SqlDb, name: string): Promise<void> {
  if (provider !== "postgresql") return;
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${name}, 0))`.execute(trx);
}

/**
 * Whether the database runs one write transaction at a time (SQLite's one writer): a row read inside a transaction
 * then cannot change before it commits, so no lock is needed to read-modify-write it.
 */
export function writersAreSerialised(): boolean {
  return provider !== "postgresql";
}

/** lockNamed for many names in one statement, taken in sorted order (so two batches never deadlock each other). */
export async function lockNamedMany(trx: SqlDb, names: string[]): Promise<void> {
  if (provider !== "postgresql" || names.length === 0) return;
  const sorted = [...new Set(names)].sort();
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(name, 0)) FROM unnest(${sorted}::text[]) WITH ORDINALITY AS t(name, n) ORDER BY n`.execute(trx);
}

/**
 * `column` in a filter that must not choose the index (SQLite: `+column`, a no-op that hides it from the planner).
 * For a shop filter beside a selective `memberId IN (…)`: the rows are still scoped by shop, read through memberId.
 */
export function notIndexed(column: string): RawBuilder<string> {
  return provider === "postgresql" ? sql<string>`${sql.ref(column)}` : sql<string>`+${sql.ref(column)}`;
}
