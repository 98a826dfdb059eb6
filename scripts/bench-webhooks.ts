// `npm run bench:webhooks`: how fast the real app takes orders/paid webhooks, next to a BASELINE handler that
// only verifies the HMAC, parses the body and inserts one row (scripts/bench/baseline-server.ts), so the cost of
// our processing reads as a ratio.
//
// The app answers once the verified, validated delivery is stored in its inbox and applies the work right after
// (app/shopify/webhook-inbox.server.ts). So latency here is what Shopify waits for; "applied/s" is the rate at
// which the ledger work actually got done (first send → inbox empty), and server CPU per request includes it.
//
// For each database, each handler gets a fresh migrated database and its own server process; after a warm-up,
// N correctly signed deliveries (distinct orders, spread over a few hundred customers) go out at concurrency C.
// Every response must be 200 and the database must then hold exactly what was sent (order records, delivery
// log, ledger sums equal to cached balances, the points the orders earn), or the run fails.
//
//   --db sqlite|postgresql|both   default both (PostgreSQL at PG_ADMIN_URL, default postgresql://postgres@127.0.0.1:5432/postgres)
//   --n 2000  --c 50              deliveries measured, requests in flight
//   --warmup 200                  unmeasured deliveries first (JIT, connection pools, caches)
//   --customers 200               distinct customers the measured orders are spread over
//   --no-build                    reuse build/ instead of running `remix vite:build` (see scripts/bench/vite.config.ts)
//   --tiers                       the shop has three tiers (points earned, lifetime, 1× and no entry reward so the
//                                 points check still holds): orders/paid also keeps each member's tier state
//   --campaigns                   the shop has two running campaigns (2× on everything; 3× and +10 on one product), in
//                                 the settings row's copy orders/paid reads (app/persistence/campaigns.ts)
//   --cpu-prof                    profile the app server during its measured phase → bench-results/*.cpuprofile
//   --open-loop                   instead: a fixed arrival rate to 1..N app processes (scripts/bench/webhooks-open-loop.ts;
//                                 --rates 100,300 --duration 60 --processes 1,2)
//   --burst                       instead: 50 deliveries at the same moment, answered in the order they came?
//                                 (scripts/bench/webhooks-burst.ts; --burst-size 50)
// DATABASE_POOL_SIZE (app default 10) is passed through to both servers.
//
// The load generator runs on the same machine as the servers and the database and competes with them for CPU;
// its own CPU use is reported so that is visible. Results also go to bench-results/webhooks-<time>.json.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DatabaseProvider } from "../app/db/database-url";
import { createDatabase, openDb, seedInstalledShop, verifyApp, verifyBaseline, type Verification } from "./bench/databases";
import { orderPaidDeliveries, type DeliveryBatch } from "./bench/deliveries";
import { percentile, runLoad, type Failure } from "./bench/load";
import { machineCpuTicks, processCpuMs, startServer, type Handler } from "./bench/servers";
import { databasesOption, option, positiveInt } from "./bench/cli-options";
import { campaignCache, type Campaign } from "../app/rules/campaigns";
import { summariseProfile } from "./bench/cpu-profile";
import { runOpenLoopBench } from "./bench/webhooks-open-loop";
import { runBurstBench } from "./bench/webhooks-burst";
import { buildProductionApp } from "./bench/build-app";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SHOP = "bench-loyalty.myshopify.com";
const SECRET = "bench-webhook-secret";
const WEBHOOK_PATH = "/webhooks/orders/paid";
// The target: p99 under 100 ms at concurrency 50, within 3× of the baseline.
const TARGET_P99_MS = 100;
const TARGET_RATIO = 3;

const config = {
  databases: databasesOption(),
  n: positiveInt("n", 2000),
  concurrency: positiveInt("c", 50),
  warmup: positiveInt("warmup", 200),
  customers: positiveInt("customers", 200),
  build: !process.argv.includes("--no-build"),
  cpuProfile: process.argv.includes("--cpu-prof"),
  tiers: process.argv.includes("--tiers"),
  campaigns: process.argv.includes("--campaigns"),
  poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10),
};

type CaseResult = {
  db: DatabaseProvider;
  handler: Handler;
  n: number;
  c: number;
  throughput: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  failures: Failure[];
  /** Per request in the order sent, ms (null: failed); in the JSON only, to see when slow requests happened. */
  latencyBySendOrderMs: Array<number | null>;
  /** From the first measured send until every measured delivery's work was applied (the app applies after answering). */
  appliedWallMs: number;
  appliedPerSecond: number;
  /** Machine CPU busy in the second before the measured phase, with the server idle: anything else running. */
  machineBusyBeforePercent: number | null;
  serverCpuMsPerRequest: number | null;
  machineCpuPercent: number | null;
  loadGeneratorCpuMsPerRequest: number;
  verification: Verification;
  profile?: { file: string; top: string[] };
  serverStderr: string;
};


