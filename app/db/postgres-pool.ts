// node-postgres pool for Prisma's PostgreSQL driver adapter.
//
// Why the patch: @prisma/adapter-pg 6.19 rejects result columns of Postgres type `name` (OID 19) as an
// unsupported native type. Prisma's own migration engine reads catalog columns of that type, so
// `prisma migrate deploy` fails without it. `name` is a 63-byte string, so describing it as `text`
// (OID 25) is exact. The 7.x adapter maps it itself, but is not accepted by the 6.19 CLI.
import pg from "pg";

const PG_TYPE_NAME = 19;
const PG_TYPE_TEXT = 25;

type QueryResultLike = { fields?: Array<{ dataTypeID: number }> };

function describeNameColumnsAsText<T>(result: T): T {
  const results = Array.isArray(result) ? result : [result];
  for (const r of results as QueryResultLike[]) {
    for (const field of r?.fields ?? []) {
      if (field.dataTypeID === PG_TYPE_NAME) field.dataTypeID = PG_TYPE_TEXT;
    }
  }
  return result;
}

// How the app's own SQL (app/db/sql.server.ts) reads two types, set on the pool so they apply to its queries only:
// Prisma's adapter passes its own parsers with every query it sends.
// - timestamp without time zone (Prisma's DateTime) holds UTC; pg would read it in the process's local zone.
// - int8: the point and money columns (BigInt in the schema) and COUNT(); pg gives strings. Every value the rules
//   allow is below 2^53 (app/rules/points-limits.ts), and a value beyond it fails loudly rather than rounding.
//   (SUM() of an int8 column is `numeric`, left as a string; the callers read it with Number().)
const PG_TYPE_INT8 = 20;
const PG_TYPE_TIMESTAMP = 1114;

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`integer ${text} is beyond 2^53 and cannot be read exactly`);
  return value;
}

const appTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === PG_TYPE_INT8) return parseInt8;
    if (oid === PG_TYPE_TIMESTAMP) return (text: string) => new Date(`${text.replace(" ", "T")}Z`);
    return pg.types.getTypeParser(oid, format as "text");
  }) as typeof pg.types.getTypeParser,
};

export function createPostgresPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, types: appTypes });
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      // pg's Pool#query calls the client with a callback; direct callers use the promise.
      const last = args.length - 1;
      const callback = args[last];
      if (typeof callback === "function") {
        args[last] = (err: unknown, result: unknown) => callback(err, err ? result : describeNameColumnsAsText(result));
        return query(...args);
      }
      const pending = query(...args);
      return pending instanceof Promise ? pending.then(describeNameColumnsAsText) : pending;
    };
  });
  return pool;
}
