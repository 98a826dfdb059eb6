// A shop's rewards catalog in the database. Every write is validated (rewards.ts); every query is scoped by shop.
import type { Db, Prisma } from "../db.server";

type Tx = Prisma.TransactionClient;
import { rewardFromRow } from "./storefront-catalog";
import { validateReward, type Reward, type RewardDefinition } from "../rules/rewards";



export async function createReward(db: Db | Tx, shop: string, definition: RewardDefinition): Promise<Reward> {
  const data = validateReward(definition);
  return rewardFromRow(await db.reward.create({ data: { shop, ...data } }));
}

/** Replaces a reward's definition; null if the shop has no such reward. */
export async function updateReward(db: Db | Tx, shop: string, id: number, definition: RewardDefinition): Promise<Reward | null> {
  const data = validateReward(definition);
  const { count } = await db.reward.updateMany({ where: { shop, id }, data });
  return count === 1 ? getReward(db, shop, id) : null;
}

/** Enables or disables a reward that is not archived; false if the shop has no such reward. */
export async function setRewardEnabled(db: Db | Tx, shop: string, id: number, enabled: boolean): Promise<boolean> {
  const { count } = await db.reward.updateMany({ where: { shop, id, archivedAt: null }, data: { enabled } });
  return count === 1;
}

/**
 * Archives a reward (gone from the storefront and the admin's list; disabled, so it is never redeemed again) or
 * restores it (back in the list, still disabled until the merchant enables it). Nothing else changes: redemptions
 * keep their copy of the reward and their codes, the ledger its entries. False if the shop has no such reward in
 * the other state.
 */
export async function setRewardArchived(db: Db | Tx, shop: string, id: number, archived: boolean, now = new Date()): Promise<boolean> {
  const { count } = archived
    ? await db.reward.updateMany({ where: { shop, id, archivedAt: null }, data: { archivedAt: now, enabled: false } })
    : await db.reward.updateMany({ where: { shop, id, archivedAt: { not: null } }, data: { archivedAt: null } });
  return count === 1;
}

export async function getReward(db: Db | Tx, shop: string, id: number): Promise<Reward | null> {
  const row = await db.reward.findFirst({ where: { shop, id } });
  return row ? rewardFromRow(row) : null;
}

/** The shop's rewards, disabled ones too, in the merchant's order (the admin's list): archived ones only if asked. */
export async function listRewards(db: Db | Tx, shop: string, options: { archived?: boolean } = {}): Promise<Reward[]> {
  const rows = await db.reward.findMany({
    where: { shop, archivedAt: options.archived ? { not: null } : null },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
  });
  return rows.map(rewardFromRow);
}
