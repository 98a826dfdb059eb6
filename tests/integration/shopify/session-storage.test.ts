// The app's session storage reads offline sessions with its own SQL (app/shopify/session-storage.server.ts); this
// holds what it loads to what @shopify/shopify-app-session-storage-prisma loads from the same rows.
import { describe, expect, it } from "vitest";
import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import db, { sqlDb } from "../../../app/db.server";
import { SessionStorage } from "../../../app/shopify/session-storage.server";
import { uniqueShop } from "../../support/shopify-requests";

type StoragePrisma = ConstructorParameters<typeof PrismaSessionStorage>[0];

describe("session storage", () => {
  it("GIVEN offline sessions with and without expiry, scope and refresh token, and an online one THEN both storages load the same sessions", async () => {
    const ours = new SessionStorage(db as unknown as StoragePrisma, sqlDb);
    const library = new PrismaSessionStorage(db as unknown as StoragePrisma);
    const shop = uniqueShop();
    const sessions = [
      new Session({ id: `offline_${shop}`, shop, state: "", isOnline: false, scope: "read_customers,write_discounts", accessToken: "shpat_1" }),
      new Session({
        id: `offline_${shop}_expiring`,
        shop,
        state: "state-1",
        isOnline: false,
        scope: "read_orders",
        expires: new Date("2027-01-02T03:04:05.678Z"),
        accessToken: "shpat_2",
        refreshToken: "shprt_2",
        refreshTokenExpires: new Date("2027-06-01T00:00:00.000Z"),
      }),
      new Session({
        id: `${shop}_9007199254740993`,
        shop,
        state: "",
        isOnline: true,
        scope: "read_orders",
        expires: new Date("2026-12-02T00:00:00.000Z"),
        accessToken: "shpua_3",
        onlineAccessInfo: {
          expires_in: 86399,
          associated_user_scope: "read_orders",
          associated_user: { id: 93, first_name: "Ana", last_name: "Pop", email: "ana@example.com", email_verified: true, account_owner: false, locale: "ro", collaborator: false },
        },
      }),
    ];
    for (const session of sessions) await ours.storeSession(session);
    for (const session of sessions) {
      const [mine, theirs] = await Promise.all([ours.loadSession(session.id), library.loadSession(session.id)]);
      expect(mine!.toObject()).toEqual(theirs!.toObject());
      expect(mine!.isActive(session.scope ?? "")).toBe(theirs!.isActive(session.scope ?? ""));
    }
    expect(await ours.loadSession(`offline_${shop}_missing`)).toBeUndefined();
  });
});
