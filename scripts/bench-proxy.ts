// `npm run bench:proxy`: how fast the storefront app proxy API answers a shop of realistic size, next to a
// BASELINE that does the least a signed read can (scripts/bench/proxy-baseline-server.ts: verify the signature,
// read one Member row by primary key, answer JSON), so the cost of our route reads as a ratio.
//
// For each database: one fresh migrated database, seeded once (scripts/bench/proxy-seed.ts: 100,000 members,
// 1,000,000 ledger entries, 6 rewards, 10,000 past redemptions) and used by every case:
//   baseline  GET /proxy/member for random members, against the baseline server
//   me        GET /proxy/me for random signed-in members, against the production build under server.mjs (`npm start`)
//   headless  GET /api/v1/customer/me for random members, each with a customer token minted beforehand (a seeded shop
//             API key), against the same build: the headless API's member view, the same function as /proxy/me's,
//             plus the token check (one key read by primary key) and the per-customer rate limit
//   redeem    POST /proxy/redeem { rewardId } by members with enough points, each at most once, against the same
//             build served as demo mode serves it, with the Admin API stand-in in process
//             (scripts/bench/proxy-stand-in-server.ts): the discount code is created by a stand-in for Shopify, so
//             redeem latency and CPU include the stand-in's work (and none of Shopify's network time).
// Each request is signed as Shopify's app proxy signs it, at send time (scripts/bench/proxy-requests.ts). Every
// response must be 200, and afterwards the database must be consistent (cached balances = ledger sums; /me showed
// each member's real balance; one issued redemption per successful redeem), or the run fails.
//
//   --db sqlite|postgresql|both   default both (PostgreSQL at PG_ADMIN_URL, default postgresql://postgres@127.0.0.1:5432/postgres)
//   --n 2000  --c 20              requests measured per case, requests in flight
//   --warmup 200                  unmeasured requests first (JIT, connection pools, caches)
//   --cases baseline,me,headless,redeem    which cases to run
//   --no-build                    reuse build/ instead of running `remix vite:build` (see scripts/bench/vite.config.ts)
//   --shopify-throttle            keep the stand-in's Shopify-like rate limit for redeem (about 10 codes/s per shop)
//   --cpu-prof                    profile each app server during its measured phase → bench-results/*.cpuprofile
// DATABASE_POOL_SIZE (app default 10) is passed through to the servers.
//
// The load generator runs on the same machine as the servers and the database and competes with them for CPU;
// its own CPU use is reported so that is visible. Results also go to bench-results/proxy-<time>.json.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DatabaseProvider } from "../app/db/database-url";
import { createDatabase, openDb, seedInstalledShop, type Db, type Verification } from "./bench/databases";
import { percentile, runLoad, type Failure, type LoadRequest } from "./bench/load";
import { proxyGet, proxyPostJson, signedProxyPath, tampered } from "./bench/proxy-requests";
import { customerIdOf, LEDGER_ENTRIES, MEMBERS, seedProxyShop, verifyBalances, type SeededShop } from "./bench/proxy-seed";
import { machineCpuTicks, processCpuMs, startScriptServer, startServer, type RunningServer } from "./bench/servers";
import { databasesOption, option, positiveInt } from "./bench/cli-options";
import { summariseProfile } from "./bench/cpu-profile";
import { seededRandom } from "./bench/random";
import { buildProductionApp } from "./bench/build-app";
import { mintCustomerToken } from "../app/shopify/customer-tokens.server";
import crypto from "node:crypto";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SHOP = "bench-loyalty.myshopify.com";
const SECRET = "bench-proxy-secret";
// The hot-paths issue's targets: /me at most 1.5× the baseline's server CPU per request and its p99 at most 2× the
// baseline's; /redeem's own CPU (the server's less the Admin API stand-in's) at most 3× /me's.
const TARGET_ME_CPU_RATIO = 1.5;
const TARGET_ME_P99_RATIO = 2;
const TARGET_REDEEM_CPU_RATIO = 3;
// The headless issue's target: GET /api/v1/customer/me (customer token) at most 1.2× /proxy/me's server CPU.
const TARGET_HEADLESS_CPU_RATIO = 1.2;
const CASES = ["baseline", "me", "headless", "redeem"] as const;
type Case = (typeof CASES)[number];

