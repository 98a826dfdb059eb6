/** Prisma's "unique constraint failed" (P2002): someone else inserted the same key first. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
