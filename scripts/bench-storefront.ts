// `npm run bench:storefront`: what the storefront extension costs a shop's pages.
//
// 1. Weight: gzip (and brotli) bytes of what every page with the launcher loads (the launcher's inline script and
//    styles), of what the panel loads when opened (its script, styles and texts), and of all the HTML the app
//    embed adds to each page (styles, script and markup).
// 2. Main-thread time in Chromium, on the demo storefront page with the launcher and on the same page without it
//    (?embed=0), from the start of parsing until the page has settled (load + 1.5 s: the launcher's idle work is
//    done), the panel never opened. From a performance trace of the renderer's main thread:
//      main-thread time   every top-level task (RunTask) on the page's renderer main thread, added up
//      long-task time     tasks over 50 ms added up;  total blocking time = Σ (task − 50 ms) over those, from
//                         navigation, not only between first paint and interactive as Lighthouse counts it
//      launcher script    time in events that compile, evaluate or call the extension's scripts (its assets, and
//                         inline scripts: the demo page has none of its own, which the benchmark checks)
//      breakdown          the main-thread time by kind of work (HTML parsing, style, layout, paint, script,
//                         loading/IPC, other), each trace event's self time, to show where an added cost goes
//    Task times are reported as thread CPU time (what the page's own work costs) and wall time (what a shopper
//    waits, which on a busy machine includes time the thread got no CPU); long tasks and TBT both ways too.
//    Each figure is the median of --runs runs per variant (default 9, at least 5), the two variants alternating
//    so drift on a shared machine hits both alike; run with and without 4× CPU throttling (a mid-range phone).
//    "Added" is the median of per-run differences (with − without); next to it, the time directly attributed to
//    the extension's scripts.
//    A run also fails the benchmark if the panel's code, texts or data were fetched before opening.
// 3. Lighthouse 12 (scripts/bench/storefront-lighthouse.ts): performance score, LCP and TBT of the same two pages,
//    Lighthouse's mobile defaults, --lighthouse-runs runs each (default 5), medians and the median of per-run
//    differences. Built for Shopify allows a drop of at most 10 points.
//
//   --runs 9              trace runs per variant and throttling (at least 5)
//   --lighthouse-runs 5   Lighthouse runs per variant (at least 5)
//   --no-lighthouse       skip the Lighthouse runs;  --lighthouse-only  skip the trace runs
//   --no-build            reuse build/demo instead of building the demo app
// Results also go to bench-results/storefront-<time>.json.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { launchChromium, offlineContext } from "../tests/browser/browser";
import { freePort } from "./bench/servers";
import { lighthouseComparison, type LighthouseSummary } from "./bench/storefront-lighthouse";
import { buildOutputs, EXTENSION_DIR, outputs, shippedBytes, staleOutputs } from "./build-extension";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TARGET_EVERY_PAGE_GZIP = 10 * 1024;
// The hot-paths issue's budget: main-thread time the launcher adds to a page before anyone opens the panel.
const TARGET_ADDED_MS = 2;
// Built for Shopify: an app may lower the store's Lighthouse performance score by at most 10 points.
const LIGHTHOUSE_MAX_DROP = 10;
const SETTLE_MS = 1500;

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index > -1 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}
function atLeastFive(name: string, fallback: string): number {
  const value = Number(option(name, fallback));
  if (!Number.isSafeInteger(value) || value < 5) throw new Error(`--${name} must be a whole number, at least 5`);
  return value;
}
const runs = atLeastFive("runs", "9");
const lighthouseRuns = atLeastFive("lighthouse-runs", "5");
const build = !process.argv.includes("--no-build");
const traceRuns = !process.argv.includes("--lighthouse-only");
const lighthouseOn = !process.argv.includes("--no-lighthouse");
if (!traceRuns && !lighthouseOn) throw new Error("--lighthouse-only and --no-lighthouse leave nothing to measure");

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const gzip = (bytes: Buffer | string) => zlib.gzipSync(bytes, { level: 9 }).length;
const brotli = (bytes: Buffer | string) => zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

// ── the demo app ────────────────────────────────────────────────────────────────────────────────────────────
async function startDemo(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "loyalty-bench-storefront-"));
  let output = "";
  const child: ChildProcess = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["scripts/demo.ts", ...(build ? [] : ["--no-build"])], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATABASE_URL: `file:${path.join(dir, "demo.sqlite")}`, NODE_ENV: "development" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.on("exit", stop);
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`demo server exited with ${child.exitCode}:\n${output.slice(-4000)}`);
    if (Date.now() > deadline) throw new Error(`demo server did not start:\n${output.slice(-4000)}`);
    const ok = await fetch(`${url}/demo`).then((r) => r.ok, () => false);
    if (ok) return { url, stop };
    await new Promise((r) => setTimeout(r, 500));
  }
}

