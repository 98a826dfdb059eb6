// The app's database handles, both on the same connections. DATABASE_URL picks the database (see
// app/db/database-url.ts): SQLite by default, PostgreSQL in production.
// - `prisma` (the default export): the Prisma client, for the admin's CRUD, sessions and jobs. Both generated
//   clients come from the same schema, so they expose the same models; the SQLite client's type stands for both.
// - `sqlDb`: Kysely, for the hot paths (app/db/sql.server.ts says which and why).
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { Kysely, PostgresDialect } from "kysely";
import type pg from "pg";
import { PrismaClient as SqliteClient } from "./generated/prisma/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/prisma/postgresql/client";
import { databaseProvider, sqliteFileUrl, type DatabaseProvider } from "./db/database-url";
import { createPostgresPool } from "./db/postgres-pool";
import { serializedSqlite } from "./db/serialized-sqlite-adapter";
import { sharedSqliteDialect } from "./db/kysely-sqlite-driver";
import { SharedSqlite } from "./db/sqlite-writer";
import type { SqlSchema } from "./db/sql-schema";
import type { SqlDb } from "./db/sql.server";

export type Db = SqliteClient;
export type { Prisma } from "./generated/prisma/sqlite/client";
export type { SqlDb } from "./db/sql.server";

// Webhook bursts queue for the same order's lock (PostgreSQL) or for the single SQLite writer; Prisma's defaults
// (2 s to start a transaction, 5 s to finish it) would turn a busy minute into failed deliveries and retries.
const transactionOptions = { maxWait: 20_000, timeout: 20_000 };

type Handles = { prisma: Db; sqlDb: SqlDb; postgresPool: pg.Pool | null };

function createHandles(): Handles {
  const url = process.env.DATABASE_URL;
  if (databaseProvider(url) === "postgresql") {
    const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10);
    const pool = createPostgresPool(url!, poolSize);
    const prisma = new PostgresClient({ adapter: new PrismaPg(pool), transactionOptions }) as unknown as Db;
    return { prisma, sqlDb: new Kysely<SqlSchema>({ dialect: new PostgresDialect({ pool }) }), postgresPool: pool };
  }
  const shared = new SharedSqlite();
  const adapter = serializedSqlite(new PrismaBetterSQLite3({ url: sqliteFileUrl(url) }), shared);
  const prisma = new SqliteClient({ adapter, transactionOptions });
  return { prisma, sqlDb: new Kysely<SqlSchema>({ dialect: sharedSqliteDialect(shared, () => prisma.$connect()) }), postgresPool: null };
}

declare global {
  // Reused across Vite's hot reloads in development so connections are not leaked.
  var __loyaltyDatabase: Handles | undefined;
}

const handles: Handles = globalThis.__loyaltyDatabase ?? createHandles();
if (process.env.NODE_ENV !== "production") globalThis.__loyaltyDatabase = handles;

export const activeDatabase: DatabaseProvider = databaseProvider();
export const sqlDb: SqlDb = handles.sqlDb;
/** The connection pool Prisma and `sqlDb` share on PostgreSQL (null on SQLite), for stores that take a pg pool. */
export const postgresPool: pg.Pool | null = handles.postgresPool;
const prisma: Db = handles.prisma;
export default prisma;