const config = {
  databases: databasesOption(),
  n: positiveInt("n", 2000),
  concurrency: positiveInt("c", 20),
  warmup: positiveInt("warmup", 200),
  cases: option("cases", CASES.join(",")).split(",").map((name): Case => {
    if (!(CASES as readonly string[]).includes(name)) throw new Error(`--cases takes ${CASES.join(", ")}`);
    return name as Case;
  }),
  build: !process.argv.includes("--no-build"),
  shopifyThrottle: process.argv.includes("--shopify-throttle"),
  cpuProfile: process.argv.includes("--cpu-prof"),
  poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  members: MEMBERS,
  ledgerEntries: LEDGER_ENTRIES,
};

type CaseResult = {
  db: DatabaseProvider;
  case: Case;
  n: number;
  c: number;
  throughput: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  failures: Failure[];
  latencyBySendOrderMs: Array<number | null>;
  /** Machine CPU busy in the second before the measured phase, with the server idle: anything else running. */
  machineBusyBeforePercent: number | null;
  serverCpuMsPerRequest: number | null;
  /** Of the server's CPU per request, what the in-process Admin API stand-in spent answering for Shopify (redeem). */
  standInCpuMsPerRequest: number | null;
  /** The PostgreSQL backends serving the server (its CPU above does not include them); null on SQLite. */
  postgresCpuMsPerRequest: number | null;
  machineCpuPercent: number | null;
  loadGeneratorCpuMsPerRequest: number;
  verification: Verification;
  profile?: { file: string; top: string[] };
  serverStderr: string;
};


// Ctrl-C mid-run: stop the server and drop the database rather than leave them behind.
const cleanUps = new Set<() => Promise<void>>();
process.once("SIGINT", () => {
  void Promise.allSettled([...cleanUps].map((cleanUp) => cleanUp())).finally(() => process.exit(130));
});


type Ticks = ReturnType<typeof machineCpuTicks>;
function busyPercent(before: Ticks, after: Ticks): number | null {
  return before && after ? (100 * (after.busy - before.busy)) / (after.total - before.total) : null;
}

/**
 * CPU time so far of the PostgreSQL backends serving the benchmark's database (the server's pool), by pid.
 * Only these: other work on the machine's PostgreSQL must not count.
 */
async function postgresBackendsCpuMs(client: Db): Promise<Map<number, number>> {
  const rows = await client.$queryRawUnsafe<Array<{ pid: number }>>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  return new Map(rows.map(({ pid }) => [Number(pid), processCpuMs(Number(pid)) ?? 0]));
}

/** CPU the backends present at both readings used in between, ms. */
function postgresCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) if (before.has(pid)) total += ms - before.get(pid)!;
  return total;
}

function tail(text: string) {
  return text.slice(-2000);
}

/** One case's requests: what to send for request i, and how to check a 200 answer as it arrives. */
type Workload = {
  request: (index: number) => LoadRequest;
  check?: (index: number, text: string) => string | null;
};

type CaseSetup = {
  warm: Workload;
  measured: Workload;
  /** Two requests that must be refused (wrong signature or token, stale timestamp), so both sides really check. */
  refused: Array<string | LoadRequest>;
  verify: (outcome: { warmOk: number; measuredOk: number; failures: Failure[] }) => Promise<Verification>;
  /** The Admin API stand-in's own CPU so far (redeem only: scripts/bench/proxy-stand-in-server.ts writes it). */
  standInCost?: () => Promise<StandInCost | null>;
};

type StandInCost = { calls: number; cpuMs: number };

/** The stand-in server rewrites its figures every second; a read taken after 1.2 s has the phase's last ones. */
async function readStandInCost(file: string): Promise<StandInCost | null> {
  await new Promise((resolve) => setTimeout(resolve, 1200));
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as StandInCost) : null;
}