// ── weight ──────────────────────────────────────────────────────────────────────────────────────────────────
async function weights(demoUrl: string) {
  const stale = staleOutputs(await buildOutputs());
  if (stale.length) throw new Error(`extension build outputs are stale (npm run build:extension): ${stale.join("; ")}`);
  const files = outputs().map(({ output, everyPage, loads, locale }) => {
    const bytes = shippedBytes(output, fs.readFileSync(path.join(EXTENSION_DIR, output)));
    return { output, everyPage, loads, locale, raw: bytes.length, gzip: gzip(bytes), brotli: brotli(bytes) };
  });
  const sum = (list: typeof files, key: "raw" | "gzip" | "brotli") => list.reduce((total, f) => total + f[key], 0);
  const everyPage = files.filter((f) => f.everyPage);
  // What opening the panel fetches: its code and styles and one locale's texts (English, as the benchmark's page).
  const panel = files.filter((f) => f.loads === "with the panel" && (!f.locale || f.locale === "en"));
  const withEmbed = await (await fetch(`${demoUrl}/demo/storefront?customer=guest`)).text();
  const withoutEmbed = await (await fetch(`${demoUrl}/demo/storefront?customer=guest&embed=0`)).text();
  // The trace attributes every inline script on the page to the extension: true only while the page has none.
  if (/<script/i.test(withoutEmbed)) throw new Error("the demo storefront page has a script of its own: the launcher's script time would include it");
  return {
    files,
    everyPage: { raw: sum(everyPage, "raw"), gzip: sum(everyPage, "gzip"), brotli: sum(everyPage, "brotli") },
    panel: { raw: sum(panel, "raw"), gzip: sum(panel, "gzip"), brotli: sum(panel, "brotli") },
    embedHtml: { raw: Buffer.byteLength(withEmbed) - Buffer.byteLength(withoutEmbed), gzip: gzip(withEmbed) - gzip(withoutEmbed) },
  };
}

// ── main-thread time ────────────────────────────────────────────────────────────────────────────────────────
type TraceEvent = {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time: unlike `dur`, not stretched when the machine gives the thread no CPU. */
  tdur?: number;
  args?: { name?: string; data?: Record<string, unknown>; beginData?: { url?: string } };
};
/** Kinds of main-thread work, by trace event name (self time: an event's time minus its children's). */
const KINDS: Array<[kind: string, names: RegExp]> = [
  ["html", /^(ParseHTML|HTMLDocumentParser::)/],
  ["style", /^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|ScheduleStyleRecalculation)$/],
  ["layout", /^(Layout|UpdateLayerTree|IntersectionObserverController::computeIntersections)$/],
  ["paint", /^(Paint|PrePaint|Layerize|UpdateLayer|Commit|PaintImage|CompositeLayers|RasterTask|Decode)/],
  ["script", /^(EvaluateScript|FunctionCall|FireIdleCallback|TimerFire|EventDispatch|RunMicrotasks|BlinkScheduler_PerformMicrotaskCheckpoint|v8\.|V8\.|MinorGC|MajorGC)/],
  ["loading", /^(Receive mojo|Closed mojo|SimpleWatcher::|Resource|CommitLoad|HTMLDocumentParser)/],
];
const kindOf = (name: string) => KINDS.find(([, names]) => names.test(name))?.[0] ?? "other";
export type Breakdown = Record<string, number>;

type RunMetrics = {
  mainThreadCpuMs: number;
  mainThreadWallMs: number;
  longTaskMs: number;
  tbtMs: number;
  /** The same from thread CPU time: what a machine with a free core would show. */
  longTaskCpuMs: number;
  tbtCpuMs: number;
  launcherCpuMs: number;
  launcherWallMs: number;
  tasks: number;
  /** Main-thread CPU time by kind of work (KINDS), ms. */
  breakdown: Breakdown;
};

const OURS = /loyalty-(loader|launcher|panel|texts)/;
const ms = (microseconds: number | undefined) => (microseconds ?? 0) / 1000;

