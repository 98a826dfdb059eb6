// What /proxy/me (and the admin's customer page) shows of a member's tier: the standing computed from the stored
// state (app/rules/tiers.ts tierStanding, caught up to now in memory). One indexed read: the program's version, the
// shop's time zone and the member's state in one statement; the rules come from the per-version cache.
import { sql } from "kysely";
import type { SqlDb } from "../db.server";
import { preparedQuery } from "../db/prepared-query";
import { formatMultiplier, tierStanding, type TierDefinition, type TierMeasure, type TierPeriod } from "../rules/tiers";
import { parseTierState } from "./member-tiers";
import { tierRulesAtVersion } from "./tier-rules";
import { shopZone } from "../rules/local-calendar";

export type TierView = { id: string; names: TierDefinition["names"]; threshold: number; multiplier: string; freeShipping: boolean };

export type MemberTierSummary = {
  measure: TierMeasure;
  period: TierPeriod;
  graceDays: number;
  current: TierView | null;
  next: TierView | null;
  progress: number;
  needed: number;
  periodEndsAt: Date | null;
  holdUntil: Date | null;
  tiers: TierView[];
};

function view(tier: TierDefinition): TierView {
  return { id: tier.id, names: tier.names, threshold: tier.threshold, multiplier: formatMultiplier(tier.multiplierPercent), freeShipping: tier.freeShipping };
}

const readTierContext = preparedQuery((db, shop: string, memberId: number) =>
  db
    .selectFrom(sql<{ one: number }>`(SELECT 1 AS one)`.as("one"))
    .leftJoin("TierProgram", (join) => join.on("TierProgram.shop", "=", shop))
    .leftJoin("Shop", (join) => join.on("Shop.domain", "=", shop))
    .leftJoin("MemberTier", (join) => join.on("MemberTier.memberId", "=", memberId).on("MemberTier.shop", "=", shop))
    .select(["TierProgram.version as version", "Shop.ianaTimezone as timeZone", "MemberTier.state as state"]),
);

/** The member's tier standing, or null when the shop has no tiers. `memberId` null: a shopper not yet a member. */
export async function getMemberTierSummary(db: SqlDb, shop: string, memberId: number | null, now = new Date()): Promise<MemberTierSummary | null> {
  const { rows } = await readTierContext(db, shop, memberId ?? 0);
  const row = rows[0];
  if (!row || row.version === null) return null;
  const rules = await tierRulesAtVersion(db, shop, Number(row.version));
  if (!rules || rules.tiers.length === 0) return null;
  const standing = tierStanding(row.state ? parseTierState(row.state) : null, rules, shopZone(row.timeZone), now.getTime());
  return {
    measure: rules.measure,
    period: rules.period,
    graceDays: rules.graceDays,
    current: standing.tier ? view(standing.tier) : null,
    next: standing.next ? view(standing.next) : null,
    progress: standing.progress,
    needed: standing.needed,
    periodEndsAt: standing.periodEndsAt === null ? null : new Date(standing.periodEndsAt),
    holdUntil: standing.holdUntil === null ? null : new Date(standing.holdUntil),
    tiers: rules.tiers.map(view),
  };
}

/**
 * Whether a reward limited to `minTierId` is locked for this member: the tier is above the one they hold. Open when
 * the shop has no tiers or the tier no longer exists (as redemption decides: reward-tier-gate.ts, tiers.ts tierAllows).
 */
export function rewardTierLocked(summary: MemberTierSummary | null, minTierId: number | null): boolean {
  if (!summary || minTierId === null) return false;
  const needed = summary.tiers.findIndex((tier) => tier.id === String(minTierId));
  if (needed < 0) return false;
  const held = summary.current ? summary.tiers.findIndex((tier) => tier.id === summary.current!.id) : -1;
  return held < needed;
}
