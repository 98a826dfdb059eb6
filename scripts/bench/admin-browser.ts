// Chromium side of `npm run bench:admin`: loads an admin page as Shopify admin would (a document request carrying a
// fresh session token), with App Bridge's CDN script answered by the offline stand-in and every other outside host
// refused, and reads the page's Largest Contentful Paint and navigation timings.
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export type PageLoad = {
  /** Largest Contentful Paint, ms after navigation start. */
  lcpMs: number;
  /** requestStart → responseStart of the document: the server's time as the browser sees it. */
  serverMs: number;
  /** Navigation start → DOMContentLoaded. */
  domContentLoadedMs: number;
};

export async function launch(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

declare global {
  interface Window {
    __benchLcp?: number;
  }
}

/** One cold load (new context: empty cache) of `url`; throws unless `readySelector` appears. */
export async function measureLoad(browser: Browser, root: string, url: string, readySelector: string): Promise<PageLoad> {
  const standIn = fs.readFileSync(path.join(root, "app", "demo", "app-bridge-stand-in.js"), "utf8");
  const version = browser.version();
  // A merchant's desktop Chromium, not "HeadlessChrome" (which the Shopify library turns away as a bot).
  const userAgent = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version} Safari/537.36`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, userAgent });
  try {
    await context.route("https://cdn.shopify.com/shopifycloud/app-bridge.js", (route) =>
      route.fulfill({ status: 200, contentType: "text/javascript", body: standIn }),
    );
    await context.route(/^https?:\/\/(?!localhost|127\.0\.0\.1)/, (route) => route.fulfill({ status: 404, body: "" }));
    await context.addInitScript(() => {
      window.__benchLcp = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__benchLcp = entry.startTime;
      }).observe({ type: "largest-contentful-paint", buffered: true });
    });
    const page = await context.newPage();
    const response = await page.goto(url, { waitUntil: "load" });
    if (response?.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
    await page.locator(readySelector).first().waitFor({ timeout: 15_000 });
    // LCP can still move while late content paints; give it a moment after load, as a reader would.
    await page.waitForTimeout(300);
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return {
        lcpMs: window.__benchLcp ?? 0,
        serverMs: nav.responseStart - nav.requestStart,
        domContentLoadedMs: nav.domContentLoadedEventEnd,
      };
    });
  } finally {
    await context.close();
  }
}
