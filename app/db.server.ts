// The one Prisma client. DATABASE_URL picks the database (see app/db/database-url.ts): SQLite by default,
// PostgreSQL in production. Both generated clients come from the same schema, so they expose the same
// models; the SQLite client's type stands for both.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/prisma/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/prisma/postgresql/client";
import { databaseProvider, sqliteFileUrl, type DatabaseProvider } from "./db/database-url";
import { createPostgresPool } from "./db/postgres-pool";
import { serializedSqlite } from "./db/serialized-sqlite-adapter";

export type Db = SqliteClient;
export type { Prisma } from "./generated/prisma/sqlite/client";

// Webhook bursts queue for the same order's lock (PostgreSQL) or for the single SQLite writer; Prisma's defaults
// (2 s to start a transaction, 5 s to finish it) would turn a busy minute into failed deliveries and retries.
const transactionOptions = { maxWait: 20_000, timeout: 20_000 };

function createClient(): Db {
  const url = process.env.DATABASE_URL;
  if (databaseProvider(url) === "postgresql") {
    const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10);
    const client = new PostgresClient({
      adapter: new PrismaPg(createPostgresPool(url!, poolSize)),
      transactionOptions,
    });
    return client as unknown as Db;
  }
  const adapter = serializedSqlite(new PrismaBetterSQLite3({ url: sqliteFileUrl(url) }));
  return new SqliteClient({ adapter, transactionOptions });
}

declare global {
  // Reused across Vite's hot reloads in development so connections are not leaked.
  var __loyaltyPrisma: Db | undefined;
}

const prisma: Db = globalThis.__loyaltyPrisma ?? createClient();
if (process.env.NODE_ENV !== "production") globalThis.__loyaltyPrisma = prisma;

export const activeDatabase: DatabaseProvider = databaseProvider();
export default prisma;