async function measure(
  db: DatabaseProvider,
  client: Db,
  name: Case,
  server: RunningServer,
  setup: CaseSetup,
  /** Where the server writes its CPU profile of the measured phase (scripts/bench/cpu-profile-preload.mjs), if profiled. */
  profileFile: string | null,
): Promise<CaseResult> {
  for (const refusedRequest of setup.refused) {
    const probeRequest = typeof refusedRequest === "string" ? { ...proxyGet(refusedRequest), method: name === "redeem" ? ("POST" as const) : ("GET" as const) } : refusedRequest;
    const probe = await runLoad({ port: server.port, concurrency: 1, count: 1, request: () => probeRequest });
    if (probe.failures[0]?.status !== 401) {
      throw new Error(`${name}: a wrongly signed or stale request got ${probe.failures[0]?.status ?? 200}, not 401`);
    }
  }
  const warmup = await runLoad({ port: server.port, concurrency: config.concurrency, count: config.warmup, ...setup.warm });
  if (warmup.failures.some((f) => f.status === 401)) console.log("    the server refused our signature (401) — the signer is wrong");

  const quietBefore = machineCpuTicks();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  if (profileFile) server.process.kill("SIGUSR2");
  const standInBefore = (await setup.standInCost?.()) ?? null;
  const cpuBefore = processCpuMs(server.process.pid);
  const postgresBefore = db === "postgresql" ? await postgresBackendsCpuMs(client) : null;
  const machineBefore = machineCpuTicks();
  const generatorBefore = process.cpuUsage();
  const load = await runLoad({ port: server.port, concurrency: config.concurrency, count: config.n, ...setup.measured });
  const generator = process.cpuUsage(generatorBefore);
  const cpuAfter = processCpuMs(server.process.pid);
  const postgresAfter = db === "postgresql" ? await postgresBackendsCpuMs(client) : null;
  const machineAfter = machineCpuTicks();
  const standInAfter = (await setup.standInCost?.()) ?? null;
  let profile: CaseResult["profile"];
  if (profileFile) {
    server.process.kill("SIGUSR2");
    profile = { file: path.relative(root, profileFile), top: await summariseProfile(profileFile, root) };
  }

  const failures = [...warmup.failures.map((f) => ({ ...f, detail: `warm-up: ${f.detail}` })), ...load.failures];
  const verification = await setup.verify({
    warmOk: warmup.n - warmup.failures.length,
    measuredOk: load.n - load.failures.length,
    failures,
  });
  return {
    db,
    case: name,
    n: load.n,
    c: load.concurrency,
    throughput: (load.latenciesMs.length / load.wallMs) * 1000,
    p50: percentile(load.latenciesMs, 50),
    p99: percentile(load.latenciesMs, 99),
    max: load.latenciesMs.at(-1) ?? NaN,
    errors: failures.length,
    failures,
    latencyBySendOrderMs: load.latencyBySendOrderMs.map((ms) => (ms === null ? null : Math.round(ms * 10) / 10)),
    machineBusyBeforePercent: busyPercent(quietBefore, machineBefore),
    serverCpuMsPerRequest: cpuBefore !== null && cpuAfter !== null ? (cpuAfter - cpuBefore) / load.n : null,
    standInCpuMsPerRequest: standInBefore && standInAfter ? (standInAfter.cpuMs - standInBefore.cpuMs) / load.n : null,
    postgresCpuMsPerRequest: postgresBefore && postgresAfter ? postgresCpuBetween(postgresBefore, postgresAfter) / load.n : null,
    machineCpuPercent: busyPercent(machineBefore, machineAfter),
    loadGeneratorCpuMsPerRequest: (generator.user + generator.system) / 1000 / load.n,
    verification,
    profile,
    serverStderr: server.stderr(),
  };
}

