// Where Shopify sessions are kept: @shopify/shopify-app-session-storage-prisma's storage, except that an offline
// session — the one every redemption loads to call the Admin API (unauthenticated.admin) — is read with the app's
// own SQL. A Prisma model query cost ~0.7 ms of CPU here (app/db/sql.server.ts), about a tenth of a redemption's
// CPU. Online sessions, and every write, go through the library unchanged; the row is the library's own Session
// table, and tests/integration/shopify/session-storage.test.ts holds both reads to the same Session.
import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import type { SqlDb } from "../db.server";
import { readBoolean, readInstant } from "../db/dialect";

type StoragePrisma = ConstructorParameters<typeof PrismaSessionStorage>[0];

export class SessionStorage extends PrismaSessionStorage<StoragePrisma> {
  constructor(
    prisma: StoragePrisma,
    private readonly sqlDb: SqlDb,
  ) {
    super(prisma);
  }

  override async loadSession(id: string): Promise<Session | undefined> {
    const row = await this.sqlDb
      .selectFrom("Session")
      .select(["id", "shop", "state", "isOnline", "scope", "expires", "accessToken", "refreshToken", "refreshTokenExpires"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) return undefined;
    // An online session carries the staff member's details, which the library knows how to read back.
    if (readBoolean(row.isOnline)) return super.loadSession(id);
    const expires = readInstant(row.expires);
    const refreshTokenExpires = readInstant(row.refreshTokenExpires);
    return new Session({
      id: row.id,
      shop: row.shop,
      state: row.state,
      isOnline: false,
      ...(row.scope ? { scope: row.scope } : {}),
      ...(expires ? { expires } : {}),
      accessToken: row.accessToken,
      ...(row.refreshToken ? { refreshToken: row.refreshToken } : {}),
      ...(refreshTokenExpires ? { refreshTokenExpires } : {}),
    });
  }
}
