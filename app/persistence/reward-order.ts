// The order rewards are shown in (storefront panel, checkout, admin list). Rewards are stored with a sortOrder;
// the admin moves them by sending the whole new order, which is written as 10, 20, 30 … in one transaction.
import type { Db } from "../db.server";

const STEP = 10;

/** Where a new reward goes: after every existing one. */
export async function nextSortOrder(db: Db, shop: string): Promise<number> {
  const last = await db.reward.aggregate({ where: { shop }, _max: { sortOrder: true } });
  return (last._max.sortOrder ?? 0) + STEP;
}

/**
 * Puts the shop's rewards in the order of `ids`. False (and nothing written) unless `ids` names every reward of the
 * shop that is not archived exactly once: an order built from a stale list, or naming another shop's reward, is
 * refused. Archived rewards keep their place, unseen, until restored.
 */
export async function reorderRewards(db: Db, shop: string, ids: number[]): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const existing = await tx.reward.findMany({ where: { shop, archivedAt: null }, select: { id: true } });
    const known = new Set(existing.map((reward) => reward.id));
    if (ids.length !== known.size || new Set(ids).size !== ids.length || !ids.every((id) => known.has(id))) return false;
    for (const [index, id] of ids.entries()) {
      await tx.reward.updateMany({ where: { shop, id }, data: { sortOrder: (index + 1) * STEP } });
    }
    return true;
  });
}
