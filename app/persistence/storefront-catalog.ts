// The rewards as shoppers meet them: the storefront's list and the reward a redemption spends points on. Read on
// every storefront panel view and every redeem, so plain SQL (app/db/sql.server.ts); the admin edits the catalog
// through app/persistence/reward-catalog.ts.
import type { SqlDb } from "../db.server";
import { readBoolean } from "../db/dialect";
import type { Reward, RewardType } from "../rules/rewards";

/** What shoppers see of a reward (the storefront API): no settings that only Shopify's discount needs. */
export type RewardListing = Pick<
  Reward,
  "id" | "type" | "title" | "pointsCost" | "amountMinor" | "percentage" | "variantId" | "minPoints" | "maxPoints" | "minimumSubtotalMinor" | "validityDays" | "minTierId"
>;

const listingColumns = [
  "id",
  "type",
  "title",
  "pointsCost",
  "amountMinor",
  "percentage",
  "variantId",
  "minPoints",
  "maxPoints",
  "minimumSubtotalMinor",
  "validityDays",
  "minTierId",
] as const;

/** The shop's enabled rewards in the merchant's order, as shoppers see them. */
export async function listStorefrontRewards(db: SqlDb, shop: string): Promise<RewardListing[]> {
  const rows = await db
    .selectFrom("Reward")
    .select(listingColumns)
    .where("shop", "=", shop)
    .where("enabled", "=", true)
    .where("archivedAt", "is", null)
    .orderBy("sortOrder", "asc")
    .orderBy("id", "asc")
    .execute();
  return rows.map((row) => ({ ...row, type: row.type as RewardType }));
}

/** A Reward row as read: booleans are 0/1 on SQLite through the app's own SQL, real booleans through Prisma. */
export type StoredReward = Omit<Reward, "type" | BooleanField> & { type: string } & { [K in BooleanField]: boolean | number };
type BooleanField = "combinesWithProductDiscounts" | "combinesWithOrderDiscounts" | "combinesWithShippingDiscounts" | "enabled";

export function rewardFromRow(row: StoredReward): Reward {
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
    combinesWithProductDiscounts: readBoolean(row.combinesWithProductDiscounts),
    combinesWithOrderDiscounts: readBoolean(row.combinesWithOrderDiscounts),
    combinesWithShippingDiscounts: readBoolean(row.combinesWithShippingDiscounts),
    codePrefix: row.codePrefix,
    enabled: readBoolean(row.enabled),
    sortOrder: row.sortOrder,
    minTierId: row.minTierId ?? null,
  };
}

/** An enabled, unarchived reward of the shop, whole (a redemption copies its definition); null if there is none. */
export async function rewardForRedemption(db: SqlDb, shop: string, id: number): Promise<Reward | null> {
  const row = await db
    .selectFrom("Reward")
    .selectAll()
    .where("shop", "=", shop)
    .where("id", "=", id)
    .where("enabled", "=", true)
    .where("archivedAt", "is", null)
    .executeTakeFirst();
  return row ? rewardFromRow(row) : null;
}
