// Command-line options shared by the bench:* scripts (`--name value` pairs and flags).
import type { DatabaseProvider } from "../../app/db/database-url";

export function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index > -1 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}

export function positiveInt(name: string, fallback: number): number {
  const value = Number(option(name, String(fallback)));
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

/** `--db sqlite|postgresql|both` (default both). */
export function databasesOption(): DatabaseProvider[] {
  const db = option("db", "both");
  if (db === "both") return ["sqlite", "postgresql"];
  if (db === "sqlite" || db === "postgresql") return [db];
  throw new Error("--db must be sqlite, postgresql or both");
}
