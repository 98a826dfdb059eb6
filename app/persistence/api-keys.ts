// Per-shop keys for the server-to-server API (POST /api/v1/actions, the headless API's /api/v1/members/* and
// customer tokens: app/shopify/headless-api.server.ts), created in admin. A key is 32 random bytes shown
// once; only its SHA-256 is stored (a key is random, not a password, so one fast hash is enough to make a leaked
// table useless and lets a request find its key by an indexed lookup). Keys are named, revocable, and record when
// they last credited something.
import crypto from "node:crypto";
import type { SqlDb } from "../db.server";
import { instant, readInstant } from "../db/dialect";

const KEY_PREFIX = "lk_";
/** Characters of the key shown in admin to tell keys apart ("lk_" and 8 more). */
const SHOWN_CHARS = 11;
export const MAX_KEY_NAME = 60;

export type ApiKeyListing = { id: number; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

export function hashKey(key: string): string {
  return crypto.createHash("sha256").update(key).digest("hex");
}

export class ApiKeyNameError extends Error {}

/** Creates a key; the returned `key` is the only time it exists in the clear. */
export async function createApiKey(db: SqlDb, shop: string, name: string, now = new Date()): Promise<{ id: number; key: string; prefix: string }> {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_KEY_NAME) throw new ApiKeyNameError(`name must be 1 to ${MAX_KEY_NAME} characters`);
  const key = KEY_PREFIX + crypto.randomBytes(32).toString("base64url");
  const prefix = key.slice(0, SHOWN_CHARS);
  const row = await db
    .insertInto("ApiKey")
    .values({ shop, name: trimmed, prefix, hash: hashKey(key), createdAt: instant(now) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, key, prefix };
}

export async function listApiKeys(db: SqlDb, shop: string): Promise<ApiKeyListing[]> {
  const rows = await db
    .selectFrom("ApiKey")
    .select(["id", "name", "prefix", "createdAt", "lastUsedAt", "revokedAt"])
    .where("shop", "=", shop)
    .orderBy("id", "desc")
    .execute();
  return rows.map((row) => ({
    ...row,
    createdAt: readInstant(row.createdAt),
    lastUsedAt: readInstant(row.lastUsedAt),
    revokedAt: readInstant(row.revokedAt),
  }));
}

/** Revokes the shop's key (idempotent); false if the shop has no such key. */
export async function revokeApiKey(db: SqlDb, shop: string, id: number, now = new Date()): Promise<boolean> {
  const key = await db.selectFrom("ApiKey").select(["id", "revokedAt"]).where("shop", "=", shop).where("id", "=", id).executeTakeFirst();
  if (!key) return false;
  if (key.revokedAt === null) await db.updateTable("ApiKey").set({ revokedAt: instant(now) }).where("shop", "=", shop).where("id", "=", id).execute();
  return true;
}

/** The shop and key id a presented key belongs to; null for an unknown or revoked key. */
export async function findApiKey(db: SqlDb, presented: string): Promise<{ id: number; shop: string; hash: string } | null> {
  if (!presented.startsWith(KEY_PREFIX) || presented.length > 100) return null;
  const hash = hashKey(presented);
  const row = await db.selectFrom("ApiKey").select(["id", "shop", "revokedAt"]).where("hash", "=", hash).executeTakeFirst();
  return row && row.revokedAt === null ? { id: row.id, shop: row.shop, hash } : null;
}

export async function markApiKeyUsed(db: SqlDb, id: number, now = new Date()) {
  await db.updateTable("ApiKey").set({ lastUsedAt: instant(now) }).where("id", "=", id).execute();
}

/**
 * The stored hash of the shop's key `id` if it is not revoked, else null: customer tokens are signed with a secret
 * derived from it (app/shopify/customer-tokens.server.ts), so revoking a key ends every token minted with it.
 */
export async function activeKeyHash(db: SqlDb, shop: string, id: number): Promise<string | null> {
  const row = await db.selectFrom("ApiKey").select(["hash", "revokedAt"]).where("shop", "=", shop).where("id", "=", id).executeTakeFirst();
  return row && row.revokedAt === null ? row.hash : null;
}
