// A shop's rewards catalog in the database. Every write is validated (rewards.ts); every query is scoped by shop.
import type { Db, Prisma } from "../db.server";

type Tx = Prisma.TransactionClient;
import { validateReward, type Reward, type RewardDefinition, type RewardType } from "./rewards";

type RewardRow = Awaited<ReturnType<Db["reward"]["findFirstOrThrow"]>>;

function fromRow(row: RewardRow): Reward {
  return {
    id: row.id,
    shop: row.shop,
    type: row.type as RewardType,
    title: row.title,
    pointsCost: row.pointsCost,
    amountMinor: row.amountMinor,
    percentage: row.percentage,
    variantId: row.variantId,
    minPoints: row.minPoints,
    maxPoints: row.maxPoints,
    minimumSubtotalMinor: row.minimumSubtotalMinor,
    validityDays: row.validityDays,
    combinesWithProductDiscounts: row.combinesWithProductDiscounts,
    combinesWithOrderDiscounts: row.combinesWithOrderDiscounts,
    combinesWithShippingDiscounts: row.combinesWithShippingDiscounts,
    codePrefix: row.codePrefix,
    enabled: row.enabled,
    sortOrder: row.sortOrder,
  };
}

export async function createReward(db: Db | Tx, shop: string, definition: RewardDefinition): Promise<Reward> {
  const data = validateReward(definition);
  return fromRow(await db.reward.create({ data: { shop, ...data } }));
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
  return row ? fromRow(row) : null;
}

/** Every reward of the shop, disabled ones too, in the merchant's order (the admin's list). */
export async function listRewards(db: Db | Tx, shop: string): Promise<Reward[]> {
  const rows = await db.reward.findMany({
    where: { shop },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
  });
  return rows.map(fromRow);
}
