// The scheduled job that turns due pending points into available points (app/persistence/pending-release.ts), and
// rewards advocates whose friends' first orders passed their pending period (app/persistence/referrals.ts): the same
// "pending period is over" moment, so the same schedule.
import type { SqlDb } from "../db.server";
import { releaseDuePoints } from "../persistence/pending-release";
import { releaseDueReferrals } from "../persistence/referrals";

export const RELEASE_PENDING_QUEUE = "release-pending-points";

/** Sweeps in batches until nothing due is left, so a backlog clears in one run. */
export async function runReleasePendingJob(db: SqlDb, now = new Date(), batchSize = 500) {
  const total = { orders: 0, points: 0, referrals: 0 };
  for (;;) {
    const sweep = await releaseDuePoints(db, { now, limit: batchSize });
    total.orders += sweep.orders;
    total.points += sweep.points;
    if (sweep.examined < batchSize) break;
  }
  for (;;) {
    const sweep = await releaseDueReferrals(db, { now, limit: batchSize });
    total.referrals += sweep.rewarded;
    if (sweep.examined < batchSize) return total;
  }
}
