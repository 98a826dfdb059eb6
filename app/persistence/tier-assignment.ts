// Staff sets a member's tier by hand, with a reason, holding until a chosen shop-local date: audited like a points
// adjustment (the TierChange row names the staff member, the reason and the date; history rows are never edited).
import type { SqlDb } from "../db.server";
import { lockNamed, readBoolean } from "../db/dialect";
import { memberTierLockName } from "../db/lock-names";
import { localDateStart } from "../rules/tier-periods";
import { assignTier, combineSteps } from "../rules/tiers";
import { memberTierNow, saveTierStep } from "./member-tiers";
import { shopTierRules } from "./tier-rules";

export const MAX_TIER_REASON = 500;

export type TierAssignmentInput = { memberId: number; tierId: string; holdUntil: string; reason: string; staffUserId: string };
export type TierAssignmentIssue = { field: "tierId" | "holdUntil" | "reason"; code: string };

/** Validates and applies; on any issue nothing is written. */
export async function assignMemberTier(db: SqlDb, shop: string, input: TierAssignmentInput, now = new Date()): Promise<{ ok: true } | { ok: false; issues: TierAssignmentIssue[] }> {
  const tiers = await shopTierRules(db, shop);
  const issues: TierAssignmentIssue[] = [];
  const tierId = input.tierId === "none" ? null : input.tierId;
  if (!tiers || (tierId !== null && !tiers.rules.tiers.some((tier) => tier.id === tierId))) issues.push({ field: "tierId", code: "invalid" });
  const reason = input.reason.trim();
  if (!reason) issues.push({ field: "reason", code: "required" });
  else if (reason.length > MAX_TIER_REASON) issues.push({ field: "reason", code: "too_long" });
  const holdUntil = tiers ? localDateStart(input.holdUntil.trim(), tiers.zone) : null;
  if (holdUntil === null) issues.push({ field: "holdUntil", code: "invalid" });
  else if (holdUntil <= now.getTime()) issues.push({ field: "holdUntil", code: "not_in_future" });
  // The analytics hold-out group has no tier (re-evaluation skips it) and so no tier rewards: refused, nothing written.
  const held = await db.selectFrom("Member").select("holdOut").where("id", "=", input.memberId).where("shop", "=", shop).executeTakeFirst();
  if (held && readBoolean(held.holdOut)) issues.push({ field: "tierId", code: "held_out" });
  if (issues.length > 0 || !tiers || holdUntil === null) return { ok: false, issues };
  await db.transaction().execute(async (trx) => {
    await lockNamed(trx, memberTierLockName(shop, input.memberId));
    const member = await trx.selectFrom("Member").select("id").where("id", "=", input.memberId).where("shop", "=", shop).executeTakeFirst();
    if (!member) throw new Error("member not in shop");
    const stored = await trx.selectFrom("MemberTier").select(["state", "version"]).where("memberId", "=", input.memberId).where("shop", "=", shop).executeTakeFirst();
    const current = await memberTierNow(trx, shop, input.memberId, tiers, now, stored ?? null);
    const step = combineSteps(current, assignTier(current.state, tiers.rules, tierId, holdUntil, now.getTime()));
    await saveTierStep(trx, shop, input.memberId, step, { ...tiers, staffUserId: input.staffUserId, reason }, now);
  });
  return { ok: true };
}

export type TierHistoryRow = {
  id: number;
  fromName: string | null;
  toName: string | null;
  cause: string;
  staffUserId: string | null;
  reason: string | null;
  holdUntil: Date | null;
  at: Date;
};

/** A member's tier changes, newest first. */
export async function memberTierChanges(db: SqlDb, shop: string, memberId: number, limit = 50): Promise<TierHistoryRow[]> {
  const rows = await db
    .selectFrom("TierChange")
    .select(["id", "fromName", "toName", "cause", "staffUserId", "reason", "holdUntil", "at"])
    .where("memberId", "=", memberId)
    .where("shop", "=", shop)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, holdUntil: row.holdUntil === null ? null : new Date(row.holdUntil), at: new Date(row.at) }));
}
