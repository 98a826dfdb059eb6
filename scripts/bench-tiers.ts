// `npm run bench:tiers`: a tier edit re-evaluating every member of a big shop as a job — 100,000 members with their
// order history (OrderRecords over two years, some refunds) — on SQLite and on PostgreSQL. Target (issue 13): under
// 60 s for 100,000 members on this 2-core machine.
//
// For each database: a fresh migrated database (scripts/bench/databases.ts), then a child process with DATABASE_URL
// set (scripts/bench/tiers-run.ts) seeds it, configures tiers (unmeasured first re-evaluation), edits them (thresholds
// moved, a tier added) and times the job the edit started; it checks the job processed everyone, no state was left
// under the old rules and no entry reward was granted twice.
//
//   --db sqlite|postgresql|both   default both      --members 100000      --orders 3 (mean orders per member)
// Results go to bench-results/tiers-<time>.json.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runChildBenchPerDatabase } from "./bench/child-bench";
import { databasesOption, positiveInt } from "./bench/cli-options";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TARGET_MS = 60_000;
const config = { databases: databasesOption(), members: positiveInt("members", 100_000), orders: positiveInt("orders", 3) };

type RunResult = { members: number; orders: number; seedMs: number; firstJobMs: number; editJobMs: number; movedUp: number; movingDown: number; perTier: Record<string, number>; checks: Record<string, boolean> };

function main() {
  return runChildBenchPerDatabase<RunResult>({
    root,
    name: "tiers",
    script: "tiers-run.ts",
    databases: config.databases,
    env: { BENCH_MEMBERS: String(config.members), BENCH_ORDERS: String(config.orders) },
    report: (db, result) => {
      const passed = Object.values(result.checks).every(Boolean) && result.editJobMs < TARGET_MS;
      return (
        `${db.padEnd(10)} ${result.members} members, ${result.orders} orders: edit re-evaluated everyone in ${(result.editJobMs / 1000).toFixed(1)} s ` +
        `(first configuration ${(result.firstJobMs / 1000).toFixed(1)} s, seed ${(result.seedMs / 1000).toFixed(1)} s); ` +
        `${result.movedUp} up now, ${result.movingDown} down at the period end; checks ${JSON.stringify(result.checks)}; target < 60 s: ${passed ? "met" : "missed"}`
      );
    },
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
