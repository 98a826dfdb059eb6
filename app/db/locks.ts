// Transaction-scoped locks that serialise work on one business object across app instances.
//
// PostgreSQL: an advisory lock held until the transaction ends (pg_advisory_xact_lock), keyed by a hash of the
// name, so two instances handling the same order wait for each other. SQLite: the whole database is one
// writer and app/db/serialized-sqlite-adapter.ts runs transactions one at a time, so no lock is needed.
import type { Prisma } from "../generated/prisma/sqlite/client";
import { databaseProvider } from "./database-url";

export type Tx = Prisma.TransactionClient;

export async function lockNamed(tx: Tx, name: string): Promise<void> {
  if (databaseProvider() !== "postgresql") return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${name}, 0))`;
}