async function runDatabase(db: DatabaseProvider, results: CaseResult[], seeding: Record<string, unknown>) {
  const database = await createDatabase(db, `loyalty_proxy_bench_${process.pid}`, root);
  const { db: client, close } = openDb(database);
  let server: RunningServer | undefined;
  const standInFile = path.join(os.tmpdir(), `loyalty-proxy-bench-${process.pid}-stand-in.json`);
  const cleanUp = async () => {
    await server?.stop();
    await close();
    await database.drop();
    fs.rmSync(standInFile, { force: true });
    fs.rmSync(`${standInFile}.cost`, { force: true });
  };
  cleanUps.add(cleanUp);
  try {
    process.stdout.write(`${db}: seeding ${MEMBERS} members, ${LEDGER_ENTRIES} ledger entries … `);
    await seedInstalledShop(client, SHOP);
    const seeded = await seedProxyShop(client, db, SHOP);
    console.log(`${seeded.seconds.toFixed(1)} s`);
    for (const line of seeded.lines) console.log(`    ${line}`);
    seeding[db] = { seconds: seeded.seconds, lines: seeded.lines };

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      SHOPIFY_API_KEY: "bench-api-key",
      SHOPIFY_API_SECRET: SECRET,
      SHOPIFY_APP_URL: "http://localhost",
      // The pending-points scheduler would add its own database work to the measurement.
      LOYALTY_JOBS: "off",
    };
    delete env.LOYALTY_DEMO;
    const profile = (name: Case) => path.join(root, "bench-results", `proxy-${db}-${name}-${process.pid}.cpuprofile`);
    const profiler = path.join(root, "scripts", "bench", "cpu-profile-preload.mjs");

    for (const name of config.cases) {
      process.stdout.write(`${db} / ${name} … `);
      const setup =
        name === "baseline"
          ? await baselineCase(client)
          : name === "me"
            ? await meCase(client)
            : name === "headless"
              ? await headlessCase(client)
              : await redeemCase(client, seeded, standInFile);
      const profileFile = config.cpuProfile && name !== "baseline" ? profile(name) : null;
      const profiled = profileFile !== null;
      const caseEnv = profiled ? { ...env, BENCH_CPU_PROFILE: profileFile } : env;
      if (profiled) fs.mkdirSync(path.dirname(profileFile), { recursive: true });
      if (name === "baseline") server = await startScriptServer("proxy-baseline-server.ts", root, env);
      else if (name === "me" || name === "headless") {
        // The production build under server.mjs, as bench:webhooks and `npm start` serve it.
        server = await startServer("app", root, profiled ? { ...caseEnv, NODE_OPTIONS: `--import ${profiler}` } : caseEnv);
      } else {
        server = await startScriptServer("proxy-stand-in-server.ts", root, { ...caseEnv, PROXY_BENCH_STAND_IN: standInFile }, profiled ? [profiler] : []);
      }
      const result = await measure(db, client, name, server, setup, profileFile);
      await server.stop();
      server = undefined;
      results.push(result);
      console.log(`${fixed(result.throughput)} req/s, p50 ${fixed(result.p50)} ms, p99 ${fixed(result.p99)} ms, ${result.errors} errors`);
      for (const text of result.verification.lines) console.log(`    ${text}`);
      for (const failure of result.failures.slice(0, 5)) console.log(`    request #${failure.index}: ${failure.status ?? "no response"} ${failure.detail}`);
      if (result.errors > 0 && result.serverStderr) console.log(`    server stderr (tail):\n${tail(result.serverStderr)}`);
      for (const line of result.profile?.top ?? []) console.log(`    ${line}`);
      if (result.profile) console.log(`    profile: ${result.profile.file}`);
    }
  } finally {
    cleanUps.delete(cleanUp);
    await cleanUp();
  }
}

const signed = (customerId: string, proxyPath: string, query?: Record<string, string>) =>
  signedProxyPath({ secret: SECRET, shop: SHOP, customerId, path: proxyPath, query });

const refusedProbes = (proxyPath: string, query?: Record<string, string>) => [
  tampered(signed(customerIdOf(1), proxyPath, query)),
  signedProxyPath({ secret: SECRET, shop: SHOP, customerId: customerIdOf(1), path: proxyPath, query, nowMs: Date.now() - 120_000 }),
];

/** Random members, the same sequence on every run; warm-up and measured phases draw different ones. */
function randomMembers(seed: number, count: number): number[] {
  const next = seededRandom(seed);
  return Array.from({ length: count }, () => 1 + Math.floor(next() * MEMBERS));
}

async function balancesById(client: Db) {
  const rows = await client.member.findMany({ where: { shop: SHOP }, select: { id: true, availablePoints: true, pendingPoints: true } });
  // Points are BigInt columns, which Prisma reads as bigint.
  return new Map(rows.map((row) => [row.id, { id: row.id, availablePoints: Number(row.availablePoints), pendingPoints: Number(row.pendingPoints) }]));
}

