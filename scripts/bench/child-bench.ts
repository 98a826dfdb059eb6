// The shape the job benches share (bench:tiers, bench:expiry): per database a fresh migrated database, a child process
// (DATABASE_URL set, jobs off) that seeds it, times the job and prints its result as the last line of JSON, then the
// database dropped; all results written to bench-results/<name>-<time>.json; exit 1 if any run's checks failed.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { DatabaseProvider } from "../../app/db/database-url";
import { createDatabase } from "./databases";

type ChildResult = { checks: Record<string, boolean> };

export async function runChildBenchPerDatabase<R extends ChildResult>(options: {
  root: string;
  /** Names the databases and the results file. */
  name: string;
  /** The child script, relative to scripts/bench/. */
  script: string;
  databases: DatabaseProvider[];
  env: Record<string, string>;
  /** One line for a database's run, printed as it ends. */
  report: (db: DatabaseProvider, result: R) => string;
}) {
  const { root, name } = options;
  const results: Array<R & { db: string }> = [];
  let ok = true;
  for (const db of options.databases) {
    const database = await createDatabase(db, `loyalty_bench_${name}_${process.pid}`, root);
    try {
      const output = execFileSync(path.join(root, "node_modules", ".bin", "tsx"), [path.join(root, "scripts", "bench", options.script)], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: database.url, NODE_ENV: "production", LOYALTY_JOBS: "off", ...options.env },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
        maxBuffer: 16 * 1024 * 1024,
      });
      const result = JSON.parse(output.trim().split("\n").at(-1)!) as R;
      results.push({ db, ...result });
      ok &&= Object.values(result.checks).every(Boolean);
      console.log(options.report(db, result));
    } finally {
      await database.drop();
    }
  }
  const file = path.join(root, "bench-results", `${name}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(results, null, 2));
  console.log(`raw figures: ${path.relative(root, file)}`);
  if (!ok) process.exit(1);
}
