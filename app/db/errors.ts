/** Prisma's "unique constraint failed" (P2002): someone else inserted the same key first. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/**
 * The database refused a value itself: PostgreSQL's data exceptions (SQLSTATE class 22: a number out of its column's
 * range, a NUL or invalid byte in text, …), SQLite's value too big. Retrying the same write would fail the same way.
 */
export function isDataException(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" && (/^22[0-9A-Z]{3}$/.test(code) || code === "SQLITE_TOOBIG" || code === "SQLITE_MISMATCH");
}