function analyse(events: TraceEvent[]): RunMetrics {
  // The page's renderer main thread: the one that parsed the storefront page's HTML.
  const parse = events.find((e) => e.name === "ParseHTML" && String(e.args?.beginData?.url ?? "").includes("/demo/storefront"));
  if (!parse) throw new Error("the trace has no ParseHTML for the storefront page");
  const onMain = events.filter((e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === "X");
  // From the task that starts parsing the page: what came before (committing the navigation, unloading the
  // blank page the browser opened first) is the same with or without the launcher, and only adds noise.
  const start = onMain.filter((e) => e.name === "RunTask" && e.ts <= parse.ts).reduce((latest, e) => Math.max(latest, e.ts), parse.ts);
  const tasks = onMain.filter((e) => e.name === "RunTask" && e.ts >= start);
  const long = tasks.filter((t) => ms(t.dur) > 50);
  const longCpu = tasks.filter((t) => ms(t.tdur) > 50);
  // Work done for the extension: compiling, evaluating and calling its scripts (the idle callback too) and parsing
  // its stylesheets. Inline scripts carry the page's URL: the page has none but the extension's (checked above).
  const url = (e: TraceEvent) => String(e.args?.data?.url ?? e.args?.data?.styleSheetUrl ?? "");
  const pageUrl = String(parse.args?.beginData?.url ?? "");
  const ours = onMain.filter(
    (e) =>
      ["EvaluateScript", "v8.compile", "FunctionCall", "ParseAuthorStyleSheet"].includes(e.name) &&
      (OURS.test(url(e)) || (e.name !== "ParseAuthorStyleSheet" && url(e) === pageUrl)),
  );
  // Nested events (a compile inside an evaluation) count once: only the outermost intervals.
  const outer = ours.sort((a, b) => a.ts - b.ts).filter((e, i, all) => !all.slice(0, i).some((p) => p.ts <= e.ts && p.ts + (p.dur ?? 0) >= e.ts + (e.dur ?? 0)));
  return {
    breakdown: breakdown(onMain, start),
    mainThreadCpuMs: tasks.reduce((t, e) => t + ms(e.tdur), 0),
    mainThreadWallMs: tasks.reduce((t, e) => t + ms(e.dur), 0),
    longTaskMs: long.reduce((t, e) => t + ms(e.dur), 0),
    tbtMs: long.reduce((t, e) => t + ms(e.dur) - 50, 0),
    longTaskCpuMs: longCpu.reduce((t, e) => t + ms(e.tdur), 0),
    tbtCpuMs: longCpu.reduce((t, e) => t + ms(e.tdur) - 50, 0),
    launcherCpuMs: outer.reduce((t, e) => t + ms(e.tdur), 0),
    launcherWallMs: outer.reduce((t, e) => t + ms(e.dur), 0),
    tasks: tasks.length,
  };
}

/**
 * Each event's self CPU time (its thread time minus its direct children's), summed by kind, over the top-level
 * tasks from `start`: the kinds add up to the main-thread CPU time.
 */
function breakdown(onMain: TraceEvent[], start: number): Breakdown {
  const sorted = onMain.filter((e) => e.ts >= start).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const totals: Breakdown = Object.fromEntries([...KINDS.map(([kind]) => [kind, 0]), ["other", 0]]);
  const open: Array<{ event: TraceEvent; self: number }> = [];
  const close = (entry: { event: TraceEvent; self: number }) => (totals[kindOf(entry.event.name)]! += Math.max(0, entry.self));
  for (const event of sorted) {
    while (open.length && open.at(-1)!.event.ts + (open.at(-1)!.event.dur ?? 0) <= event.ts) close(open.pop()!);
    // Only what runs inside a top-level task counts, as in the main-thread total.
    if (!open.length && event.name !== "RunTask") continue;
    const cpu = ms(event.tdur ?? event.dur);
    if (open.length) open.at(-1)!.self -= cpu;
    open.push({ event, self: cpu });
  }
  while (open.length) close(open.pop()!);
  return totals;
}

async function measure(browser: Browser, demoUrl: string, withLauncher: boolean, cpuThrottle: number): Promise<RunMetrics> {
  const context = await offlineContext(browser);
  const page = await context.newPage();
  const early: string[] = [];
  page.on("request", (request) => {
    if (/loyalty-(panel|texts)|\/apps\/loyalty\//.test(request.url())) early.push(request.url());
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpuThrottle });
  await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "toplevel"] });
  await page.goto(`${demoUrl}/demo/storefront?customer=guest${withLauncher ? "" : "&embed=0"}`, { waitUntil: "load" });
  await page.waitForTimeout(SETTLE_MS);
  const launcherShown = await page.locator("[data-loyalty-launcher]").isVisible();
  const trace = JSON.parse((await browser.stopTracing()).toString("utf8")) as { traceEvents: TraceEvent[] };
  await context.close();
  if (withLauncher !== launcherShown) throw new Error(`launcher ${launcherShown ? "shown" : "not shown"} on the page ${withLauncher ? "with" : "without"} it`);
  if (early.length) throw new Error(`the panel's code, texts or data were fetched before it was opened: ${early.join(", ")}`);
  return analyse(trace.traceEvents);
}

