// Hot statements compiled once. Kysely builds and compiles a query on every call — about 35 µs of CPU each here,
// 16% of the PostgreSQL webhook path's CPU (bench:webhooks --cpu-prof) — although most hot statements never change
// shape, only values. `preparedQuery(build)` builds the statement once with a marker in place of each argument,
// compiles it, and from then on runs the same SQL with each call's values in the markers' places.
//
// Only for statements whose SQL does not depend on the values: every argument must end up as a bound parameter
// (a value in `values()`, `set()` or a comparison), never decide the shape (no `is null` tests or optional clauses
// chosen from an argument, no lists whose length varies). The first call checks that every argument appears.
import type { CompiledQuery, Compilable, QueryResult } from "kysely";
import type { SqlDb } from "./sql.server";

class Argument {
  constructor(readonly index: number) {}
}

type Slot = { argument: number } | { constant: unknown };

export function preparedQuery<Args extends unknown[], Row>(build: (db: SqlDb, ...args: Args) => Compilable<Row>) {
  let compiled: { query: CompiledQuery<Row>; slots: Slot[] } | null = null;
  return async (db: SqlDb, ...args: Args): Promise<QueryResult<Row>> => {
    if (!compiled) {
      const markers = args.map((_, index) => new Argument(index)) as unknown as Args;
      const query = build(db, ...markers).compile();
      const slots = query.parameters.map((value): Slot => (value instanceof Argument ? { argument: value.index } : { constant: value }));
      const used = new Set(slots.flatMap((slot) => ("argument" in slot ? [slot.argument] : [])));
      if (used.size !== args.length) throw new Error(`prepared query uses ${used.size} of its ${args.length} arguments as values: ${query.sql}`);
      compiled = { query, slots };
    }
    const { query, slots } = compiled;
    const parameters = slots.map((slot) => ("argument" in slot ? args[slot.argument] : slot.constant));
    return db.executeQuery<Row>({ ...query, parameters });
  };
}
