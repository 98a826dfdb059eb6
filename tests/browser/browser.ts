// Debian's Chromium driven by playwright-core (Playwright cannot download its own browsers here).
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** The launch flags that work on the build machines (no sandbox, GPU or network services in a container). */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export const ARTIFACTS_DIR = path.resolve(import.meta.dirname, "..", "..", "test-results", "browser");

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install chromium (.ci/run does).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
  });
}

/**
 * A context that never reaches the internet: Shopify's CDN (fonts) is answered locally with 404.
 * Headless Chromium announces itself as "HeadlessChrome", which the Shopify library's bot filter (isbot) answers
 * with 410 Gone, as it should for crawlers; the context presents the user agent a merchant's desktop Chromium sends.
 */
export async function offlineContext(browser: Browser): Promise<BrowserContext> {
  const userAgent = (await browser.newBrowserCDPSession().then(async (session) => {
    const { userAgent } = (await session.send("Browser.getVersion")) as { userAgent: string };
    await session.detach();
    return userAgent;
  })).replace("HeadlessChrome", "Chrome");
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, userAgent });
  await context.route(/^https?:\/\/(?!localhost|127\.0\.0\.1)/, (route) => route.fulfill({ status: 404, body: "" }));
  return context;
}

export function artifactPath(name: string): string {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return path.join(ARTIFACTS_DIR, name);
}
