// The scheduled tier check: members whose next period end, grace or hold expiry has come (MemberTier.nextCheckAt,
// indexed) are caught up and moved down (or up) as the rules say. Every write also catches a member up first, so
// this only makes sure a member with no new activity is moved on time. Safe on every instance at once: each batch
// holds its members' tier locks, and catching up a member twice changes nothing.
import type { SqlDb } from "../db.server";
import { instant, lockNamedMany } from "../db/dialect";
import { memberTierLockName } from "../db/lock-names";
import { memberTierNow, saveTierStep } from "./member-tiers";
import { shopTierRules } from "./tier-rules";

/** Checks up to `limit` due members; returns how many were examined and how many changed tier. */
export async function checkDueTiers(db: SqlDb, now = new Date(), limit = 500) {
  const due = await db
    .selectFrom("MemberTier")
    .select(["memberId", "shop"])
    .where("nextCheckAt", "<=", instant(now))
    .orderBy("nextCheckAt")
    .limit(limit)
    .execute();
  const byShop = new Map<string, number[]>();
  for (const row of due) byShop.set(row.shop, [...(byShop.get(row.shop) ?? []), row.memberId]);
  let changed = 0;
  for (const [shop, memberIds] of byShop) {
    const tiers = await shopTierRules(db, shop);
    await db.transaction().execute(async (trx) => {
      await lockNamedMany(trx, memberIds.map((id) => memberTierLockName(shop, id)));
      for (const memberId of memberIds) {
        if (!tiers) {
          // The shop removed its tiers: nothing will ever be due again.
          await trx.updateTable("MemberTier").set({ nextCheckAt: null }).where("memberId", "=", memberId).where("shop", "=", shop).execute();
          continue;
        }
        const stored = await trx.selectFrom("MemberTier").select(["state", "version"]).where("memberId", "=", memberId).where("shop", "=", shop).executeTakeFirst();
        const step = await memberTierNow(trx, shop, memberId, tiers, now, stored ?? null);
        if (step.changes.length > 0) changed += 1;
        await saveTierStep(trx, shop, memberId, step, tiers, now);
      }
    });
  }
  return { examined: due.length, changed };
}

/** Sweeps until nothing due is left. */
export async function runTierCheckJob(db: SqlDb, now = new Date(), batchSize = 500) {
  const total = { examined: 0, changed: 0 };
  for (;;) {
    const batch = await checkDueTiers(db, now, batchSize);
    total.examined += batch.examined;
    total.changed += batch.changed;
    if (batch.examined < batchSize) return total;
  }
}