const AVAILABLE = /"availablePoints":(-?\d+)/;
const PENDING = /"pendingPoints":(-?\d+)/;

/** Checks the balances in an answer against the member's cached balances, and keeps a few answers whole. */
function balanceCheck(members: number[], balances: Map<number, { availablePoints: number; pendingPoints: number }>, kept: Map<number, string>) {
  const every = Math.max(1, Math.floor(members.length / 8));
  return (index: number, text: string): string | null => {
    const member = balances.get(members[index]!)!;
    const available = Number(AVAILABLE.exec(text)?.[1]);
    const pending = Number(PENDING.exec(text)?.[1]);
    if (available !== member.availablePoints || pending !== member.pendingPoints) {
      return `member ${members[index]}: answered ${available}/${pending} points, has ${member.availablePoints}/${member.pendingPoints}`;
    }
    if (index % every === 0) kept.set(index, text);
    return null;
  };
}

async function baselineCase(client: Db): Promise<CaseSetup> {
  const balances = await balancesById(client);
  const workload = (members: number[], kept: Map<number, string>): Workload => ({
    request: (index) => proxyGet(signed(customerIdOf(members[index]!), "/proxy/member", { member_id: String(members[index]) })),
    check: balanceCheck(members, balances, kept),
  });
  const warmMembers = randomMembers(1, config.warmup);
  const members = randomMembers(2, config.n);
  const kept = new Map<number, string>();
  return {
    warm: workload(warmMembers, new Map()),
    measured: workload(members, kept),
    refused: refusedProbes("/proxy/member", { member_id: "1" }),
    verify: async () => {
      const lines = [...kept].map(([index, text]) => {
        const row = JSON.parse(text) as { id: number; customerId: string };
        const ok = row.id === members[index] && row.customerId === customerIdOf(members[index]!);
        return `${ok ? "ok  " : "FAIL"} request #${index}: member ${row.id} (asked for ${members[index]})`;
      });
      return { ok: lines.every((line) => line.startsWith("ok")), lines: [`${balances.size} balances checked on every answer`, ...lines.slice(0, 3)] };
    },
  };
}

type MeAnswer = {
  availablePoints: number;
  pendingPoints: number;
  rewards: Array<{ id: number; affordable: boolean; cheapestPoints: number }>;
  history: { entries: Array<{ id: number }>; nextBefore: number | null };
  issuedRewards: unknown[];
};

async function meCase(client: Db): Promise<CaseSetup> {
  return memberViewCase(client, (memberId) => proxyGet(signed(customerIdOf(memberId), "/proxy/me")), refusedProbes("/proxy/me"));
}

const BENCH_API_KEY = `lk_bench-${"k".repeat(40)}`;

/**
 * GET /api/v1/customer/me with customer tokens minted as POST /api/v1/customer-tokens mints them (the same function),
 * with the key the seed gives the shop; the same members as the me case, so the answers are the same work.
 */
async function headlessCase(client: Db): Promise<CaseSetup> {
  const hash = crypto.createHash("sha256").update(BENCH_API_KEY).digest("hex");
  const key = await client.apiKey.upsert({ where: { hash }, create: { shop: SHOP, name: "bench", prefix: BENCH_API_KEY.slice(0, 11), hash }, update: {} });
  process.env.SHOPIFY_API_SECRET = SECRET;
  const tokens = new Map<number, string>();
  for (const memberId of [...randomMembers(3, config.warmup), ...randomMembers(4, config.n)]) {
    if (!tokens.has(memberId)) tokens.set(memberId, (await mintCustomerToken({ shop: SHOP, id: key.id, hash }, customerIdOf(memberId), ["read"], 3600)).token);
  }
  const withToken = (token: string): LoadRequest => ({ method: "GET", path: "/api/v1/customer/me", headers: { Accept: "application/json", Authorization: `Bearer ${token}` } });
  const good = tokens.get(randomMembers(4, 1)[0]!)!;
  // A token with a byte of its signature changed, and one expired a minute ago: both must be 401.
  const forged = good.slice(0, -2) + (good.at(-2) === "A" ? "B" : "A") + good.at(-1);
  const expired = (await mintCustomerToken({ shop: SHOP, id: key.id, hash }, customerIdOf(1), ["read"], 60, new Date(Date.now() - 120_000))).token;
  return memberViewCase(client, (memberId) => withToken(tokens.get(memberId)!), [withToken(forged), withToken(expired)]);
}

