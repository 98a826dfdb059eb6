// Saving a shop's tiers from the admin: the program row (bumping its version, so every app instance's cached rules
// go stale) and the tier rows, in one transaction with the re-evaluation job that moves members to the new rules
// (app/persistence/tier-reevaluation.ts). Rows keep their ids across edits: members' tiers and entry rewards name them.
import type { SqlDb } from "../db.server";
import { instant } from "../db/dialect";
import type { TierDefinition, TierRules } from "../rules/tiers";
import { createTierJob } from "./tier-reevaluation";
import { tierRulesAtVersion } from "./tier-rules";
import { shopTimeZone } from "./shops";

/** The shop's rules as stored (tiers possibly none), or null before the first save. */
export async function loadTierProgram(db: SqlDb, shop: string): Promise<{ rules: TierRules; zone: string } | null> {
  const program = await db.selectFrom("TierProgram").select("version").where("shop", "=", shop).executeTakeFirst();
  if (!program) return null;
  const rules = await tierRulesAtVersion(db, shop, program.version);
  return rules ? { rules, zone: await shopTimeZone(db, shop) } : null;
}

/**
 * Replaces the shop's tiers with `rules` (validated by validateTierForm). A tier whose id is one of the shop's rows
 * is updated in place; any other is new; rows not named are deleted. Returns the re-evaluation job's id.
 */
export async function saveTierProgram(db: SqlDb, shop: string, rules: TierRules, staffUserId: string, now = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const at = instant(now);
    await trx
      .insertInto("TierProgram")
      .values({ shop, measure: rules.measure, period: rules.period, graceDays: rules.graceDays, version: 1, updatedAt: at })
      .onConflict((conflict) =>
        conflict.column("shop").doUpdateSet((eb) => ({
          measure: rules.measure,
          period: rules.period,
          graceDays: rules.graceDays,
          version: eb("TierProgram.version", "+", 1),
          updatedAt: at,
        })),
      )
      .execute();
    const rows = await trx.selectFrom("Tier").select(["id", "names"]).where("shop", "=", shop).execute();
    const existing = new Set(rows.map((row) => String(row.id)));
    const kept = new Set<string>();
    const renamed: number[] = [];
    for (const [position, tier] of rules.tiers.entries()) {
      const values = tierValues(tier, position + 1, at);
      if (existing.has(tier.id)) {
        kept.add(tier.id);
        const before = JSON.parse(rows.find((row) => String(row.id) === tier.id)!.names) as TierDefinition["names"];
        if (before.en !== tier.names.en) renamed.push(Number(tier.id));
        await trx.updateTable("Tier").set(values).where("id", "=", Number(tier.id)).where("shop", "=", shop).execute();
      } else {
        await trx.insertInto("Tier").values({ ...values, shop, createdAt: at }).execute();
      }
    }
    if (renamed.length > 0) {
      // Members keep a renamed tier (same id, so the re-evaluation moves nobody), but Shopify's copy — the tier
      // metafield and tag (customer-mirror.ts) — carries the English name: their mirror is due again.
      await trx
        .updateTable("Member")
        .set({ mirrorDueAt: at })
        .where("shop", "=", shop)
        .where("redactedAt", "is", null)
        .where("id", "in", (eb) => eb.selectFrom("MemberTier").select("memberId").where("shop", "=", shop).where("tierId", "in", renamed))
        .execute();
    }
    const removed = [...existing].filter((id) => !kept.has(id)).map(Number);
    if (removed.length > 0) {
      await trx.deleteFrom("Tier").where("shop", "=", shop).where("id", "in", removed).execute();
      // A reward limited to a deleted tier is open to everyone (tiers.ts tierAllows); saying so in its row keeps the
      // reward editor and list truthful.
      await trx.updateTable("Reward").set({ minTierId: null }).where("shop", "=", shop).where("minTierId", "in", removed).execute();
    }
    return createTierJob(trx, shop, staffUserId, now);
  });
}

function tierValues(tier: TierDefinition, position: number, at: ReturnType<typeof instant>) {
  return {
    position,
    names: JSON.stringify(tier.names),
    threshold: tier.threshold,
    multiplierPercent: tier.multiplierPercent,
    entryRewardPoints: tier.entryRewardPoints,
    freeShipping: tier.freeShipping,
    birthdayMultiplierPercent: tier.birthdayMultiplierPercent,
    updatedAt: at,
  };
}

/** Members per tier (Home; the Customers filter's counts): from the [shop, tierId] index. */
export async function membersPerTier(db: SqlDb, shop: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("MemberTier")
    .select((eb) => ["tierId", eb.fn.countAll<number>().as("members")])
    .where("shop", "=", shop)
    .where("tierId", "is not", null)
    .groupBy("tierId")
    .execute();
  return new Map(rows.map((row) => [String(row.tierId), Number(row.members)]));
}

/** Each tier of the shop with how many members hold it (Home), lowest first; null when the shop has no tiers. */
export async function tierMembership(db: SqlDb, shop: string): Promise<Array<{ id: string; names: TierDefinition["names"]; members: number }> | null> {
  const program = await loadTierProgram(db, shop);
  if (!program || program.rules.tiers.length === 0) return null;
  const counts = await membersPerTier(db, shop);
  return program.rules.tiers.map((tier) => ({ id: tier.id, names: tier.names, members: counts.get(tier.id) ?? 0 }));
}
