// A shop's tier rules as stored (TierProgram + Tier rows), read through a per-process cache keyed by the program's
// version: the orders/paid path reads only the version number (in its one context statement) and rebuilds the rules
// only after a save bumped it, so several app instances never serve stale tiers.
import type { SqlDb } from "../db.server";
import { readBoolean } from "../db/dialect";
import { shopZone } from "../rules/local-calendar";
import { TIER_MEASURES, TIER_PERIODS, type TierDefinition, type TierMeasure, type TierPeriod, type TierRules } from "../rules/tiers";

export type ShopTierRules = { rules: TierRules; version: number; zone: string };

const cache = new Map<string, { version: number; rules: TierRules }>();
const MAX_CACHED_SHOPS = 10_000;


type TierRow = {
  id: number;
  names: string;
  threshold: number;
  multiplierPercent: number;
  entryRewardPoints: number;
  freeShipping: boolean | number;
  birthdayMultiplierPercent: number;
};

export function tierFromRow(row: TierRow): TierDefinition {
  return {
    id: String(row.id),
    names: JSON.parse(row.names) as TierDefinition["names"],
    threshold: Number(row.threshold),
    multiplierPercent: row.multiplierPercent,
    entryRewardPoints: row.entryRewardPoints,
    freeShipping: readBoolean(row.freeShipping),
    birthdayMultiplierPercent: row.birthdayMultiplierPercent,
  };
}

async function loadRules(db: SqlDb, shop: string): Promise<{ version: number; rules: TierRules } | null> {
  const program = await db.selectFrom("TierProgram").selectAll().where("shop", "=", shop).executeTakeFirst();
  if (!program) return null;
  const rows = await db
    .selectFrom("Tier")
    .select(["id", "names", "threshold", "multiplierPercent", "entryRewardPoints", "freeShipping", "birthdayMultiplierPercent"])
    .where("shop", "=", shop)
    .orderBy("position")
    .orderBy("id")
    .execute();
  const measure = (TIER_MEASURES as readonly string[]).includes(program.measure) ? (program.measure as TierMeasure) : "points_earned";
  const period = (TIER_PERIODS as readonly string[]).includes(program.period) ? (program.period as TierPeriod) : "lifetime";
  return { version: program.version, rules: { measure, period, graceDays: program.graceDays, tiers: rows.map(tierFromRow) } };
}

/** The rules at `version` (what the caller just read), from the cache when it has that version. */
export async function tierRulesAtVersion(db: SqlDb, shop: string, version: number): Promise<TierRules | null> {
  const cached = cache.get(shop);
  if (cached && cached.version === version) return cached.rules;
  const loaded = await loadRules(db, shop);
  if (!loaded) return null;
  if (cache.size >= MAX_CACHED_SHOPS) cache.clear();
  cache.set(shop, loaded);
  return loaded.rules;
}

/** The shop's tier rules and time zone, or null when it has no tiers. */
export async function shopTierRules(db: SqlDb, shop: string): Promise<ShopTierRules | null> {
  const row = await db
    .selectFrom("TierProgram")
    .leftJoin("Shop", "Shop.domain", "TierProgram.shop")
    .select(["TierProgram.version", "Shop.ianaTimezone as timeZone"])
    .where("TierProgram.shop", "=", shop)
    .executeTakeFirst();
  if (!row) return null;
  const rules = await tierRulesAtVersion(db, shop, row.version);
  if (!rules || rules.tiers.length === 0) return null;
  return { rules, version: row.version, zone: shopZone(row.timeZone) };
}