async function memberViewCase(client: Db, requestFor: (memberId: number) => LoadRequest, refused: CaseSetup["refused"]): Promise<CaseSetup> {
  const balances = await balancesById(client);
  const workload = (members: number[], kept: Map<number, string>): Workload => ({
    request: (index) => requestFor(members[index]!),
    check: balanceCheck(members, balances, kept),
  });
  const warmMembers = randomMembers(3, config.warmup);
  const members = randomMembers(4, config.n);
  const kept = new Map<number, string>();
  return {
    warm: workload(warmMembers, new Map()),
    measured: workload(members, kept),
    refused,
    verify: async () => {
      // A few whole answers against the ledger itself: balances are its sums, the page is its newest 20 entries.
      const lines: string[] = [`every answer's balances equal the member's cached balances (${config.warmup + config.n} answers)`];
      let ok = true;
      for (const [index, text] of kept) {
        const memberId = members[index]!;
        const answer = JSON.parse(text) as MeAnswer;
        const sums = await client.ledgerEntry.aggregate({ where: { memberId }, _sum: { availableDelta: true, pendingDelta: true } });
        const newest = await client.ledgerEntry.findMany({ where: { memberId }, orderBy: { id: "desc" }, take: 20, select: { id: true } });
        const issued = await client.redemption.count({ where: { memberId } });
        // The points columns are BIGINT, which Prisma's aggregate reads as bigint.
        const [availableSum, pendingSum] = [Number(sums._sum.availableDelta ?? 0), Number(sums._sum.pendingDelta ?? 0)];
        const pass =
          answer.availablePoints === availableSum &&
          answer.pendingPoints === pendingSum &&
          answer.history.entries.map((e) => e.id).join() === newest.map((e) => e.id).join() &&
          answer.issuedRewards.length === Math.min(20, issued) &&
          answer.rewards.length === 6 &&
          answer.rewards.every((r) => r.affordable === answer.availablePoints >= r.cheapestPoints);
        ok &&= pass;
        lines.push(
          `${pass ? "ok  " : "FAIL"} member ${memberId}: ${answer.availablePoints} available / ${answer.pendingPoints} pending = ledger sums ` +
            `${availableSum} / ${pendingSum}; ${answer.history.entries.length} newest entries, ` +
            `${answer.issuedRewards.length} issued rewards, ${answer.rewards.length} rewards`,
        );
      }
      return { ok, lines };
    },
  };
}

