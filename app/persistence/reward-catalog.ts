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

export async function setRewardEnabled(db: Db | Tx, shop: string, id: number, enabled: boolean): Promise<boolean> {
  const { count } = await db.reward.updateMany({ where: { shop, id }, data: { enabled } });
  return count === 1;
}

export async function getReward(db: Db | Tx, shop: string, id: number): Promise<Reward | null> {
  const row = await db.reward.findFirst({ where: { shop, id } });
  return row ? rewardFromRow(row) : null;
}

/** Every reward of the shop, disabled ones too, in the merchant's order (the admin's list). */
export async function listRewards(db: Db | Tx, shop: string): Promise<Reward[]> {
  const rows = await db.reward.findMany({
    where: { shop },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
  });
  return rows.map(rewardFromRow);
}
