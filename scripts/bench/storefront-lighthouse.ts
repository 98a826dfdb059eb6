// Lighthouse (npm `lighthouse` 12.2.x, the performance category only) on the demo storefront page with and without
// the launcher, for `npm run bench:storefront`. Built for Shopify lets an app lower a store's Lighthouse performance
// score by at most 10 points; this says by how much the launcher lowers the demo page's.
//
// Each run starts its own Chromium (CHROMIUM_PATH, default Debian's /usr/bin/chromium) with a fresh profile, so no
// run inherits another's cache or compiled code, and Lighthouse's defaults: a mobile device, simulated throttling
// (slow 4G, 4× CPU), the score, LCP and TBT as Lighthouse computes them. The two variants alternate so drift on
// a shared machine hits both alike; medians of the runs, and the median of per-run differences as the delta.
// The benchmark fails if a page is not the variant it should be (the launcher's button in the HTML of one page and
// not the other), if Lighthouse reports a runtime error or ends on another URL, or if a run's network log shows
// that the panel's code, texts or data were fetched although nobody opened it.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import lighthouse from "lighthouse";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "../../tests/browser/browser";

// The same Chromium and launch flags as the browser tests; Lighthouse drives a headless instance of its own.
const CHROME_FLAGS = ["--headless", ...CHROMIUM_FLAGS];

export type LighthouseRun = {
  /** Performance score, 0–100. */
  score: number;
  lcpMs: number;
  tbtMs: number;
  fcpMs: number;
  cls: number;
  speedIndexMs: number;
  /** What the page fetched, by path: to check the run measured the variant it was meant to. */
  requests: string[];
  /** The URL Lighthouse ended on (no redirect: the one asked for). */
  finalUrl: string;
};

type Chromium = { port: number; stop: () => Promise<void> };

async function startChromium(): Promise<Chromium> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH} (set CHROMIUM_PATH, or apt-get install chromium)`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "loyalty-lighthouse-"));
  // In a process group of its own, so that stopping it stops its helper processes (renderer, network service) too.
  const child = spawn(CHROMIUM_PATH, [...CHROME_FLAGS, `--user-data-dir=${profile}`, "--remote-debugging-port=0", "about:blank"], {
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    await exited;
    // A helper may still be writing its cache for a moment after the browser process has gone.
    try {
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    } catch (error) {
      console.warn(`could not remove the Chromium profile ${profile}: ${error instanceof Error ? error.message : error}`);
    }
  };
  // Chromium prints the DevTools endpoint of the port it chose on stderr.
  const port = await new Promise<number>((resolve, reject) => {
    let stderr = "";
    const timer = setTimeout(() => reject(new Error(`Chromium did not open a DevTools port:\n${stderr.slice(-2000)}`)), 30_000);
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited with ${code}:\n${stderr.slice(-2000)}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { port, stop };
}

export async function lighthouseRun(url: string): Promise<LighthouseRun> {
  const chromium = await startChromium();
  try {
    const result = await lighthouse(url, { port: chromium.port, output: "json", logLevel: "error", onlyCategories: ["performance"] });
    const lhr = result?.lhr;
    if (!lhr) throw new Error(`Lighthouse returned no result for ${url}`);
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message} (${url})`);
    const score = lhr.categories.performance?.score;
    if (typeof score !== "number") throw new Error(`Lighthouse gave no performance score for ${url}: ${lhr.runWarnings.join("; ")}`);
    const value = (audit: string) => {
      const numeric = lhr.audits[audit]?.numericValue;
      if (typeof numeric !== "number") throw new Error(`Lighthouse audit ${audit} has no value for ${url}`);
      return numeric;
    };
    const items = (lhr.audits["network-requests"]?.details as { items?: Array<{ url?: string }> } | undefined)?.items ?? [];
    return {
      score: Math.round(score * 100),
      lcpMs: value("largest-contentful-paint"),
      tbtMs: value("total-blocking-time"),
      fcpMs: value("first-contentful-paint"),
      cls: value("cumulative-layout-shift"),
      speedIndexMs: value("speed-index"),
      requests: items.map((item) => (item.url?.startsWith("http") ? new URL(item.url).pathname : String(item.url))),
      finalUrl: lhr.finalDisplayedUrl,
    };
  } finally {
    await chromium.stop();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const METRICS = ["score", "lcpMs", "tbtMs", "fcpMs", "cls", "speedIndexMs"] as const;
type Metric = (typeof METRICS)[number];
export type LighthouseSummary = Record<"with" | "without" | "delta", Record<Metric, number>>;

const LAUNCHER = /<button[^>]*data-loyalty-launcher/;

/** Checks that a run measured the page it was meant to (see the header). */
function checkRun(run: LighthouseRun, url: string) {
  if (run.finalUrl !== url) throw new Error(`Lighthouse measured ${run.finalUrl}, not ${url}`);
  const early = run.requests.filter((r) => /loyalty-(panel|texts)|\/apps\/loyalty\//.test(r));
  if (early.length) throw new Error(`the panel's code, texts or data were fetched although it was never opened: ${early.join(", ")}`);
}

/**
 * `runs` Lighthouse runs of each page, alternating; medians of each metric, and the median of per-run differences
 * (with − without) as the delta. `onRun` hears about each run as it ends (a run takes seconds).
 */
export async function lighthouseComparison(
  pages: { with: string; without: string },
  runs: number,
  onRun?: (variant: "with" | "without", run: LighthouseRun, index: number) => void,
): Promise<{ runs: { with: LighthouseRun[]; without: LighthouseRun[] }; summary: LighthouseSummary }> {
  const all = { with: [] as LighthouseRun[], without: [] as LighthouseRun[] };
  // Warm-up, not counted (the demo server's first render of each page), and the check that the two pages differ by
  // the launcher.
  for (const variant of ["with", "without"] as const) {
    const html = await fetch(pages[variant]).then((r) => r.text());
    if (LAUNCHER.test(html) !== (variant === "with")) throw new Error(`the page ${variant} the launcher ${variant === "with" ? "lacks" : "has"} its button: ${pages[variant]}`);
  }
  for (let i = 0; i < runs; i++) {
    for (const variant of i % 2 ? (["without", "with"] as const) : (["with", "without"] as const)) {
      const run = await lighthouseRun(pages[variant]);
      checkRun(run, pages[variant]);
      all[variant].push(run);
      onRun?.(variant, run, i);
    }
  }
  const pick = (list: LighthouseRun[]) => Object.fromEntries(METRICS.map((m) => [m, median(list.map((r) => r[m]))])) as Record<Metric, number>;
  const delta = Object.fromEntries(METRICS.map((m) => [m, median(all.with.map((r, i) => r[m] - all.without[i]![m]))])) as Record<Metric, number>;
  return { runs: all, summary: { with: pick(all.with), without: pick(all.without), delta } };
}