/** The environment the servers run with (DATABASE_URL is added per case). */
function appServerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    SHOPIFY_API_KEY: "bench-api-key",
    SHOPIFY_API_SECRET: SECRET,
    SHOPIFY_APP_URL: "http://localhost",
    // The pending-points scheduler would add its own database work to the measurement.
    LOYALTY_JOBS: "off",
  };
  delete env.LOYALTY_DEMO;
  return env;
}

// Ctrl-C mid-run: stop the server and drop the database rather than leave them behind.
let interrupted: (() => Promise<void>) | undefined;
process.once("SIGINT", () => {
  void (interrupted?.() ?? Promise.resolve()).finally(() => process.exit(130));
});

/** Three tiers by points earned over the lifetime; members cross them during the run (a tier change now and then). */
async function seedTiers(client: ReturnType<typeof openDb>["db"]) {
  await client.tierProgram.create({ data: { shop: SHOP, measure: "points_earned", period: "lifetime", graceDays: 0, version: 1 } });
  const tiers = [["Member", 0], ["Silver", 500], ["Gold", 5000]] as const;
  for (const [position, [name, threshold]] of tiers.entries()) {
    await client.tier.create({ data: { shop: SHOP, position: position + 1, names: JSON.stringify({ en: name }), threshold } });
  }
}

/** Two campaigns running for the whole run, written as the admin writes them: rows and the settings row's copy. */
async function seedCampaigns(client: ReturnType<typeof openDb>["db"]) {
  const now = new Date();
  const startsAt = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const endsAt = new Date(now.getTime() + 24 * 60 * 60 * 1000);
  const none = { productIds: [], collectionIds: [], productTags: [], tierIds: [] };
  const campaigns: Campaign[] = [
    { id: 1, names: { en: "Double" }, multiplierPercent: 200, bonusPoints: 0, startsAt, endsAt, scope: none },
    { id: 2, names: { en: "Teapots" }, multiplierPercent: 300, bonusPoints: 10, startsAt, endsAt, scope: { ...none, productIds: ["632910392"] } },
  ];
  for (const c of campaigns) {
    await client.campaign.create({ data: { id: c.id, shop: SHOP, names: JSON.stringify(c.names), multiplierPercent: c.multiplierPercent, bonusPoints: c.bonusPoints, startsAt, endsAt, productIds: JSON.stringify(c.scope.productIds) } });
  }
  const cache = campaignCache(campaigns, now);
  await client.programSettings.upsert({ where: { shop: SHOP }, create: { shop: SHOP, campaigns: cache }, update: { campaigns: cache } });
}