/** Picks the redeeming members and writes the stand-in's seed file (read by the server about to start). */
async function redeemCase(client: Db, seeded: SeededShop, standInFile: string): Promise<CaseSetup> {
  const reward = seeded.rewards.find((r) => r.type === "fixed_amount")!;
  // Each member redeems once: the route allows 5 redemptions a minute per shopper, and real shoppers are many.
  const eligible = await client.member.findMany({
    where: { shop: SHOP, availablePoints: { gte: reward.pointsCost } },
    select: { id: true, availablePoints: true },
    orderBy: { id: "asc" },
  });
  const needed = config.warmup + config.n;
  if (eligible.length < needed) throw new Error(`redeem needs ${needed} members with ${reward.pointsCost} points; the seed has ${eligible.length}`);
  const next = seededRandom(5);
  for (let i = eligible.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [eligible[i], eligible[j]] = [eligible[j]!, eligible[i]!];
  }
  const chosen = eligible.slice(0, needed);
  const warmMembers = chosen.slice(0, config.warmup).map((m) => m.id);
  const members = chosen.slice(config.warmup).map((m) => m.id);
  const before = chosen.reduce((sum, m) => sum + Number(m.availablePoints), 0);
  const lastRedemption = (await client.redemption.aggregate({ _max: { id: true } }))._max.id ?? 0;

  fs.writeFileSync(
    standInFile,
    JSON.stringify({ shop: SHOP, currencyCode: "USD", customerIds: chosen.map((m) => customerIdOf(m.id)), throttle: config.shopifyThrottle }),
  );
  const workload = (ids: number[]): Workload => ({
    request: (index) => proxyPostJson(signed(customerIdOf(ids[index]!), "/proxy/redeem"), { rewardId: reward.id }),
    check: (_index, text) => (text.includes('"status":"issued"') && /"code":"[A-Z0-9-]+"/.test(text) ? null : `200 without an issued code: ${text.slice(0, 200)}`),
  });
  return {
    warm: workload(warmMembers),
    measured: workload(members),
    refused: refusedProbes("/proxy/redeem"),
    standInCost: () => readStandInCost(`${standInFile}.cost`),
    verify: async ({ warmOk, measuredOk, failures }) => {
      const succeeded = warmOk + measuredOk;
      const lines: string[] = [
        `redeem latency includes the in-process Admin API stand-in answering for Shopify ` +
          `(${config.shopifyThrottle ? "with" : "without"} its Shopify-like rate limit)`,
      ];
      let ok = true;
      const check = (pass: boolean, text: string) => {
        ok &&= pass;
        lines.push(`${pass ? "ok  " : "FAIL"} ${text}`);
      };
      const balances = await verifyBalances(client, SHOP);
      check(balances.ok, balances.lines[0]!.slice(5));
      const byStatus = await client.redemption.groupBy({ by: ["status"], where: { shop: SHOP, id: { gt: lastRedemption } }, _count: true });
      const count = (status: string) => byStatus.find((s) => s.status === status)?._count ?? 0;
      check(count("issued") === succeeded, `redemptions issued: ${count("issued")} (successful answers ${succeeded})`);
      check(count("reserved") === 0, `redemptions left reserved: ${count("reserved")}`);
      if (count("failed") > 0) lines.push(`     redemptions failed (points returned): ${count("failed")}`);
      const now = await balancesById(client);
      const spent = before - chosen.reduce((sum, m) => sum + now.get(m.id)!.availablePoints, 0);
      check(spent === succeeded * reward.pointsCost, `points spent by the redeeming members: ${spent} (${succeeded} × ${reward.pointsCost})`);
      const refused = failures.filter((f) => f.status === 502);
      if (refused.length > 0) lines.push(`     ${refused.length} answers were 502 reward_not_created: the stand-in did not create the code (see below)`);
      return { ok, lines };
    },
  };
}

const fixed = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined || Number.isNaN(value) ? "-" : value.toFixed(digits);

function ratioFor(results: CaseResult[], result: CaseResult) {
  const baseline = results.find((r) => r.db === result.db && r.case === "baseline");
  if (!baseline || result.case === "baseline") return null;
  return { p50: result.p50 / baseline.p50, p99: result.p99 / baseline.p99, throughput: result.throughput / baseline.throughput };
}

