// Fresh, migrated databases for benchmark runs, and the checks run on them afterwards.
//   SQLite:     a new file under the OS temp directory (same disk as the project here), deleted afterwards.
//   PostgreSQL: a new database on the server PG_ADMIN_URL names (default postgresql://postgres@127.0.0.1:5432/
//               postgres), dropped afterwards.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "../../app/generated/prisma/sqlite/client";
import { PrismaClient as PostgresClient } from "../../app/generated/prisma/postgresql/client";
import { createPostgresPool } from "../../app/db/postgres-pool";
import type { DatabaseProvider } from "../../app/db/database-url";
import { DEFAULT_SCOPES } from "../../app/shopify/app-environment.server";

export type Db = SqliteClient;

export type BenchDatabase = { provider: DatabaseProvider; url: string; drop: () => Promise<void> };

const adminUrl = process.env.PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createDatabase(provider: DatabaseProvider, name: string, root: string): Promise<BenchDatabase> {
  let database: BenchDatabase;
  if (provider === "sqlite") {
    const file = path.join(os.tmpdir(), `${name}.sqlite`);
    const remove = async () => {
      for (const suffix of ["", "-journal", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    };
    await remove();
    database = { provider, url: `file:${file}`, drop: remove };
  } else {
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE "${name}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    database = { provider, url: url.href, drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
  }
  try {
    // The project's own migration command, so the schema is exactly what a deployment gets.
    execFileSync(process.execPath, [path.join(root, "scripts", "db.mjs"), "migrate"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.url },
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    await database.drop();
    const output = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`migrating ${provider} failed:\n${output.stdout ?? ""}${output.stderr ?? ""}`);
  }
  return database;
}

/**
 * A Prisma client on a bench database, built like app/db.server.ts builds the app's. `close` also ends the pg
 * pool: Prisma's $disconnect leaves a pool it was handed open.
 */
export function openDb(database: BenchDatabase): { db: Db; close: () => Promise<void> } {
  if (database.provider === "postgresql") {
    const pool = createPostgresPool(database.url, 2);
    const db = new PostgresClient({ adapter: new PrismaPg(pool) }) as unknown as Db;
    const close = async () => {
      await db.$disconnect();
      // pool.end() resolves before its connections have gone; the DROP … WITH (FORCE) that follows may then
      // terminate one, and an 'error' event without a listener would crash the benchmark.
      pool.on("error", () => {});
      await pool.end();
    };
    return { db, close };
  }
  const db = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: database.url }) });
  return { db, close: () => db.$disconnect() };
}

/**
 * The shop's offline session, as an installed shop has one: @shopify/shopify-app-remix loads it on every
 * webhook, and an empty session table would make that lookup cheaper than in production.
 */
export async function seedInstalledShop(db: Db, shop: string) {
  await db.session.create({
    data: { id: `offline_${shop}`, shop, state: "", isOnline: false, scope: DEFAULT_SCOPES.join(","), accessToken: "bench-token" },
  });
  await db.shop.create({ data: { domain: shop } });
}

export type Verification = { ok: boolean; lines: string[] };

/** What the app must have written for `orders` paid orders: one record each, a consistent ledger, the right points. */
export async function verifyApp(db: Db, shop: string, orders: number, expectedPoints: number): Promise<Verification> {
  const lines: string[] = [];
  let ok = true;
  const check = (pass: boolean, text: string) => {
    ok &&= pass;
    lines.push(`${pass ? "ok  " : "FAIL"} ${text}`);
  };
  const records = await db.orderRecord.count({ where: { shop } });
  check(records === orders, `OrderRecord rows: ${records} (sent ${orders})`);
  const deliveries = await db.webhookDelivery.count({ where: { shop } });
  check(deliveries === orders, `WebhookDelivery rows: ${deliveries} (sent ${orders})`);
  const unapplied = await db.webhookDelivery.count({ where: { shop, OR: [{ processedAt: null }, { NOT: { payload: null } }] } });
  check(unapplied === 0, `deliveries unapplied or still holding their payload: ${unapplied}`);

  // Points are BigInt columns, which Prisma reads as bigint.
  const members = (await db.member.findMany({ where: { shop }, select: { id: true, availablePoints: true, pendingPoints: true } })).map(
    (m) => ({ id: m.id, availablePoints: Number(m.availablePoints), pendingPoints: Number(m.pendingPoints) }),
  );
  const sums = await db.ledgerEntry.groupBy({ by: ["memberId"], where: { shop }, _sum: { availableDelta: true, pendingDelta: true } });
  const byMember = new Map(sums.map((s) => [s.memberId, s._sum]));
  const mismatched = members.filter((m) => {
    const sum = byMember.get(m.id);
    return Number(sum?.availableDelta ?? 0) !== m.availablePoints || Number(sum?.pendingDelta ?? 0) !== m.pendingPoints;
  });
  check(mismatched.length === 0, `cached balances equal ledger sums for ${members.length - mismatched.length}/${members.length} members`);

  const pending = members.reduce((total, m) => total + m.pendingPoints, 0);
  const recorded = await db.orderRecord.aggregate({ where: { shop }, _sum: { totalPoints: true } });
  check(
    pending === expectedPoints && Number(recorded._sum.totalPoints) === expectedPoints,
    `points: ${pending} pending in balances, ${recorded._sum.totalPoints ?? 0} on order records, ${expectedPoints} expected`,
  );
  return { ok, lines };
}

/** The baseline's only effect: one delivery row per request. */
export async function verifyBaseline(db: Db, shop: string, orders: number): Promise<Verification> {
  const deliveries = await db.webhookDelivery.count({ where: { shop } });
  const ok = deliveries === orders;
  return { ok, lines: [`${ok ? "ok  " : "FAIL"} WebhookDelivery rows: ${deliveries} (sent ${orders})`] };
}
