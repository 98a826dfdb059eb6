// Demo: an API key for the headless API with a known value, shown on /demo with a curl example that works against
// the running demo (the demo's credentials are public on purpose: its shop, secret and data are all made up). Only
// added when the demo shop does not have it yet; a key revoked in the demo's admin stays revoked.
import { sqlDb } from "../db.server";
import { instant } from "../db/dialect";
import { hashKey } from "../persistence/api-keys";
import { listAllowedOrigins, saveAllowedOrigins } from "../persistence/api-origins";
import { DEMO_SHOP } from "./demo-mode.server";

/** Public: printed on /demo and in the docs. Never a real shop's key (those are 32 random bytes, shown once). */
export const DEMO_HEADLESS_API_KEY = "lk_demo-public-headless-key-shown-on-the-demo-page";
/** The demo customer the example acts for (Ada, seeded with points and history). */
export const DEMO_HEADLESS_CUSTOMER = "7001";

export async function seedDemoHeadless(now = new Date()) {
  const hash = hashKey(DEMO_HEADLESS_API_KEY);
  const existing = await sqlDb.selectFrom("ApiKey").select("id").where("hash", "=", hash).executeTakeFirst();
  if (!existing) {
    await sqlDb
      .insertInto("ApiKey")
      .values({ shop: DEMO_SHOP, name: "Demo headless app (public key)", prefix: DEMO_HEADLESS_API_KEY.slice(0, 11), hash, createdAt: instant(now) })
      .execute();
  }
  // A web app on a developer's machine may call the customer endpoints from the browser (CORS).
  if ((await listAllowedOrigins(sqlDb, DEMO_SHOP)).length === 0) await saveAllowedOrigins(sqlDb, DEMO_SHOP, ["http://localhost:5173"]);
}
