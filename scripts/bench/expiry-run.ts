// The child process of `npm run bench:expiry` (scripts/bench-expiry.ts): seeds a shop with `members` members of
// `entries` ledger entries each on the database DATABASE_URL names, then times one expiry sweep (the app's own
// runExpirySweep on the app's own database handle). Prints one JSON line with the figures and checks.
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import { activeDatabase, sqlDb } from "../../app/db.server";
import { instant } from "../../app/db/dialect";
import { runExpirySweep, saveExpiryPolicy } from "../../app/persistence/points-expiry";
import { seededRandom } from "./random";

const SHOP = "bench-expiry.myshopify.com";
const ROWS = 500;
const DAY = 86_400_000;
const members = Number(process.env.BENCH_MEMBERS ?? 100_000);
const perMember = Number(process.env.BENCH_ENTRIES ?? 10);


async function seed(now: Date) {
  const rand = seededRandom(16);
  const at = instant(now);
  await sqlDb.insertInto("Shop").values({ domain: SHOP, ianaTimezone: "Europe/Warsaw", installedAt: at, updatedAt: at }).execute();
  let entries = 0;
  for (let start = 0; start < members; start += ROWS) {
    const count = Math.min(ROWS, members - start);
    const ids = await sqlDb
      .insertInto("Member")
      .values(Array.from({ length: count }, (_, i) => ({ shop: SHOP, customerId: String(2_000_000 + start + i), createdAt: at, updatedAt: at })))
      .returning("id")
      .execute();
    const rows = [];
    const balances = new Map<number, number>();
    for (const { id } of ids) {
      let available = 0;
      // Oldest first, over the last two years: mostly earnings, some redemptions of what is there, an adjustment.
      const times = Array.from({ length: perMember }, () => now.getTime() - Math.floor(rand() * 730) * DAY).sort((a, b) => a - b);
      for (let k = 0; k < perMember; k++) {
        const roll = rand();
        let delta = 10 + Math.floor(rand() * 300);
        let kind = "release";
        if (roll < 0.2 && available > 0) {
          kind = "redeem";
          delta = -Math.min(available, 100 + Math.floor(rand() * 200));
        } else if (roll < 0.25) kind = "adjust";
        available += delta;
        rows.push({ shop: SHOP, memberId: id, kind, availableDelta: delta, pendingDelta: 0, reason: "bench", sourceType: "system", sourceId: "bench", orderId: null, lineItemId: null, idempotencyKey: `bench:${id}:${k}`, createdAt: instant(new Date(times[k]!)) });
      }
      balances.set(id, available);
    }
    entries += rows.length;
    for (let i = 0; i < rows.length; i += ROWS) await sqlDb.insertInto("LedgerEntry").values(rows.slice(i, i + ROWS)).execute();
    for (const [id, available] of balances) await sqlDb.updateTable("Member").set({ availablePoints: available }).where("id", "=", id).execute();
  }
  await saveExpiryPolicy(sqlDb, SHOP, { kind: "per_lot", months: 12 }, new Date("2020-01-01T00:00:00Z"));
  // A live PostgreSQL database has planner statistics (autovacuum keeps them); one bulk-loaded a moment ago has none
  // yet, and then plans the sweep's per-batch ledger read as a scan (42 ms a batch at 200,000 entries, growing with
  // the ledger). The admin and proxy benches do the same after their seeds.
  if (activeDatabase === "postgresql") await sql`VACUUM ANALYZE`.execute(sqlDb);
  return entries;
}

async function main() {
  const now = new Date();
  const seedStarted = performance.now();
  const entries = await seed(now);
  const seedMs = performance.now() - seedStarted;
  const sweepStarted = performance.now();
  const sweep = await runExpirySweep(sqlDb, now);
  const sweepMs = performance.now() - sweepStarted;
  const mismatched = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM "Member" m WHERE m."shop" = ${SHOP} AND m."availablePoints" <> (SELECT COALESCE(SUM(e."availableDelta"), 0) FROM "LedgerEntry" e WHERE e."memberId" = m."id")`.execute(sqlDb);
  const negative = await sqlDb.selectFrom("Member").select((eb) => eb.fn.countAll<number>().as("n")).where("shop", "=", SHOP).where("availablePoints", "<", 0).executeTakeFirstOrThrow();
  const again = await runExpirySweep(sqlDb, now);
  console.log(
    JSON.stringify({
      members,
      entries,
      seedMs,
      sweepMs,
      expiredMembers: sweep.expiredMembers,
      points: sweep.points,
      checks: { balancesEqualLedger: Number(mismatched.rows[0]!.n) === 0, noneNegative: Number(negative.n) === 0, secondSweepExpiresNothing: again.points === 0, somethingExpired: sweep.points > 0 },
    }),
  );
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
