// Points and money amounts are BigInt columns (they may pass 2^31; app/rules/points-limits.ts bounds them at 2^53).
// The app's own SQL reads them as JS numbers (app/db/sql-schema.ts); Prisma reads them as bigint. The admin's Prisma
// reads turn them into numbers here, where they leave storage, so no page or rule ever sees a bigint.

/** A BigInt column's value (or a sum of one) as a number; beyond 2^53 it could not be exact, so that is an error. */
export function numberFromBigInt(value: bigint | number): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new RangeError(`integer ${value} is beyond 2^53 and cannot be read exactly`);
  return number;
}

export function numberFromBigIntOrNull(value: bigint | number | null): number | null {
  return value === null ? null : numberFromBigInt(value);
}

/** The same for the given fields of a row: `{ ...row, availablePoints: number, … }`. */
export function withNumbers<Row extends object, Field extends keyof Row>(
  row: Row,
  fields: readonly Field[],
): Omit<Row, Field> & { [K in Field]: Row[K] extends bigint ? number : Row[K] extends bigint | null ? number | null : Row[K] } {
  const converted: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  for (const field of fields) {
    const value = row[field] as unknown;
    converted[field as string] = value === null ? null : numberFromBigInt(value as bigint);
  }
  return converted as never;
}
