// `npm run bench:admin`: how fast the admin's Home and Customers pages are for a big shop — 100,000 members and
// 1,000,000 ledger entries (plus their orders and redemptions) — on SQLite and on PostgreSQL.
//
// For each database: a fresh migrated database is seeded (scripts/bench/admin-seed.ts; the seed then checks that
// every cached balance equals its ledger sum), the production build is served with Shopify's Admin API answered
// in-process by the stand-in (scripts/bench/admin-server.ts), and each page is
//   - requested over HTTP as Shopify admin loads it (a document request with a fresh session token): the time to the
//     last byte of the HTML, i.e. authentication + loaders + server rendering ("server ms");
//   - loaded in Chromium from a cold cache: Largest Contentful Paint and the document's requestStart → responseStart.
// Medians are reported, with p90 for the HTTP samples. Targets (issue 6): server under 200 ms, LCP under 1 s.
//
//   --db sqlite|postgresql|both   default both (PostgreSQL at PG_ADMIN_URL, default postgresql://postgres@127.0.0.1:5432/postgres)
//   --members 100000 --entries 10 members, and ledger entries per member
//   --http 20 --loads 10          HTTP samples and Chromium loads per page
//   --warmup 10                   unmeasured requests per page first (JIT, connection pools)
//   --no-build                    reuse build/ instead of running `remix vite:build`
// The load generator, browser, server and database share this machine; results go to bench-results/admin-<time>.json.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { DatabaseProvider } from "../app/db/database-url";
import { embeddedAdminParams, signSessionToken } from "../app/demo/session-token.server";
import { encodeCursor } from "../app/persistence/member-directory";
import { createDatabase, openDb, seedInstalledShop } from "./bench/databases";
import { seedAdminShop, verifySeed } from "./bench/admin-seed";
import { launch, measureLoad, type PageLoad } from "./bench/admin-browser";
import { databasesOption, positiveInt } from "./bench/cli-options";
import { startProcessServer, type RunningServer } from "./bench/servers";
import { buildProductionApp } from "./bench/build-app";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SHOP = "bench-admin.myshopify.com";
const API_KEY = "bench-admin-api-key";
const SECRET = "bench-admin-api-secret";
const TARGET_SERVER_MS = 200;
const TARGET_LCP_MS = 1000;

const config = {
  databases: databasesOption(),
  members: positiveInt("members", 100_000),
  entriesPerMember: positiveInt("entries", 10),
  httpSamples: positiveInt("http", 20),
  warmup: positiveInt("warmup", 10),
  loads: positiveInt("loads", 10),
  build: !process.argv.includes("--no-build"),
};

/** What Shopify admin puts on an embedded app's URL, with a session token minted as admin mints it. */
async function embeddedQuery(): Promise<URLSearchParams> {
  const token = await signSessionToken({ shop: SHOP, apiKey: API_KEY, secret: SECRET, userId: "1" });
  return embeddedAdminParams({ shop: SHOP, locale: "en", token });
}

async function pageUrl(port: number, pagePath: string): Promise<string> {
  const url = new URL(`http://localhost:${port}${pagePath}`);
  for (const [key, value] of await embeddedQuery()) url.searchParams.set(key, value);
  return url.toString();
}

