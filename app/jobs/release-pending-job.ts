// The scheduled job that turns due pending points into available points (app/persistence/pending-release.ts).
import type { SqlDb } from "../db.server";
import { releaseDuePoints } from "../persistence/pending-release";

export const RELEASE_PENDING_QUEUE = "release-pending-points";

/** Sweeps in batches until nothing due is left, so a backlog clears in one run. */
export async function runReleasePendingJob(db: SqlDb, now = new Date(), batchSize = 500) {
  const total = { orders: 0, points: 0 };
  for (;;) {
    const sweep = await releaseDuePoints(db, { now, limit: batchSize });
    total.orders += sweep.orders;
    total.points += sweep.points;
    if (sweep.examined < batchSize) return total;
  }
}
