/**
 * A unique or primary-key constraint refused the write: someone else inserted the same key first. Prisma reports
 * it as P2002; the app's own SQL (app/db/sql.server.ts) surfaces the driver's code, 23505 on PostgreSQL and
 * SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY on SQLite.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === "P2002" || code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
