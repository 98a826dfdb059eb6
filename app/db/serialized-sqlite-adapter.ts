// One SQLite connection serves the whole process, and the better-sqlite3 adapter only serialises
// transactions against each other: a query issued outside a transaction while another request's interactive
// transaction is open runs on the same connection, i.e. *inside* that transaction, and is lost if it rolls
// back. For a ledger that must never lose a write, every statement waits its turn: queries outside
// transactions and whole transactions take one lock, in arrival order.
//
// Consequence worth knowing: code inside `db.$transaction(async (tx) => …)` must use `tx`, never `db`;
// using `db` there waits for the transaction it is part of (it would be a consistency bug on PostgreSQL too).
import { isBackgroundWork } from "./background-priority";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";

// Waiters are granted in arrival order, except that work marked as background (app/db/background-priority.ts)
// waits until no request's work is queued.
class Lock {
  private held = false;
  private readonly urgent: Array<() => void> = [];
  private readonly deferred: Array<() => void> = [];

  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = () => {
        this.held = true;
        resolve(() => this.release());
      };
      if (!this.held) grant();
      else (isBackgroundWork() ? this.deferred : this.urgent).push(grant);
    });
  }

  private release() {
    this.held = false;
    const next = this.urgent.shift() ?? this.deferred.shift();
    next?.();
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

function serialize(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const lock = new Lock();
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

/** Wraps a SQLite adapter factory so every connection it makes serialises statements and transactions. */
export function serializedSqlite(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => serialize(await factory.connect()),
  };
}