async function runCase(db: DatabaseProvider, handler: Handler, warm: DeliveryBatch, measured: DeliveryBatch): Promise<CaseResult> {
  const database = await createDatabase(db, `loyalty_bench_${process.pid}_${handler}`, root);
  const { db: client, close } = openDb(database);
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  const cleanUp = async () => {
    await server?.stop();
    await close();
    await database.drop();
  };
  interrupted = cleanUp;
  try {
    await seedInstalledShop(client, SHOP);
    if (config.tiers) await seedTiers(client);
    if (config.campaigns) await seedCampaigns(client);
    const env: NodeJS.ProcessEnv = { ...appServerEnv(), DATABASE_URL: database.url };
    const profileFile = config.cpuProfile && handler === "app" ? path.join(root, "bench-results", `webhooks-${db}-${process.pid}.cpuprofile`) : null;
    if (profileFile) fs.mkdirSync(path.dirname(profileFile), { recursive: true });
    const profiler = path.join(root, "scripts", "bench", "cpu-profile-preload.mjs");
    server = await startServer(handler, root, profileFile ? { ...env, BENCH_CPU_PROFILE: profileFile, NODE_OPTIONS: `--import ${profiler}` } : env);

    const warmup = await runLoad({ port: server.port, path: WEBHOOK_PATH, deliveries: warm.deliveries, concurrency: config.concurrency });
    if (handler === "app") await untilInboxApplied(client);

    // Other work on the machine (tests, builds) skews every figure here; measure it so it shows.
    const quietBefore = machineCpuTicks();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (profileFile) server.process.kill("SIGUSR2");
    const cpuBefore = processCpuMs(server.process.pid);
    const machineBefore = machineCpuTicks();
    const generatorBefore = process.cpuUsage();
    const startedAt = performance.now();
    const load = await runLoad({ port: server.port, path: WEBHOOK_PATH, deliveries: measured.deliveries, concurrency: config.concurrency });
    const generator = process.cpuUsage(generatorBefore);
    // The app answers once a delivery is stored and applies it right after; its cost per delivery and its real
    // capacity include that work, so both are taken when the inbox is empty again.
    if (handler === "app") await untilInboxApplied(client);
    const appliedWallMs = performance.now() - startedAt;
    const cpuAfter = processCpuMs(server.process.pid);
    const machineAfter = machineCpuTicks();
    let profile: CaseResult["profile"];
    if (profileFile) {
      server.process.kill("SIGUSR2");
      profile = { file: path.relative(root, profileFile), top: await summariseProfile(profileFile, root) };
    }

    const sent = warm.deliveries.length + measured.deliveries.length;
    const verification =
      handler === "app"
        ? await verifyApp(client, SHOP, sent, warm.expectedPoints + measured.expectedPoints)
        : await verifyBaseline(client, SHOP, sent);
    const failures = [...warmup.failures.map((f) => ({ ...f, detail: `warm-up: ${f.detail}` })), ...load.failures];
    if (warmup.failures.length > 0) verification.ok = false;

    return {
      db,
      handler,
      n: load.n,
      c: load.concurrency,
      throughput: (load.latenciesMs.length / load.wallMs) * 1000,
      p50: percentile(load.latenciesMs, 50),
      p99: percentile(load.latenciesMs, 99),
      max: load.latenciesMs.at(-1) ?? NaN,
      errors: failures.length,
      failures,
      appliedWallMs,
      appliedPerSecond: (load.n / appliedWallMs) * 1000,
      latencyBySendOrderMs: load.latencyBySendOrderMs.map((ms) => (ms === null ? null : Math.round(ms * 10) / 10)),
      machineBusyBeforePercent: busyPercent(quietBefore, machineBefore),
      serverCpuMsPerRequest: cpuBefore !== null && cpuAfter !== null ? (cpuAfter - cpuBefore) / load.n : null,
      machineCpuPercent: busyPercent(machineBefore, machineAfter),
      loadGeneratorCpuMsPerRequest: (generator.user + generator.system) / 1000 / load.n,
      verification,
      profile,
      serverStderr: server.stderr(),
    };
  } finally {
    interrupted = undefined;
    await cleanUp();
  }
}

