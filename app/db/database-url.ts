// Which database the app talks to is decided by DATABASE_URL alone:
//   unset or "file:…"            → SQLite (the embedded default), path relative to the project root
//   "postgresql://…", "postgres://…" → PostgreSQL (production)
// Kept free of Prisma imports so the Prisma CLI configs, scripts and the app can all share it.
import path from "node:path";

export type DatabaseProvider = "sqlite" | "postgresql";

export const DEFAULT_SQLITE_URL = "file:./prisma/data/loyalty.sqlite";

export function databaseProvider(url: string | undefined = process.env.DATABASE_URL): DatabaseProvider {
  if (!url || url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(
    `DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL); got "${url.split(":")[0]}:…"`,
  );
}

/** Absolute `file:` URL for the SQLite database, resolving relative paths against the working directory. */
export function sqliteFileUrl(url: string | undefined = process.env.DATABASE_URL): string {
  const raw = url && url.startsWith("file:") ? url : DEFAULT_SQLITE_URL;
  const filePath = raw.slice("file:".length);
  if (filePath === ":memory:") return raw;
  return `file:${path.resolve(filePath)}`;
}
