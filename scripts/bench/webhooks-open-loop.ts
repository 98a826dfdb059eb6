// `npm run bench:webhooks -- --open-loop`: orders/paid sent at a fixed rate, as Shopify sends them, to 1 or more
// app processes (PostgreSQL only for more than one: SQLite is the single-process embedded default).
//
// For each database × process count × rate: a fresh migrated database, N production servers (server.mjs, as
// `npm start`), a warm-up, then rate × duration signed deliveries at fixed times, round-robin over the servers.
// Reported: ack latency (p50/p99/max), the inbox backlog sampled every 250 ms (at worst, and as seconds of
// arrivals), how long after the last send every delivery was applied, the servers' CPU per delivery, and whether
// the database then holds exactly what was sent (ledger invariants, points). Raw figures go to bench-results/.
//
//   --rates 100,300     deliveries per second      --duration 60   seconds of sending per case
//   --processes 1,2     app processes (PostgreSQL)  --db …, --no-build as for the closed-loop bench
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { DatabaseProvider } from "../../app/db/database-url";
import { createDatabase, openDb, seedInstalledShop, verifyApp, type Verification } from "./databases";
import type { DeliveryBatch } from "./deliveries";
import { percentile, type Failure } from "./load";
import { runOpenLoad, sampleEvery } from "./open-load";
import { processCpuMs, startServer, type RunningServer } from "./servers";

export type OpenLoopConfig = { databases: DatabaseProvider[]; rates: number[]; durationSeconds: number; processes: number[] };

export type OpenLoopResult = {
  db: DatabaseProvider;
  processes: number;
  rate: number;
  sent: number;
  errors: number;
  ackP50: number;
  ackP99: number;
  ackMax: number;
  maxBacklog: number;
  maxBacklogSeconds: number;
  /** From the last send until every delivery was applied. */
  drainMs: number;
  appliedPerSecond: number;
  serverCpuMsPerDelivery: number | null;
  maxSendLagMs: number;
  backlogSamples: Array<[number, number]>;
  failures: Failure[];
  verification: Verification;
};

// The targets at 100/s.
export const OPEN_LOOP_TARGET = { rate: 100, ackP99Ms: 50, backlogSeconds: 1 };