const TASK_METRICS = ["mainThreadCpuMs", "mainThreadWallMs", "longTaskMs", "tbtMs", "longTaskCpuMs", "tbtCpuMs"] as const;
type TaskFigures = Record<(typeof TASK_METRICS)[number], number>;
type TraceSummary = Record<
  string,
  { with: TaskFigures & { launcherCpuMs: number; launcherWallMs: number }; without: TaskFigures; added: TaskFigures; addedBreakdown: Breakdown }
>;

async function traceComparison(demoUrl: string) {
  const browser = await launchChromium();
  const results: Record<string, { with: RunMetrics[]; without: RunMetrics[] }> = {};
  try {
    for (const throttle of [1, 4]) {
      const key = `cpu${throttle}x`;
      results[key] = { with: [], without: [] };
      await measure(browser, demoUrl, true, throttle); // warm-up: server caches, browser process
      for (let i = 0; i < runs; i++) {
        for (const withLauncher of i % 2 ? [false, true] : [true, false]) {
          results[key]![withLauncher ? "with" : "without"].push(await measure(browser, demoUrl, withLauncher, throttle));
        }
      }
    }
  } finally {
    await browser.close();
  }
  const summary: TraceSummary = Object.fromEntries(
    Object.entries(results).map(([key, { with: w, without: wo }]) => {
      const pick = (list: RunMetrics[], metric: Exclude<keyof RunMetrics, "breakdown">) => round(median(list.map((r) => r[metric])), 2);
      const added = (metric: Exclude<keyof RunMetrics, "breakdown">) => round(median(w.map((r, i) => r[metric] - wo[i]![metric])), 2);
      const variant = (list: RunMetrics[]) => Object.fromEntries(TASK_METRICS.map((m) => [m, pick(list, m)])) as TaskFigures;
      const kinds = Object.keys(w[0]!.breakdown);
      return [
        key,
        {
          with: { ...variant(w), launcherCpuMs: pick(w, "launcherCpuMs"), launcherWallMs: pick(w, "launcherWallMs") },
          without: variant(wo),
          added: Object.fromEntries(TASK_METRICS.map((m) => [m, added(m)])) as TaskFigures,
          // Medians of per-run differences, kind by kind: they need not add up to the added total exactly.
          addedBreakdown: Object.fromEntries(kinds.map((k) => [k, round(median(w.map((r, i) => r.breakdown[k]! - wo[i]!.breakdown[k]!)), 2)])),
        },
      ];
    }),
  );
  return { results, summary };
}