/** One document request; ms to the last byte, and the body. */
function timedGet(url: string): Promise<{ ms: number; status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.get(url, { headers: { "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36" } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ ms: performance.now() - started, status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

const median = (values: number[]) => percentile(values, 50);

function startAdminServer(databaseUrl: string) {
  return startProcessServer({
    label: "admin bench server",
    args: ["--import", "tsx", path.join(root, "scripts", "bench", "admin-server.ts")],
    root,
    env: (port) => {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        SHOPIFY_API_KEY: API_KEY,
        SHOPIFY_API_SECRET: SECRET,
        SHOPIFY_APP_URL: `http://localhost:${port}`,
        BENCH_SHOP: SHOP,
        LOYALTY_JOBS: "off",
      };
      delete env.LOYALTY_DEMO;
      return env;
    },
    readyPath: "/",
    keepStdout: true,
  });
}

type PageSpec = { name: string; path: string; marker: string; readySelector?: string };
type PageResult = {
  name: string;
  path: string;
  http: { samples: number[]; medianMs: number; p90Ms: number; htmlBytes: number };
  browser: { loads: PageLoad[]; medianLcpMs: number; medianServerMs: number } | null;
};
type DbResult = { db: DatabaseProvider; seed: Awaited<ReturnType<typeof seedAdminShop>>; pages: PageResult[] };

async function pagesFor(db: ReturnType<typeof openDb>["db"]): Promise<PageSpec[]> {
  // A cursor half-way down the balance-sorted list, as page 2,000 would be reached by clicking "next".
  const [deep] = await db.member.findMany({
    where: { shop: SHOP },
    orderBy: [{ availablePoints: "desc" }, { id: "desc" }],
    skip: Math.floor(config.members / 2),
    take: 1,
    select: { id: true, availablePoints: true },
  });
  const someone = await db.member.findFirstOrThrow({ where: { shop: SHOP }, orderBy: { availablePoints: "desc" }, select: { customerId: true } });
  return [
    { name: "Home (last 30 days)", path: "/app", marker: 'data-testid="figure-members"', readySelector: '[data-testid="figure-members"]' },
    { name: "Home (last 365 days)", path: "/app?period=365", marker: 'data-testid="figure-members"' },
    // Impact (issue 19): figures computed at most hourly (the warm-up's first request computes them), then read back.
    { name: "Impact", path: "/app/impact", marker: 'data-testid="impact-verdict"', readySelector: '[data-testid="impact-verdict"]' },
    { name: "Customers", path: "/app/customers", marker: "Polaris-IndexTable", readySelector: "tbody tr" },
    { name: "Customers: search", path: "/app/customers?q=kowalska", marker: "Polaris-IndexTable" },
    { name: "Customers: page half-way", path: `/app/customers?after=${encodeCursor({ id: deep!.id, availablePoints: Number(deep!.availablePoints) })}`, marker: "Polaris-IndexTable" },
    { name: "Customer detail", path: `/app/customers/${someone.customerId}`, marker: 'data-testid="available-points"' },
  ];
}

async function runDatabase(provider: DatabaseProvider): Promise<DbResult> {
  console.log(`\n━━ ${provider} ━━`);
  const database = await createDatabase(provider, `loyalty_bench_admin_${process.pid}_${Date.now()}`, root);
  let server: RunningServer | undefined;
  try {
    const { db, close } = openDb(database);
    let pages: PageSpec[];
    let seed: DbResult["seed"];
    try {
      await seedInstalledShop(db, SHOP);
      await db.reward.create({ data: { shop: SHOP, type: "fixed_amount", title: "$5 off", pointsCost: 500, amountMinor: 500 } });
      console.log(`seeding ${config.members} members × ${config.entriesPerMember} entries …`);
      seed = await seedAdminShop(db, provider, { shop: SHOP, members: config.members, entriesPerMember: config.entriesPerMember, now: new Date() });
      const check = await verifySeed(db, SHOP);
      console.log(
        `seeded ${seed.members} members, ${seed.entries} ledger entries, ${seed.orders} orders, ${seed.redemptions} redemptions in ${(seed.ms / 1000).toFixed(1)} s; ` +
          `cached balances equal ledger sums: ${check.ok ? "yes" : `NO (${check.mismatched} members differ)`}`,
      );
      if (!check.ok) throw new Error("seeded balances do not match the ledger");
      pages = await pagesFor(db);
    } finally {
      await close();
    }

    server = await startAdminServer(database.url);
    const results: PageResult[] = [];
    const browser = await launch();
    try {
      for (const page of pages) {
        for (let i = 0; i < config.warmup; i += 1) await timedGet(await pageUrl(server.port, page.path));
        const samples: number[] = [];
        let htmlBytes = 0;
        for (let i = 0; i < config.httpSamples; i += 1) {
          const url = await pageUrl(server.port, page.path);
          const { ms, status, body } = await timedGet(url);
          if (status !== 200 || !body.includes(page.marker)) {
            throw new Error(`${page.name}: ${status}, marker ${page.marker} ${body.includes(page.marker) ? "found" : "missing"}\n${server.stderr().slice(-2000)}`);
          }
          samples.push(ms);
          htmlBytes = Buffer.byteLength(body);
        }
        let browserResult: PageResult["browser"] = null;
        if (page.readySelector) {
          const loads: PageLoad[] = [];
          for (let i = 0; i < config.loads; i += 1) loads.push(await measureLoad(browser, root, await pageUrl(server.port, page.path), page.readySelector));
          browserResult = { loads, medianLcpMs: median(loads.map((l) => l.lcpMs)), medianServerMs: median(loads.map((l) => l.serverMs)) };
        }
        const result = { name: page.name, path: page.path.split("?")[0]!, http: { samples, medianMs: median(samples), p90Ms: percentile(samples, 90), htmlBytes }, browser: browserResult };
        results.push(result);
        console.log(
          `${page.name.padEnd(26)} server ${result.http.medianMs.toFixed(0).padStart(5)} ms median, ${result.http.p90Ms.toFixed(0).padStart(5)} ms p90` +
            (browserResult ? ` | Chromium LCP ${browserResult.medianLcpMs.toFixed(0)} ms, TTFB ${browserResult.medianServerMs.toFixed(0)} ms (median of ${config.loads})` : ""),
        );
      }
    } finally {
      await browser.close();
    }
    return { db: provider, seed, pages: results };
  } finally {
    await server?.stop();
    await database.drop();
  }
}


async function main() {
  if (config.build) buildProductionApp(root);
  if (!fs.existsSync(path.join(root, "build", "server", "index.js"))) throw new Error("no build/server/index.js: run without --no-build first");
  const results: DbResult[] = [];
  for (const provider of config.databases) results.push(await runDatabase(provider));

  console.log("\nSummary (medians; targets: server < 200 ms, LCP < 1000 ms)");
  let met = true;
  for (const result of results) {
    for (const page of result.pages.filter((p) => p.browser)) {
      const ok = page.http.medianMs < TARGET_SERVER_MS && page.browser!.medianLcpMs < TARGET_LCP_MS;
      met &&= ok;
      console.log(
        `${ok ? "ok  " : "MISS"} ${result.db.padEnd(10)} ${page.name.padEnd(22)} server ${page.http.medianMs.toFixed(0)} ms, LCP ${page.browser!.medianLcpMs.toFixed(0)} ms`,
      );
    }
  }
  const out = path.join(root, "bench-results", `admin-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    JSON.stringify({ config, machine: { cpus: os.cpus().length, node: process.version, load: os.loadavg() }, results }, null, 2),
  );
  console.log(`\nresults: ${path.relative(root, out)}`);
  process.exitCode = met ? 0 : 1;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
