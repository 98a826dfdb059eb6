// `npm run bench:expiry`: the expiry sweep over a big shop — 100,000 members with 1,000,000 ledger entries (earnings
// over two years, redemptions, adjustments) under a 12-months-per-lot policy — on SQLite and on PostgreSQL. Target
// (issue 16): under 60 s on this 2-core machine.
//
// For each database: a fresh migrated database (scripts/bench/databases.ts), then a child process with DATABASE_URL
// set (scripts/bench/expiry-run.ts) seeds it and times one sweep; it checks every cached balance still equals its
// ledger sum, no balance went negative, and a second sweep expires nothing.
//
//   --db sqlite|postgresql|both   default both      --members 100000      --entries 10 (per member)
// Results go to bench-results/expiry-<time>.json.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runChildBenchPerDatabase } from "./bench/child-bench";
import { databasesOption, positiveInt } from "./bench/cli-options";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TARGET_MS = 60_000;
const config = { databases: databasesOption(), members: positiveInt("members", 100_000), entries: positiveInt("entries", 10) };

type RunResult = { members: number; entries: number; seedMs: number; sweepMs: number; expiredMembers: number; points: number; checks: Record<string, boolean> };

function main() {
  return runChildBenchPerDatabase<RunResult>({
    root,
    name: "expiry",
    script: "expiry-run.ts",
    databases: config.databases,
    env: { BENCH_MEMBERS: String(config.members), BENCH_ENTRIES: String(config.entries) },
    report: (db, result) =>
      `${db.padEnd(10)} ${result.members} members, ${result.entries} entries: sweep ${(result.sweepMs / 1000).toFixed(1)} s ` +
      `(seed ${(result.seedMs / 1000).toFixed(1)} s); expired ${result.points} points of ${result.expiredMembers} members; ` +
      `checks ${JSON.stringify(result.checks)}; target < 60 s: ${result.sweepMs < TARGET_MS ? "met" : "missed"}`,
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