/** Waits until the app has applied every delivery it answered (polling, so it costs the server almost nothing). */
async function untilInboxApplied(client: ReturnType<typeof openDb>["db"], timeoutMs = 10 * 60 * 1000) {
  const deadline = Date.now() + timeoutMs;
  while ((await client.webhookDelivery.count({ where: { shop: SHOP, processedAt: null } })) > 0) {
    if (Date.now() > deadline) throw new Error(`deliveries still unapplied after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type Ticks = ReturnType<typeof machineCpuTicks>;
function busyPercent(before: Ticks, after: Ticks): number | null {
  return before && after ? (100 * (after.busy - before.busy)) / (after.total - before.total) : null;
}

const fixed = (value: number | null, digits = 1) => (value === null || Number.isNaN(value) ? "-" : value.toFixed(digits));

function printTable(results: CaseResult[]) {
  const header = ["db", "handler", "n", "c", "req/s", "p50 ms", "p99 ms", "max ms", "errors", "applied/s", "srv cpu ms/req", "loadgen cpu ms/req", "machine cpu %", "busy before %"];
  const rows = results.map((r) => [
    r.db, r.handler, String(r.n), String(r.c), fixed(r.throughput), fixed(r.p50), fixed(r.p99), fixed(r.max), String(r.errors),
    fixed(r.appliedPerSecond),
    fixed(r.serverCpuMsPerRequest, 2), fixed(r.loadGeneratorCpuMsPerRequest, 2), fixed(r.machineCpuPercent, 0),
    fixed(r.machineBusyBeforePercent, 0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const row of rows) console.log(line(row));
}

function ratios(results: CaseResult[]) {
  return config.databases.flatMap((db) => {
    const app = results.find((r) => r.db === db && r.handler === "app");
    const baseline = results.find((r) => r.db === db && r.handler === "baseline");
    if (!app || !baseline) return [];
    return [{
      db,
      p50: app.p50 / baseline.p50,
      p99: app.p99 / baseline.p99,
      throughput: app.throughput / baseline.throughput,
      meetsP99Target: app.errors === 0 && app.p99 < TARGET_P99_MS,
      // "Within 3× of baseline": tail latency at most 3× the baseline's and throughput at least a third of it.
      meetsRatioTarget: app.errors === 0 && app.p99 <= TARGET_RATIO * baseline.p99 && app.throughput * TARGET_RATIO >= baseline.throughput,
    }];
  });
}

async function main() {
  if (config.build) buildProductionApp(root);
  if (!fs.existsSync(path.join(root, "build", "server", "index.js"))) {
    throw new Error("no build/server/index.js: run without --no-build (or `npm run build`) first");
  }
  console.log(
    `orders/paid webhooks: n=${config.n} c=${config.concurrency} warm-up=${config.warmup} customers=${config.customers} ` +
      `pg pool=${config.poolSize}, ${os.cpus().length} CPUs, Node ${process.version}`,
  );
  // The same signed bodies for every case; each case has its own database, so reusing webhook ids is fine.
  const warm = orderPaidDeliveries({ secret: SECRET, shop: SHOP, count: config.warmup, firstOrder: 7_000_000_000, customers: config.customers, firstCustomer: 900_000, campaigns: config.campaigns });
  const measured = orderPaidDeliveries({ secret: SECRET, shop: SHOP, count: config.n, firstOrder: 8_000_000_000, customers: config.customers, firstCustomer: 1_000, campaigns: config.campaigns });

  const batch = (count: number, firstOrder: number) =>
    orderPaidDeliveries({ secret: SECRET, shop: SHOP, count, firstOrder, customers: config.customers, firstCustomer: 1_000 });
  if (process.argv.includes("--burst")) {
    const ok = await runBurstBench({ root, databases: config.databases, size: positiveInt("burst-size", 50), shop: SHOP, env: appServerEnv(), batch });
    if (!ok) process.exitCode = 1;
    return;
  }
  if (process.argv.includes("--open-loop")) {
    const list = (name: string, fallback: string) =>
      option(name, fallback).split(",").map((value) => {
        const number = Number(value);
        if (!Number.isSafeInteger(number) || number < 1) throw new Error(`--${name} takes positive integers, comma-separated`);
        return number;
      });
    const ok = await runOpenLoopBench(
      { databases: config.databases, rates: list("rates", "100,300"), durationSeconds: positiveInt("duration", 60), processes: list("processes", "1,2") },
      {
        root,
        shop: SHOP,
        env: appServerEnv(),
        batch,
      },
    );
    if (!ok) process.exitCode = 1;
    return;
  }

  const results: CaseResult[] = [];
  for (const db of config.databases) {
    for (const handler of ["baseline", "app"] as const) {
      process.stdout.write(`${db} / ${handler} … `);
      const result = await runCase(db, handler, warm, measured);
      results.push(result);
      console.log(`${fixed(result.throughput)} req/s, p99 ${fixed(result.p99)} ms, ${result.errors} errors`);
      for (const text of result.verification.lines) console.log(`    ${text}`);
      for (const line of result.profile?.top ?? []) console.log(`    ${line}`);
      if (result.profile) console.log(`    profile: ${result.profile.file}`);
      for (const failure of result.failures.slice(0, 5)) console.log(`    request #${failure.index}: ${failure.status ?? "no response"} ${failure.detail}`);
      if (result.errors > 0 && result.serverStderr) console.log(`    server stderr (tail):\n${result.serverStderr.slice(-2000)}`);
    }
  }

  printTable(results);
  const ratioRows = ratios(results);
  console.log("");
  for (const r of ratioRows) {
    console.log(
      `${r.db}: ours/baseline  p50 ×${r.p50.toFixed(2)}  p99 ×${r.p99.toFixed(2)}  throughput ×${r.throughput.toFixed(2)}   ` +
        `target p99 < ${TARGET_P99_MS} ms: ${r.meetsP99Target ? "met" : "MISSED"};  within ${TARGET_RATIO}× of baseline: ${r.meetsRatioTarget ? "met" : "MISSED"}`,
    );
  }

  const file = path.join(root, "bench-results", `webhooks-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, platform: `${os.platform()} ${os.release()}` };
  const json = results.map(({ failures, serverStderr, ...rest }) => ({ ...rest, failures: failures.slice(0, 20), serverStderrTail: serverStderr.slice(-2000) }));
  fs.writeFileSync(file, JSON.stringify({ config, machine, results: json, ratios: ratioRows }, null, 2));
  console.log(`\nwritten: ${path.relative(root, file)}`);

  // A benchmark that missed its target still ran; errors or a wrong database mean the figures are not valid.
  if (results.some((r) => r.errors > 0 || !r.verification.ok)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
