// The child process of `npm run bench:tiers` (scripts/bench-tiers.ts): on the database DATABASE_URL names, seeds a
// shop with `members` members and their order history, configures tiers (first re-evaluation, unmeasured), then
// edits them and times the re-evaluation job the edit starts — the app's own code (saveTierProgram, runTierJob) on
// the app's own database handle. Prints one JSON line with the figures and checks.
import { performance } from "node:perf_hooks";
import { sqlDb } from "../../app/db.server";
import { instant } from "../../app/db/dialect";
import { saveTierProgram } from "../../app/persistence/tier-program";
import { runTierJob } from "../../app/persistence/tier-reevaluation";
import { validateTierForm, type TierFormTier } from "../../app/rules/tiers";
import { seededRandom } from "./random";

const SHOP = "bench-tiers.myshopify.com";
const ROWS = 500;
const DAY = 86_400_000;
const members = Number(process.env.BENCH_MEMBERS ?? 100_000);
const ordersPerMember = Number(process.env.BENCH_ORDERS ?? 3);


async function seed(now: Date) {
  const rand = seededRandom(42);
  const at = instant(now);
  await sqlDb.insertInto("Shop").values({ domain: SHOP, ianaTimezone: "America/Los_Angeles", installedAt: at, updatedAt: at }).execute();
  for (let start = 0; start < members; start += ROWS) {
    const count = Math.min(ROWS, members - start);
    const ids = await sqlDb
      .insertInto("Member")
      .values(Array.from({ length: count }, (_, i) => ({ shop: SHOP, customerId: String(1_000_000 + start + i), createdAt: at, updatedAt: at })))
      .returning("id")
      .execute();
    const orders = [];
    const refunds = [];
    for (const { id } of ids) {
      const n = Math.floor(rand() * (2 * ordersPerMember + 1));
      for (let k = 0; k < n; k++) {
        const paidAt = instant(new Date(now.getTime() - Math.floor(rand() * 730) * DAY));
        const net = 1000 + Math.floor(rand() * 20_000);
        orders.push({ shop: SHOP, orderId: `${id}-${k}`, customerId: null, memberId: id, currency: "USD", earning: "{}", reversed: "{}", totalPoints: Math.floor(net / 100), netSalesMinor: net, paidAt, releaseAt: paidAt, releasedAt: paidAt, createdAt: at, updatedAt: at });
        if (rand() < 0.1) refunds.push({ shop: SHOP, memberId: id, at: paidAt, countsAt: paidAt, points: -Math.floor(net / 200), moneyMinor: -Math.floor(net / 2), orders: 0, sourceKey: `refund:${id}-${k}` });
      }
    }
    for (let i = 0; i < orders.length; i += ROWS) await sqlDb.insertInto("OrderRecord").values(orders.slice(i, i + ROWS)).execute();
    for (let i = 0; i < refunds.length; i += ROWS) await sqlDb.insertInto("TierActivity").values(refunds.slice(i, i + ROWS)).execute();
  }
}

const tier = (id: string, position: string, en: string, threshold: string): TierFormTier => ({ id, position, names: { en }, threshold, multiplier: "1.25", entryReward: "100", freeShipping: false, birthdayMultiplier: "1" });

function rules(tiers: TierFormTier[]) {
  const result = validateTierForm({ measure: "money_spent", period: "rolling_12_months", graceDays: "30", tiers }, "USD");
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.rules;
}

async function main() {
  const now = new Date();
  const seedStarted = performance.now();
  await seed(now);
  const seedMs = performance.now() - seedStarted;

  const first = await saveTierProgram(sqlDb, SHOP, rules([tier("", "1", "Member", "0"), tier("", "2", "Silver", "150"), tier("", "3", "Gold", "400")]), "bench");
  const firstStarted = performance.now();
  if ((await runTierJob(sqlDb, SHOP, first)) !== "done") throw new Error("first job did not finish");
  const firstMs = performance.now() - firstStarted;

  // The edit: thresholds moved and a tier added, everyone re-evaluated from history.
  const ids = (await sqlDb.selectFrom("Tier").select(["id"]).where("shop", "=", SHOP).orderBy("position").execute()).map((row) => String(row.id));
  const edited = rules([tier(ids[0]!, "1", "Member", "0"), tier(ids[1]!, "2", "Silver", "100"), tier(ids[2]!, "3", "Gold", "300"), tier("", "4", "Platinum", "600")]);
  const job = await saveTierProgram(sqlDb, SHOP, edited, "bench");
  const started = performance.now();
  const outcome = await runTierJob(sqlDb, SHOP, job);
  const editMs = performance.now() - started;

  const row = await sqlDb.selectFrom("TierJob").selectAll().where("id", "=", job).executeTakeFirstOrThrow();
  const orderCount = await sqlDb.selectFrom("OrderRecord").select((eb) => eb.fn.countAll<number>().as("n")).where("shop", "=", SHOP).executeTakeFirstOrThrow();
  const stale = await sqlDb.selectFrom("MemberTier").select((eb) => eb.fn.countAll<number>().as("n")).where("shop", "=", SHOP).where("version", "<>", 2).executeTakeFirstOrThrow();
  const perTier = await sqlDb.selectFrom("MemberTier").select((eb) => ["tierId", eb.fn.countAll<number>().as("n")]).where("shop", "=", SHOP).groupBy("tierId").execute();
  const duplicateRewards = await sqlDb
    .selectFrom("LedgerEntry")
    .select((eb) => ["idempotencyKey", eb.fn.countAll<number>().as("n")])
    .where("shop", "=", SHOP)
    .groupBy("idempotencyKey")
    .having((eb) => eb.fn.countAll(), ">", 1)
    .execute();
  const checks = {
    done: outcome === "done" && row.status === "done",
    processedAll: Number(row.processedMembers) === members,
    noStaleStates: Number(stale.n) === 0,
    noDuplicateEntryRewards: duplicateRewards.length === 0,
  };
  console.log(
    JSON.stringify({
      members,
      orders: Number(orderCount.n),
      seedMs,
      firstJobMs: firstMs,
      editJobMs: editMs,
      movedUp: row.movedUp,
      movingDown: row.movingDown,
      perTier: Object.fromEntries(perTier.map((r) => [String(r.tierId), Number(r.n)])),
      checks,
    }),
  );
  await sqlDb.destroy();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