function printTable(results: CaseResult[]) {
  const header = [
    "db", "case", "n", "c", "req/s", "p50 ms", "p99 ms", "max ms", "errors", "srv cpu ms/req", "of it stand-in", "pg cpu ms/req",
    "p50 ×base", "p99 ×base", "loadgen cpu ms/req", "machine cpu %", "busy before %",
  ];
  const rows = results.map((r) => {
    const ratio = ratioFor(results, r);
    return [
      r.db, r.case, String(r.n), String(r.c), fixed(r.throughput), fixed(r.p50), fixed(r.p99), fixed(r.max), String(r.errors),
      fixed(r.serverCpuMsPerRequest, 2), fixed(r.standInCpuMsPerRequest, 2), fixed(r.postgresCpuMsPerRequest, 2), fixed(ratio?.p50, 2), fixed(ratio?.p99, 2),
      fixed(r.loadGeneratorCpuMsPerRequest, 2), fixed(r.machineCpuPercent, 0), fixed(r.machineBusyBeforePercent, 0),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const row of rows) console.log(line(row));
}

function targets(results: CaseResult[]) {
  return config.databases.flatMap((db) => {
    const find = (name: Case) => results.find((r) => r.db === db && r.case === name);
    const [baseline, me, headless, redeem] = [find("baseline"), find("me"), find("headless"), find("redeem")];
    const cpu = (r: CaseResult | undefined) => r?.serverCpuMsPerRequest ?? null;
    const meCpuRatio = cpu(me) !== null && cpu(baseline) !== null ? cpu(me)! / cpu(baseline)! : null;
    const meP99Ratio = me && baseline ? me.p99 / baseline.p99 : null;
    const redeemOwnCpu = cpu(redeem) !== null && redeem?.standInCpuMsPerRequest != null ? cpu(redeem)! - redeem.standInCpuMsPerRequest : null;
    const redeemCpuRatio = redeemOwnCpu !== null && cpu(me) !== null ? redeemOwnCpu / cpu(me)! : null;
    const headlessCpuRatio = cpu(headless) !== null && cpu(me) !== null ? cpu(headless)! / cpu(me)! : null;
    const headlessP99Ratio = headless && me ? headless.p99 / me.p99 : null;
    return [{ db, meCpuRatio, meP99Ratio, redeemOwnCpu, redeemCpuRatio, headlessCpuRatio, headlessP99Ratio }];
  });
}

async function main() {
  if (config.build) buildProductionApp(root);
  if (!fs.existsSync(path.join(root, "build", "server", "index.js"))) {
    throw new Error("no build/server/index.js: run without --no-build (or `npm run build`) first");
  }
  console.log(
    `app proxy: n=${config.n} c=${config.concurrency} warm-up=${config.warmup} cases=${config.cases.join(",")} ` +
      `pg pool=${config.poolSize}, ${os.cpus().length} CPUs, Node ${process.version}`,
  );
  if (config.cases.includes("redeem")) {
    console.log(
      "redeem: Shopify is unreachable here, so that app server runs as demo mode runs it, with the Admin API stand-in in " +
        "process (scripts/bench/proxy-stand-in-server.ts); redeem latency and CPU include the stand-in creating each discount code" +
        (config.shopifyThrottle ? ", rate-limited as Shopify would." : ", with the stand-in's Shopify-like rate limit lifted (--shopify-throttle keeps it)."),
    );
  }
  const results: CaseResult[] = [];
  const seeding: Record<string, unknown> = {};
  for (const db of config.databases) await runDatabase(db, results, seeding);

  printTable(results);
  const targetRows = targets(results);
  console.log("");
  const verdict = (value: number | null, limit: number) => (value === null ? "not measured" : `×${value.toFixed(2)} (≤ ${limit}: ${value <= limit ? "met" : "MISSED"})`);
  for (const r of targetRows) {
    console.log(
      `${r.db}: /me CPU vs baseline ${verdict(r.meCpuRatio, TARGET_ME_CPU_RATIO)}; /me p99 vs baseline ${verdict(r.meP99Ratio, TARGET_ME_P99_RATIO)}; ` +
        `/redeem own CPU ${r.redeemOwnCpu === null ? "-" : `${r.redeemOwnCpu.toFixed(2)} ms`} vs /me ${verdict(r.redeemCpuRatio, TARGET_REDEEM_CPU_RATIO)}; ` +
        `headless GET /api/v1/customer/me CPU vs /proxy/me ${verdict(r.headlessCpuRatio, TARGET_HEADLESS_CPU_RATIO)} ` +
        `(p99 ×${r.headlessP99Ratio === null ? "-" : r.headlessP99Ratio.toFixed(2)})`,
    );
  }
  console.log(`(ratios of the same run; the baseline is noisy when the machine is busy, see "busy before %")`);

  const file = path.join(root, "bench-results", `proxy-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, platform: `${os.platform()} ${os.release()}` };
  const json = results.map(({ failures, serverStderr, ...rest }) => ({
    ...rest,
    ratioToBaseline: ratioFor(results, rest as CaseResult),
    failures: failures.slice(0, 20),
    serverStderrTail: tail(serverStderr),
  }));
  fs.writeFileSync(file, JSON.stringify({ config, machine, seeding, results: json, targets: targetRows }, null, 2));
  console.log(`\nwritten: ${path.relative(root, file)}`);

  // A benchmark that missed its target still ran; errors or a wrong database mean the figures are not valid.
  if (results.some((r) => r.errors > 0 || !r.verification.ok)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
