// A fresh, migrated database for one test run, on the provider TEST_DATABASE names ("sqlite", the default,
// or "postgresql"). Used as vitest's globalSetup: the URL reaches the test workers through DATABASE_URL.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "..", "..");

// The machine's PostgreSQL (trust auth on 127.0.0.1). TEST_PG_ADMIN_URL points elsewhere when needed.
export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

function migrate(databaseUrl: string) {
  execFileSync(process.execPath, [path.join(root, "scripts", "db.mjs"), "migrate"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `loyalty_test_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `TEST_DATABASE=postgresql but PostgreSQL is not reachable at ${PG_ADMIN_URL} (${String(error)}). ` +
        "Start it (see README) — the PostgreSQL run is never skipped.",
    );
  }
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

export default async function setup() {
  const provider = process.env.TEST_DATABASE ?? "sqlite";
  if (provider === "postgresql") {
    const { url, drop } = await createPostgresDatabase();
    migrate(url);
    process.env.DATABASE_URL = url;
    return drop;
  }
  if (provider !== "sqlite") throw new Error(`TEST_DATABASE must be sqlite or postgresql, not ${provider}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "loyalty-test-"));
  const url = `file:${path.join(dir, "test.sqlite")}`;
  migrate(url);
  process.env.DATABASE_URL = url;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
