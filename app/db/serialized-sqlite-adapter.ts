// Prisma's side of SQLite's one writer (app/db/sqlite-writer.ts): every statement Prisma issues outside a
// transaction, and every Prisma transaction, takes the process's writer lock, the same lock the hot paths' SQL
// takes. The connection Prisma's adapter opens is handed to SharedSqlite so that SQL runs on it too.
//
// Consequence worth knowing: code inside `db.$transaction(async (tx) => …)` must use `tx`, never `db`;
// using `db` there waits for the transaction it is part of (it would be a consistency bug on PostgreSQL too).
import type Database from "better-sqlite3";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import type { SharedSqlite, WriterLock } from "./sqlite-writer";

function serialize(adapter: SqlDriverAdapter, lock: WriterLock): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, property, receiver) {
      if (property === "queryRaw" || property === "executeRaw") {
        const method = Reflect.get(target, property, receiver) as (query: unknown) => Promise<unknown>;
        return (query: unknown) => lock.run(() => method.call(target, query));
      }
      if (property === "startTransaction") {
        return async (isolationLevel?: Parameters<SqlDriverAdapter["startTransaction"]>[0]): Promise<Transaction> => {
          const release = await lock.acquire();
          try {
            const transaction = await target.startTransaction(isolationLevel);
            return releasingOnEnd(transaction, release);
          } catch (error) {
            release();
            throw error;
          }
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

function releasingOnEnd(transaction: Transaction, release: () => void): Transaction {
  let released = false;
  const releaseOnce = () => {
    if (!released) {
      released = true;
      release();
    }
  };
  return new Proxy(transaction, {
    get(target, property, receiver) {
      if (property === "commit" || property === "rollback") {
        const method = Reflect.get(target, property, receiver) as () => Promise<void>;
        return async () => {
          try {
            await method.call(target);
          } finally {
            releaseOnce();
          }
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** The better-sqlite3 connection inside Prisma's adapter (a field of the adapter in @prisma/adapter-better-sqlite3 6.x). */
function betterSqliteConnection(adapter: SqlDriverAdapter): Database.Database {
  const client = (adapter as unknown as { client?: unknown }).client;
  if (typeof client !== "object" || client === null || typeof (client as Database.Database).prepare !== "function") {
    throw new Error("@prisma/adapter-better-sqlite3 no longer exposes its connection as `client`; see app/db/serialized-sqlite-adapter.ts");
  }
  return client as Database.Database;
}

/**
 * Wraps a SQLite adapter factory so the connection it makes serialises statements and transactions on the shared
 * writer lock, and is shared with the hot paths' SQL.
 */
export function serializedSqlite(factory: SqlDriverAdapterFactory, shared: SharedSqlite): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      shared.attach(betterSqliteConnection(adapter));
      return serialize(adapter, shared.lock);
    },
  };
}
