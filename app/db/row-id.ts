// Row ids (every autoincrement id: rewards, ledger entries, redemptions, import jobs, members) are 32-bit on
// PostgreSQL (`integer`), so a request naming a larger one must be refused before it reaches a query: PostgreSQL
// rejects the comparison itself ("value out of range for type integer"), which would be a 500.
export const MAX_ROW_ID = 2_147_483_647;

/** `value` as a row id (a whole number from 1 to MAX_ROW_ID, given as a number or as digits), or null. */
export function parseRowId(value: unknown): number | null {
  const id = typeof value === "string" && /^\d{1,10}$/.test(value) ? Number(value) : value;
  return typeof id === "number" && Number.isSafeInteger(id) && id >= 1 && id <= MAX_ROW_ID ? id : null;
}
