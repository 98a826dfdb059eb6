// The app's own SQL, for the paths that run per order and per storefront view: applying webhooks, the ledger,
// redemption, the app proxy reads. Prisma stays the schema, the migrations and the admin's CRUD; here Kysely
// builds typed SQL (types from the Prisma schema: app/db/sql-schema.ts) and runs it on the same connections —
// the one SQLite connection under the one writer lock, or the same pg.Pool on PostgreSQL.
//
// Why not Prisma here: measured on this machine (ENVIRONMENT.md, 20k rows), a Prisma 6.19 model query costs
// ~0.7 ms of CPU (`update` ~1.3 ms, a two-statement transaction ~2.3 ms) against ~0.13 ms through Kysely; the
// orders/paid path made 15+ such calls and spent ten times the baseline's CPU.
//
// One query layer per module: a module's transaction is either Kysely's or Prisma's, never both.
import type { Kysely } from "kysely";
import type { SqlSchema } from "./sql-schema";

export type SqlDb = Kysely<SqlSchema>;
