// The origins each shop lets browsers call the customer-facing headless API from (app/rules/api-origins.ts parses
// them). Saved as a whole list from admin; read per customer-facing request that carries an Origin header.
import type { SqlDb } from "../db.server";

export async function listAllowedOrigins(db: SqlDb, shop: string): Promise<string[]> {
  const rows = await db.selectFrom("ApiAllowedOrigin").select("origin").where("shop", "=", shop).orderBy("id").execute();
  return rows.map((row) => row.origin);
}

/** Replaces the shop's list (already normalised by parseAllowedOrigins). */
export async function saveAllowedOrigins(db: SqlDb, shop: string, origins: readonly string[]): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom("ApiAllowedOrigin").where("shop", "=", shop).execute();
    if (origins.length > 0) await tx.insertInto("ApiAllowedOrigin").values(origins.map((origin) => ({ shop, origin }))).execute();
  });
}

export async function originAllowed(db: SqlDb, shop: string, origin: string): Promise<boolean> {
  const row = await db.selectFrom("ApiAllowedOrigin").select("id").where("shop", "=", shop).where("origin", "=", origin).executeTakeFirst();
  return row !== undefined;
}

/**
 * Whether any shop lists the origin: a preflight carries no token, so it cannot say which shop it is for. The
 * request that follows is then answered with CORS headers only if its token's shop lists the origin (and refused
 * otherwise), so this lets a browser send, never read another shop's answers.
 */
export async function originListedByAnyShop(db: SqlDb, origin: string): Promise<boolean> {
  const row = await db.selectFrom("ApiAllowedOrigin").select("id").where("origin", "=", origin).limit(1).executeTakeFirst();
  return row !== undefined;
}