async function main() {
  const demo = await startDemo();
  try {
    const weight = await weights(demo.url);
    const trace = traceRuns ? await traceComparison(demo.url) : null;
    const pageUrl = `${demo.url}/demo/storefront?customer=guest`;
    const lighthouse = lighthouseOn
      ? await lighthouseComparison({ with: pageUrl, without: `${pageUrl}&embed=0` }, lighthouseRuns, (variant, run, i) =>
          console.log(`lighthouse ${i + 1}/${lighthouseRuns} ${variant.padEnd(7)} score ${run.score}, LCP ${round(run.lcpMs)} ms, TBT ${round(run.tbtMs)} ms`),
        )
      : null;

    const kb = (bytes: number) => `${bytes} B (${round(bytes / 1024, 2)} KB)`;
    console.log("\nWeight (gzip -9; brotli 11 in brackets)");
    for (const f of weight.files) console.log(`  ${f.output.padEnd(42)} ${String(f.raw).padStart(6)} B raw  ${String(f.gzip).padStart(5)} B gzip  [${f.brotli} B]  ${f.loads}`);
    console.log(`  every page (JS+CSS):   ${kb(weight.everyPage.gzip)} gzip  [${weight.everyPage.brotli} B]   target ≤ ${kb(TARGET_EVERY_PAGE_GZIP)}`);
    console.log(`  opening the panel:     ${kb(weight.panel.gzip)} gzip  [${weight.panel.brotli} B]  (script, styles, English texts)`);
    console.log(`  embed HTML per page:   ${weight.embedHtml.raw} B raw, ${weight.embedHtml.gzip} B added to the gzip page (everything the embed renders)`);
    if (trace) {
      console.log(`\nMain thread of the demo storefront page, start of parsing to load + ${SETTLE_MS} ms, launcher never opened; medians of ${runs} runs, ms`);
      console.log("(CPU = the thread's own CPU time; wall = elapsed, which includes time the shared machine gave it no CPU)");
      for (const [key, s] of Object.entries(trace.summary)) {
        const line = (v: TaskFigures) =>
          `main thread ${v.mainThreadCpuMs} CPU / ${v.mainThreadWallMs} wall; long tasks ${v.longTaskCpuMs} CPU / ${v.longTaskMs} wall; TBT ${v.tbtCpuMs} CPU / ${v.tbtMs} wall`;
        console.log(`  ${key === "cpu1x" ? "no throttling" : "4× CPU throttling"}`);
        console.log(`    with launcher:    ${line(s.with)}`);
        console.log(`    without launcher: ${line(s.without)}`);
        console.log(
          `    added (median of per-run differences): main thread ${s.added.mainThreadCpuMs} CPU / ${s.added.mainThreadWallMs} wall; long tasks ${s.added.longTaskCpuMs} CPU / ${s.added.longTaskMs} wall; TBT ${s.added.tbtCpuMs} CPU / ${s.added.tbtMs} wall   (target ≤ ${TARGET_ADDED_MS} ms)`,
        );
        console.log(`    added CPU by kind: ${Object.entries(s.addedBreakdown).map(([k, v]) => `${k} ${v}`).join(", ")}`);
        console.log(`    the launcher's own scripts: ${s.with.launcherCpuMs} CPU / ${s.with.launcherWallMs} wall`);
      }
    }
    if (lighthouse) {
      const { with: w, without: wo, delta } = lighthouse.summary;
      const line = (v: LighthouseSummary["with"]) => `score ${v.score}, LCP ${round(v.lcpMs)} ms, TBT ${round(v.tbtMs)} ms, FCP ${round(v.fcpMs)} ms, CLS ${round(v.cls, 3)}`;
      console.log(`\nLighthouse ${lighthouseVersion()} (performance, mobile defaults, simulated throttling); medians of ${lighthouseRuns} runs each`);
      console.log(`  with launcher:    ${line(w)}`);
      console.log(`  without launcher: ${line(wo)}`);
      console.log(`  delta (median of per-run differences): score ${delta.score >= 0 ? "+" : ""}${delta.score}, LCP ${round(delta.lcpMs)} ms, TBT ${round(delta.tbtMs)} ms, FCP ${round(delta.fcpMs)} ms, CLS ${round(delta.cls, 3)}`);
    }

    const file = path.join(root, "bench-results", `storefront-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      JSON.stringify(
        { runs, lighthouseRuns, settleMs: SETTLE_MS, weight, trace, lighthouse: lighthouse && { version: lighthouseVersion(), ...lighthouse }, node: process.version, cpus: os.cpus().length, loadavg: os.loadavg() },
        null,
        2,
      ),
    );
    console.log(`\nresults: ${path.relative(root, file)}`);
    const verdicts = [`every page ≤ 10 KB gzip: ${weight.everyPage.gzip <= TARGET_EVERY_PAGE_GZIP ? "yes" : "NO"}`];
    if (trace) {
      const unthrottled = trace.summary.cpu1x!;
      const ok = unthrottled.added.mainThreadCpuMs <= TARGET_ADDED_MS && unthrottled.added.tbtCpuMs <= TARGET_ADDED_MS;
      verdicts.push(`added main-thread CPU time and TBT ≤ ${TARGET_ADDED_MS} ms (no throttling): ${ok ? "yes" : "NO"} (${unthrottled.added.mainThreadCpuMs} ms)`);
    }
    if (lighthouse) {
      const drop = -lighthouse.summary.delta.score;
      verdicts.push(`Lighthouse score drop ≤ ${LIGHTHOUSE_MAX_DROP} (Built for Shopify): ${drop <= LIGHTHOUSE_MAX_DROP ? "yes" : "NO"} (${drop}; target 0: ${drop <= 0 ? "yes" : "no"})`);
    }
    console.log(verdicts.join("; "));
  } finally {
    demo.stop();
  }
}

function lighthouseVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(root, "node_modules", "lighthouse", "package.json"), "utf8")) as { version: string }).version;
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
