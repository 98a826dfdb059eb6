// Kysely on the process's one SQLite connection (app/db/sqlite-writer.ts), so the hot paths' SQL and Prisma share
// one writer: every query outside a transaction and every whole transaction holds the writer lock, exactly as
// Prisma's statements do (app/db/serialized-sqlite-adapter.ts).
//
// Kysely's own SqliteDialect would open a second connection with its own mutex; two writers in one process would
// block each other inside synchronous better-sqlite3 calls (a busy wait that freezes the event loop).
import type Database from "better-sqlite3";
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from "kysely";
import type { SharedSqlite } from "./sqlite-writer";

/** Statements prepared once per SQL text: the hot paths repeat a few dozen shapes. */
const STATEMENT_CACHE_SIZE = 256;

class SharedSqliteConnection implements DatabaseConnection {
  constructor(
    private readonly database: Database.Database,
    private readonly statements: Map<string, Database.Statement>,
    readonly release: () => void,
  ) {}

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      // Prisma's adapter turns on safe integers for the whole connection; the hot paths' columns are 32-bit or
      // checked to be within 2^53, so plain numbers are exact here.
      statement = this.database.prepare(sql).safeIntegers(false);
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.prepare(query.sql);
    const parameters = query.parameters.map(sqliteValue);
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
  }

  // eslint-disable-next-line require-yield -- the hot paths never stream; Kysely's interface asks for it
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("streaming queries are not supported on the shared SQLite connection");
  }
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null; booleans are stored as 0/1 as Prisma does. */
function sqliteValue(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) throw new Error("pass instants through instant() (app/db/dialect.ts), not Date objects");
  return value;
}

class SharedSqliteDriver implements Driver {
  private readonly statements = new Map<string, Database.Statement>();
  /** The connection the cached statements were prepared on (Prisma opens a new one after $disconnect). */
  private preparedOn: Database.Database | null = null;

  constructor(
    private readonly shared: SharedSqlite,
    private readonly connect: () => Promise<void>,
  ) {}

  async init() {
    if (!this.shared.connection) await this.connect();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const database = this.shared.connection;
    if (!database) throw new Error("the SQLite connection is not open");
    const release = await this.shared.lock.acquire();
    if (database !== this.preparedOn) {
      this.statements.clear();
      this.preparedOn = database;
    }
    return new SharedSqliteConnection(database, this.statements, release);
  }

  async beginTransaction(connection: DatabaseConnection) {
    // IMMEDIATE: take SQLite's write lock at the start, so another process's writer makes us wait (busy_timeout)
    // before any work, never half-way through with a "database is locked" upgrade failure.
    await connection.executeQuery(CompiledQuery.raw("BEGIN IMMEDIATE"));
  }

  async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw("COMMIT"));
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw("ROLLBACK"));
  }

  async releaseConnection(connection: DatabaseConnection) {
    (connection as SharedSqliteConnection).release();
  }

  async destroy() {
    // The connection belongs to Prisma's adapter, which closes it on $disconnect.
    this.statements.clear();
  }
}

/** A Kysely dialect on the shared connection; `connect` opens it (through Prisma) if nothing has yet. */
export function sharedSqliteDialect(shared: SharedSqlite, connect: () => Promise<void>): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new SharedSqliteDriver(shared, connect),
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createIntrospector: (db: Kysely<unknown>) => new SqliteIntrospector(db),
  };
}
