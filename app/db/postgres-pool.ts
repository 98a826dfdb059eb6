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

export function createPostgresPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString, max });
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
