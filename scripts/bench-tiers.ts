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
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDatabase } from "./bench/databases";
import { databasesOption, positiveInt } from "./bench/cli-options";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TARGET_MS = 60_000;
const config = { databases: databasesOption(), members: positiveInt("members", 100_000), orders: positiveInt("orders", 3) };

type RunResult = { members: number; orders: number; seedMs: number; firstJobMs: number; editJobMs: number; movedUp: number; movingDown: number; perTier: Record<string, number>; checks: Record<string, boolean> };

async function main() {
  const results: Array<RunResult & { db: string }> = [];
  let ok = true;
  for (const db of config.databases) {
    const database = await createDatabase(db, `loyalty_bench_tiers_${process.pid}`, root);
    try {
      const output = execFileSync(path.join(root, "node_modules", ".bin", "tsx"), [path.join(root, "scripts", "bench", "tiers-run.ts")], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: database.url, NODE_ENV: "production", LOYALTY_JOBS: "off", BENCH_MEMBERS: String(config.members), BENCH_ORDERS: String(config.orders) },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
        maxBuffer: 16 * 1024 * 1024,
      });
      const result = JSON.parse(output.trim().split("\n").at(-1)!) as RunResult;
      results.push({ db, ...result });
      const passed = Object.values(result.checks).every(Boolean) && result.editJobMs < TARGET_MS;
      ok &&= Object.values(result.checks).every(Boolean);
      console.log(
        `${db.padEnd(10)} ${result.members} members, ${result.orders} orders: edit re-evaluated everyone in ${(result.editJobMs / 1000).toFixed(1)} s ` +
          `(first configuration ${(result.firstJobMs / 1000).toFixed(1)} s, seed ${(result.seedMs / 1000).toFixed(1)} s); ` +
          `${result.movedUp} up now, ${result.movingDown} down at the period end; checks ${JSON.stringify(result.checks)}; target < 60 s: ${passed ? "met" : "missed"}`,
      );
    } finally {
      await database.drop();
    }
  }
  const file = path.join(root, "bench-results", `tiers-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(results, null, 2));
  console.log(`raw figures: ${path.relative(root, file)}`);
  if (!ok) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