export async function runOpenLoopCase(options: {
  root: string;
  db: DatabaseProvider;
  processes: number;
  rate: number;
  durationSeconds: number;
  env: NodeJS.ProcessEnv;
  shop: string;
  batch: (count: number, firstOrder: number) => DeliveryBatch;
}): Promise<OpenLoopResult> {
  const { db, processes, rate, shop } = options;
  const database = await createDatabase(db, `loyalty_open_${process.pid}_${processes}_${rate}`, options.root);
  const { db: client, close } = openDb(database);
  const servers: RunningServer[] = [];
  try {
    await seedInstalledShop(client, shop);
    const env = { ...options.env, DATABASE_URL: database.url };
    for (let i = 0; i < processes; i += 1) servers.push(await startServer("app", options.root, env));
    const ports = servers.map((server) => server.port);
    const unapplied = () => client.webhookDelivery.count({ where: { shop, processedAt: null } });
    const untilApplied = async () => {
      while ((await unapplied()) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    };

    const warm = options.batch(Math.min(200, rate * 2), 7_000_000_000);
    await runOpenLoad({ ports, path: "/webhooks/orders/paid", deliveries: warm.deliveries, ratePerSecond: rate });
    await untilApplied();

    const measured = options.batch(rate * options.durationSeconds, 8_000_000_000);
    const cpuBefore = servers.map((server) => processCpuMs(server.process.pid));
    const sampler = sampleEvery(250, unapplied);
    const started = performance.now();
    const load = await runOpenLoad({ ports, path: "/webhooks/orders/paid", deliveries: measured.deliveries, ratePerSecond: rate });
    const lastSendAt = started + ((measured.deliveries.length - 1) * 1000) / rate;
    await untilApplied();
    const appliedAt = performance.now();
    const backlogSamples = await sampler.stop();
    const cpuAfter = servers.map((server) => processCpuMs(server.process.pid));
    const cpu = cpuBefore.every((v) => v !== null) && cpuAfter.every((v) => v !== null)
      ? cpuAfter.reduce((sum, v, i) => sum + (v! - cpuBefore[i]!), 0) / load.sent
      : null;

    const verification = await verifyApp(client, shop, warm.deliveries.length + measured.deliveries.length, warm.expectedPoints + measured.expectedPoints);
    const maxBacklog = Math.max(0, ...backlogSamples.map(([, value]) => value));
    return {
      db,
      processes,
      rate,
      sent: load.sent,
      errors: load.failures.length,
      ackP50: percentile(load.latenciesMs, 50),
      ackP99: percentile(load.latenciesMs, 99),
      ackMax: load.latenciesMs.at(-1) ?? NaN,
      maxBacklog,
      maxBacklogSeconds: maxBacklog / rate,
      drainMs: Math.max(0, appliedAt - lastSendAt),
      appliedPerSecond: (load.sent / (appliedAt - started)) * 1000,
      serverCpuMsPerDelivery: cpu,
      maxSendLagMs: load.maxSendLagMs,
      backlogSamples,
      failures: load.failures,
      verification,
    };
  } finally {
    for (const server of servers) await server.stop();
    await close();
    await database.drop();
  }
}

export async function runOpenLoopBench(config: OpenLoopConfig, common: Omit<Parameters<typeof runOpenLoopCase>[0], "db" | "processes" | "rate" | "durationSeconds">) {
  const results: OpenLoopResult[] = [];
  for (const db of config.databases) {
    for (const processes of db === "sqlite" ? [1] : config.processes) {
      for (const rate of config.rates) {
        process.stdout.write(`${db} / ${processes} process(es) / ${rate}/s for ${config.durationSeconds} s … `);
        const result = await runOpenLoopCase({ ...common, db, processes, rate, durationSeconds: config.durationSeconds });
        results.push(result);
        console.log(`ack p99 ${result.ackP99.toFixed(1)} ms, backlog ≤ ${result.maxBacklog}, ${result.errors} errors`);
        for (const text of result.verification.lines) console.log(`    ${text}`);
        for (const failure of result.failures.slice(0, 3)) console.log(`    request #${failure.index}: ${failure.status ?? "no response"} ${failure.detail}`);
      }
    }
  }
  const header = ["db", "procs", "rate/s", "sent", "errors", "ack p50", "ack p99", "ack max", "max backlog", "backlog s", "drain ms", "applied/s", "cpu ms/delivery", "send lag ms"];
  const rows = results.map((r) => [
    r.db, String(r.processes), String(r.rate), String(r.sent), String(r.errors), r.ackP50.toFixed(1), r.ackP99.toFixed(1), r.ackMax.toFixed(1),
    String(r.maxBacklog), r.maxBacklogSeconds.toFixed(2), r.drainMs.toFixed(0), r.appliedPerSecond.toFixed(1),
    r.serverCpuMsPerDelivery === null ? "-" : r.serverCpuMsPerDelivery.toFixed(2), r.maxSendLagMs.toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i < 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const row of rows) console.log(line(row));
  for (const r of results.filter((r) => r.rate === OPEN_LOOP_TARGET.rate)) {
    const ack = r.errors === 0 && r.ackP99 <= OPEN_LOOP_TARGET.ackP99Ms;
    const backlog = r.maxBacklogSeconds <= OPEN_LOOP_TARGET.backlogSeconds;
    console.log(`${r.db} ×${r.processes} at ${r.rate}/s: ack p99 ≤ ${OPEN_LOOP_TARGET.ackP99Ms} ms ${ack ? "met" : "MISSED"}; backlog ≤ ${OPEN_LOOP_TARGET.backlogSeconds} s of arrivals ${backlog ? "met" : "MISSED"}`);
  }
  const file = path.join(common.root, "bench-results", `webhooks-open-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ config, results }, null, 2));
  console.log(`\nwritten: ${path.relative(common.root, file)}`);
  return results.every((r) => r.errors === 0 && r.verification.ok);
}
