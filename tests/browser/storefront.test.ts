// The storefront rewards panel (theme app extension) on the demo storefront, in Chromium: the extension's real
// Liquid and built assets, its calls going through the demo's app-proxy stand-in to the app's real /proxy routes,
// which verify Shopify's signature. Demo shoppers (app/demo/demo-data.ts): 7001 has 1200 points, 7002 350,
// 7003 5000, 7004 none, 7005 80, 7007 none (ways to earn). Each test uses its own shoppers, since the database lives for the whole run.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { EXTENSION_DIR, renderBlock, type StorefrontContext } from "../../app/demo/storefront/liquid.server";
import { orderPaidPayload } from "../support/shopify-payloads";
import { artifactPath, launchChromium, offlineContext } from "./browser";
import { axeViolations } from "./axe";
import { sendDemoWebhook } from "./demo-webhook";

/** What opening the panel fetches: its script and styles, and the texts of one locale. */
const PANEL_ASSETS = /loyalty-(panel\.(js|css)|texts-[\w-]+\.js)/;
const assetsFetched = (requests: string[]) => [...new Set(requests.filter((r) => PANEL_ASSETS.test(r)).map((r) => path.basename(r)))].sort();

/** The extension's storefront texts of a locale, by key (locales/<locale>.json, or the default for English). */
function localeTexts(locale: string): Map<string, string> {
  const file = path.join(EXTENSION_DIR, "locales", locale === "en" ? "en.default.json" : `${locale}.json`);
  const messages = JSON.parse(fs.readFileSync(file, "utf8")) as { loyalty: Record<string, string> };
  return new Map(Object.entries(messages.loyalty));
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

type Visit = { context: BrowserContext; page: Page; requests: string[]; errors: string[] };

async function visit(query: string, options: { reducedMotion?: "reduce" | "no-preference" } = {}): Promise<Visit> {
  const context = await offlineContext(browser);
  const page = await context.newPage();
  if (options.reducedMotion) await page.emulateMedia({ reducedMotion: options.reducedMotion });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on("request", (request) => requests.push(`${request.method()} ${new URL(request.url()).pathname}`));
  page.on("pageerror", (error) => errors.push(error.message));
  // Layout shifts, recorded from the first byte of the page.
  await page.addInitScript(() => {
    const w = window as unknown as { __cls: number };
    w.__cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) if (!entry.hadRecentInput) w.__cls += entry.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  await page.goto(`${inject("demoUrl")}/demo/storefront${query}`);
  return { context, page, requests, errors };
}

const launcher = (page: Page) => page.locator("[data-loyalty-launcher]");
const dialog = (page: Page) => page.locator("[data-loyalty-dialog] dialog");

/** Opens the launcher's panel with a click and waits until its data is shown. */
async function openPanel(page: Page): Promise<Locator> {
  await launcher(page).click();
  const panel = dialog(page);
  await panel.locator(".body[aria-busy=false]").waitFor();
  // Let the opening animation finish: a half-faded panel would fail contrast checks and screenshots.
  await panel.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
  return panel;
}

/** The element focused inside the panel's shadow root (the page's activeElement is the shadow host). */
function panelFocus(page: Page) {
  return page.evaluate(() => {
    const host = document.querySelector("[data-loyalty-dialog]");
    const active = host?.shadowRoot?.activeElement as HTMLElement | null | undefined;
    const dialogElement = host?.shadowRoot?.querySelector("dialog");
    return { id: active?.id ?? null, text: active?.textContent?.trim() ?? null, inDialog: !!active && !!dialogElement?.contains(active) };
  });
}

const sendOrderPaid = (payload: unknown) => sendDemoWebhook("orders/paid", payload);

describe("the texts asset Liquid chooses for the shopper's locale (the demo's stand-in for Shopify's t lookup)", () => {
  const context = (locale: string): StorefrontContext => ({
    locale,
    shop: { name: "Demo", currency: "USD", money_format: "${{amount}}", permanent_domain: "demo.myshopify.com" },
    customer: null,
    pageType: "index",
  });
  it("names the locale's own texts, the language's for a regional locale, and the default's for a locale without a file", async () => {
    for (const [locale, expected] of [["ru", "ru"], ["pl-PL", "pl"], ["de", "en"], ["pt-BR", "en"]] as const) {
      const { html } = await renderBlock("rewards-launcher.liquid", context(locale));
      const asset = /data-texts-js="[^"]*\/(loyalty-texts-[\w-]+\.js)\?v=(\w+)"/.exec(html);
      expect(asset?.[1], locale).toBe(`loyalty-texts-${expected}.js`);
      // A version hash, not "missing": the file exists in the extension's assets.
      expect(asset?.[2]).not.toBe("missing");
      expect(fs.existsSync(path.join(EXTENSION_DIR, "assets", asset![1]!))).toBe(true);
    }
  });
});

describe("storefront rewards panel (Chromium)", () => {
  it("guest: the launcher runs nothing until clicked, shifts nothing, loads the panel only when opened, and shows the program", async () => {
    const { context, page, requests, errors } = await visit("");
    // As served, the launcher is a button with an onclick attribute and the page has no script at all: nothing runs
    // on load or at idle.
    const served = await (await page.request.get(`${inject("demoUrl")}/demo/storefront`)).text();
    expect(served).toMatch(/<button[^>]*data-loyalty-launcher[^>]*onclick='/);
    expect(served).not.toMatch(/<script/i);

    await launcher(page).waitFor({ state: "visible" });
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __cls: number }).__cls)).toBe(0);
    expect(await launcher(page).evaluate((el) => getComputedStyle(el.parentElement!).position)).toBe("fixed");
    expect(requests.filter((r) => PANEL_ASSETS.test(r) || r.includes("/apps/loyalty/"))).toEqual([]);

    const panel = await openPanel(page);
    expect(await panelFocus(page)).toMatchObject({ id: "close", inDialog: true });
    await expect(panel.getByRole("heading", { name: "Rewards", level: 2 }).isVisible()).resolves.toBe(true);
    await expect(panel.getByText("1 point for every $1 spent").isVisible()).resolves.toBe(true);
    for (const title of ["$5 off your order", "10% off your order", "Free shipping", "Free ceramic mug", "Points for money", "$10 store credit"]) {
      await expect(panel.getByRole("heading", { name: title, level: 4 }).isVisible()).resolves.toBe(true);
    }
    await expect(panel.getByText("10% off your order · Minimum order $30").isVisible()).resolves.toBe(true);
    await expect(panel.getByText("from 200 points").isVisible()).resolves.toBe(true);
    expect(await panel.getByRole("link", { name: "Create an account" }).getAttribute("href")).toBe("/account/register");
    expect(await panel.getByRole("link", { name: "Sign in" }).getAttribute("href")).toBe("/account/login");
    expect(await panel.getByRole("button", { name: "Redeem" }).count()).toBe(0);
    await expect(panel.getByText("Sign in or create an account to redeem rewards.").isVisible()).resolves.toBe(true);

    expect(assetsFetched(requests)).toEqual(["loyalty-panel.css", "loyalty-panel.js", "loyalty-texts-en.js"]);
    expect(requests.filter((r) => r.includes("/apps/loyalty/"))).toEqual(["GET /apps/loyalty/program"]);
    await page.screenshot({ path: artifactPath("storefront-guest.png") });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("without JavaScript the launcher is not shown, since it could not open anything", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${inject("demoUrl")}/demo/storefront`);
    expect(await launcher(page).count()).toBe(1);
    expect(await launcher(page).isVisible()).toBe(false);
    await context.close();
  });

  it("a page with only the launcher carries none of the panel's texts or markup, in any language", async () => {
    for (const locale of ["en", "pl", "ru", "ro"]) {
      const page = (embed: boolean) => fetch(`${inject("demoUrl")}/demo/storefront?customer=guest&locale=${locale}${embed ? "" : "&embed=0"}`).then((r) => r.text());
      const [served, withoutLauncher] = await Promise.all([page(true), page(false)]);
      expect(served).toMatch(/<button[^>]*data-loyalty-launcher/);
      // The click handler is code, not text (its names, such as loyaltyRewardsPanel, contain words like "Rewards").
      const withLauncher = served.replace(/onclick='[^']*'/, "onclick=''");
      const texts = localeTexts(locale);
      // All the launcher shows or needs before the panel is there: its label, and what to say if the panel cannot
      // be fetched. A panel text may appear only as often as the page without the launcher has it, plus inside those.
      const own = [texts.get("launcher_label")!, texts.get("error_network")!];
      const carried = [...texts]
        .filter(([key]) => key !== "texts_asset")
        .filter(([, text]) => occurrences(withLauncher, text) - occurrences(withoutLauncher, text) > own.reduce((n, shown) => n + occurrences(shown, text), 0))
        .map(([key]) => key);
      expect(carried, `panel texts on the ${locale} page`).toEqual([]);
      expect(served).not.toMatch(/data-loyalty-texts|<dialog|<script/i);
      // The texts asset of the page's locale is named, for the click to fetch.
      expect(served).toContain(`data-texts-js="/demo/storefront/assets/loyalty-texts-${locale}.js?v=`);
    }
  });

  it("the launcher opens the panel in the shopper's language, fetching only that language's texts", async () => {
    const { context, page, requests, errors } = await visit("?customer=7002&locale=ru");
    const texts = localeTexts("ru");
    expect(await launcher(page).textContent()).toContain(texts.get("launcher_label"));
    const panel = await openPanel(page);
    expect(await panel.getByRole("heading", { level: 2 }).textContent()).toBe(texts.get("title"));
    expect(await panel.getByRole("button", { name: texts.get("close") }).count()).toBe(1);
    await expect(panel.getByRole("heading", { name: texts.get("ways_heading"), level: 3 }).isVisible()).resolves.toBe(true);
    expect(await panel.locator("[data-balance=available]").textContent()).toBe("350 баллов");
    expect(await panel.locator(".panel").getAttribute("lang")).toBe("ru");
    expect(assetsFetched(requests)).toEqual(["loyalty-panel.css", "loyalty-panel.js", "loyalty-texts-ru.js"]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("signed in: balance, affordable and unaffordable rewards (with the reason), the points slider and history", async () => {
    const { context, page, requests, errors } = await visit("?customer=7002");
    const panel = await openPanel(page);
    expect(await panel.locator("[data-balance=available]").textContent()).toBe("350 points");
    expect(await panel.locator("[data-balance=pending]").textContent()).toBe("0 points");

    const freeShipping = panel.locator("li.reward", { has: page.getByRole("heading", { name: "Free shipping" }) });
    expect(await freeShipping.getByRole("button", { name: "Redeem" }).getAttribute("aria-disabled")).toBeNull();
    const fiveOff = panel.locator("li.reward", { has: page.getByRole("heading", { name: "$5 off your order" }) });
    const fiveOffButton = fiveOff.getByRole("button", { name: "Redeem" });
    expect(await fiveOffButton.getAttribute("aria-disabled")).toBe("true");
    await expect(fiveOff.getByText("You need 150 points more.").isVisible()).resolves.toBe(true);
    // The reason is part of the button's description for screen readers.
    const describedBy = (await fiveOffButton.getAttribute("aria-describedby"))!.split(" ");
    const descriptions = await Promise.all(describedBy.map((id) => panel.locator(`#${id}`).textContent()));
    expect(descriptions).toEqual(["$5 off your order", "You need 150 points more."]);
    await fiveOffButton.click({ force: true }); // aria-disabled: Playwright would wait for it to be enabled
    await page.waitForTimeout(300);
    expect(requests.filter((r) => r.startsWith("POST"))).toEqual([]);

    // Points for money: 200 to 300 points (what 350 affords), in steps of 100.
    const slider = panel.getByLabel("Points to spend");
    expect(await slider.evaluate((el: HTMLInputElement) => [el.min, el.max, el.step, el.value])).toEqual(["200", "300", "100", "200"]);
    expect(await slider.getAttribute("aria-valuetext")).toBe("200 points for $2 off");
    await slider.focus();
    await page.keyboard.press("ArrowRight");
    expect(await slider.getAttribute("aria-valuetext")).toBe("300 points for $3 off");
    await expect(panel.locator("output").textContent()).resolves.toBe("300 points for $3 off");

    const history = panel.locator("section.history li");
    expect(await history.count()).toBe(1);
    expect(await history.first().textContent()).toContain("Adjustment");
    expect(await history.first().textContent()).toContain("+350");
    await page.screenshot({ path: artifactPath("storefront-signed-in.png") });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("redeems a reward: the code, copy and apply-to-cart link, the new balance announced, the code in the issued list", async () => {
    const { context, page, errors } = await visit("?customer=7003");
    const panel = await openPanel(page);
    expect(await panel.locator("[data-balance=available]").textContent()).toBe("5,000 points");
    await panel.locator("li.reward", { has: page.getByRole("heading", { name: "$5 off your order" }) }).getByRole("button", { name: "Redeem" }).click();

    const result = panel.locator("section.result");
    await result.waitFor();
    const code = await result.getByLabel("Your discount code").inputValue();
    expect(code).toMatch(/^[A-Z0-9-]{6,}$/);
    expect(await panel.locator("[data-balance=available]").textContent()).toBe("4,500 points");
    expect(await panel.locator("[role=status][aria-live=polite]").textContent()).toBe("Your balance is now 4,500 points.");
    expect(await panelFocus(page)).toMatchObject({ id: "result", inDialog: true });
    expect(await result.getByRole("link", { name: "Apply to cart" }).getAttribute("href")).toBe(`/discount/${code}?redirect=/cart`);
    await expect(result.getByText(/^Expires /).isVisible()).resolves.toBe(true);

    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await result.getByRole("button", { name: "Copy code" }).click();
    await result.getByRole("button", { name: "Copied" }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

    // The issued list and history come from the app after the redemption.
    const codes = panel.locator("section.codes");
    await codes.getByText(code).waitFor();
    await expect(codes.getByText(/^Ready to use · Expires /).isVisible()).resolves.toBe(true);
    await expect(panel.locator("section.history li").first().textContent()).resolves.toContain("Reward redeemed");
    await page.screenshot({ path: artifactPath("storefront-redeemed.png") });

    // The app agrees: the signed /me for this shopper.
    const me = (await (await page.request.get(`${inject("demoUrl")}/apps/loyalty/me`)).json()) as { availablePoints: number; issuedRewards: Array<{ code: string; status: string }> };
    expect(me.availablePoints).toBe(4500);
    expect(me.issuedRewards[0]).toMatchObject({ code, status: "issued" });

    // Points for money with the slider: 700 points for $7.
    const slider = panel.getByLabel("Points to spend");
    await slider.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
    expect(await slider.inputValue()).toBe("700");
    await panel.locator("li.reward", { has: page.getByRole("heading", { name: "Points for money" }) }).getByRole("button", { name: "Redeem" }).click();
    await panel.getByText("Points for money · $7 off your order").waitFor();
    expect(await panel.locator("[data-balance=available]").textContent()).toBe("3,800 points");

    // "Apply to cart" goes through Shopify's /discount/CODE link to the cart with the code applied.
    const secondCode = await panel.locator("section.result").getByLabel("Your discount code").inputValue();
    await panel.getByRole("link", { name: "Apply to cart" }).first().click();
    await page.waitForURL(/\/cart$/);
    expect(await page.locator("[data-applied-discount] code").textContent()).toBe(secondCode);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("keyboard only: Enter opens, Tab stays inside the dialog both ways, redeem with Enter, Esc closes and focus returns", async () => {
    const { context, page, errors } = await visit("?customer=7001");
    await launcher(page).waitFor({ state: "visible" });
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await launcher(page).evaluate((el) => document.activeElement === el);
    }
    expect(reached).toBe(true);
    await page.keyboard.press("Enter");
    const panel = dialog(page);
    await panel.locator(".body[aria-busy=false]").waitFor();
    expect(await launcher(page).getAttribute("aria-expanded")).toBe("true");
    expect(await panelFocus(page)).toMatchObject({ id: "close", inDialog: true });

    // Every Tab lands inside the dialog; after the last control it wraps to the first (the close button).
    const controls = await panel.evaluate((el) => el.querySelectorAll("a[href],button,input").length);
    const visited = new Set<string>();
    for (let i = 0; i < controls + 2; i++) {
      await page.keyboard.press("Tab");
      const focus = await panelFocus(page);
      expect(focus.inDialog).toBe(true);
      visited.add(`${focus.id}|${focus.text}`);
    }
    expect(visited.size).toBeGreaterThan(5);
    // Shift+Tab from the close button goes round to the last control, still inside.
    while ((await panelFocus(page)).id !== "close") await page.keyboard.press("Tab");
    await page.keyboard.press("Shift+Tab");
    const last = await panelFocus(page);
    expect(last.inDialog).toBe(true);
    expect(last.id).not.toBe("close");

    // Redeem "Free shipping" (300 of 1200 points) with the keyboard.
    const freeShippingId = await panel
      .locator("li.reward", { has: page.getByRole("heading", { name: "Free shipping" }) })
      .getByRole("button", { name: "Redeem" })
      .getAttribute("id");
    for (let i = 0; i < 60 && (await panelFocus(page)).id !== freeShippingId; i++) await page.keyboard.press("Tab");
    expect((await panelFocus(page)).id).toBe(freeShippingId);
    await page.keyboard.press("Enter");
    await panel.locator("section.result").waitFor();
    expect(await panelFocus(page)).toMatchObject({ id: "result", inDialog: true });
    expect(await panel.locator("[data-balance=available]").textContent()).toBe("900 points");
    await page.keyboard.press("Tab");
    expect((await panelFocus(page)).id).toBe("code");

    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "hidden" });
    expect(await launcher(page).evaluate((el) => document.activeElement === el)).toBe(true);
    expect(await launcher(page).getAttribute("aria-expanded")).toBe("false");

    // Space opens it again; the close button closes it, focus back on the launcher.
    await page.keyboard.press("Space");
    await panel.waitFor({ state: "visible" });
    await page.keyboard.press("Enter");
    await panel.waitFor({ state: "hidden" });
    expect(await launcher(page).evaluate((el) => document.activeElement === el)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows errors in words: rate limit (with the wait), an unreachable store, a failed load with retry, no panel script", async () => {
    // The app allows five redemptions a minute per shopper; the sixth is refused with 429 rate_limited.
    const first = await visit("?customer=7003");
    const panel = await openPanel(first.page);
    const freeShipping = panel.locator("li.reward", { has: first.page.getByRole("heading", { name: "Free shipping" }) });
    const alert = freeShipping.getByRole("alert");
    for (let attempt = 0; attempt < 6 && !(await alert.count()); attempt++) {
      await freeShipping.getByRole("button", { name: "Redeem" }).click();
      await panel.locator("section.result, li.reward [role=alert]").first().waitFor();
      await freeShipping.getByRole("button", { name: "Redeem" }).waitFor();
      await panel.locator(".body[aria-busy=false]").waitFor();
      await first.page.waitForTimeout(200);
    }
    expect(await alert.textContent()).toMatch(/^Too many redemptions in a short time\. Please try again in \d+ s\.$/);
    const balanceAfterRefusal = await panel.locator("[data-balance=available]").textContent();
    const me = (await (await first.page.request.get(`${inject("demoUrl")}/apps/loyalty/me`)).json()) as { availablePoints: number };
    expect(`${me.availablePoints.toLocaleString("en")} points`).toBe(balanceAfterRefusal);
    await first.page.screenshot({ path: artifactPath("storefront-error-rate-limited.png") });
    await first.context.close();

    // The network fails on redeem: said in words, no points gone.
    const second = await visit("?customer=7002");
    await second.page.route("**/apps/loyalty/redeem", (route) => route.abort("internetdisconnected"));
    const panel2 = await openPanel(second.page);
    const reward = panel2.locator("li.reward", { has: second.page.getByRole("heading", { name: "Free shipping" }) });
    await reward.getByRole("button", { name: "Redeem" }).click();
    await expect(reward.getByRole("alert").textContent()).resolves.toBe("We couldn’t reach the store. Check your connection and try again.");
    expect(await panel2.locator("[data-balance=available]").textContent()).toBe("350 points");
    await second.context.close();

    // The program cannot be loaded: the error and a retry that works once the store answers again.
    const third = await visit("");
    let failNext = true;
    await third.page.route("**/apps/loyalty/program", (route) => (failNext ? route.fulfill({ status: 500, body: "" }) : route.continue()));
    await launcher(third.page).click();
    const panel3 = dialog(third.page);
    await expect(panel3.getByRole("alert").textContent()).resolves.toContain("Something went wrong (error 500). Please try again.");
    failNext = false;
    await panel3.getByRole("button", { name: "Try again" }).click();
    await panel3.getByRole("heading", { name: "Ways to earn" }).waitFor();
    await third.context.close();

    // The texts cannot be fetched when the launcher is clicked: said next to the button, in the page's language
    // (Liquid rendered it); the next click tries again and opens the panel.
    const texts = await visit("?locale=pl");
    let blockTexts = true;
    await texts.page.route("**/loyalty-texts-*.js*", (route) => (blockTexts ? route.abort("internetdisconnected") : route.continue()));
    await launcher(texts.page).click();
    const status = texts.page.locator("[data-loyalty-launcher-root] [role=status]");
    // The status element is always there (a live region must exist before it speaks): wait for its words, since
    // reading it right after the click can see it still empty.
    await status.filter({ hasText: /\S/ }).waitFor();
    expect(await status.textContent()).toBe(localeTexts("pl").get("error_network"));
    expect(await launcher(texts.page).getAttribute("aria-busy")).toBeNull();
    expect(await dialog(texts.page).count()).toBe(0);
    blockTexts = false;
    const retried = await openPanel(texts.page);
    expect(await retried.getByRole("heading", { level: 2 }).textContent()).toBe(localeTexts("pl").get("title"));
    expect(await status.textContent()).toBe("");
    // The panel's script had loaded the first time: only the texts were fetched again.
    expect(texts.requests.filter((r) => r.includes("loyalty-panel.js"))).toHaveLength(1);
    expect(texts.requests.filter((r) => r.includes("loyalty-texts-pl.js"))).toHaveLength(2);
    expect(texts.errors).toEqual([]);
    await texts.context.close();

    // The panel's script cannot be fetched on a rewards page: the block keeps its Liquid text and says why.
    const fourth = await offlineContext(browser);
    const page4 = await fourth.newPage();
    await page4.route("**/loyalty-panel.js*", (route) => route.abort("internetdisconnected"));
    await page4.goto(`${inject("demoUrl")}/demo/storefront?page=rewards`);
    const block = page4.locator("[data-loyalty-inline]");
    await expect(block.getByRole("alert").textContent()).resolves.toBe("We couldn’t reach the store. Check your connection and try again.");
    await expect(block.getByRole("heading", { name: "Rewards", level: 2 }).isVisible()).resolves.toBe(true);
    await fourth.close();
  });

  it("history pages with “Show older activity” (before=…) and lands on the first older entry", async () => {
    // 25 paid orders for shopper 7004 (no history yet), $10 each at 1 point per $ doubled by the demo's running
    // campaign, and the demo's 50-point first-order bonus on the first: 26 pending entries, 20 a page.
    for (let i = 0; i < 25; i++) {
      await sendOrderPaid(orderPaidPayload({ orderId: String(9_100_000 + i), customerId: "7004", lines: [{ id: String(9_200_000 + i), quantity: 1, unitPrice: 1000 }] }));
    }
    const { context, page, requests, errors } = await visit("?customer=7004");
    // The webhook inbox applies deliveries right after answering them: wait until all 25 are in the ledger.
    await expect
      .poll(async () => ((await (await page.request.get(`${inject("demoUrl")}/apps/loyalty/me`)).json()) as { pendingPoints: number }).pendingPoints, { timeout: 30_000 })
      .toBe(25 * 20 + 50);
    const panel = await openPanel(page);
    expect(await panel.locator("[data-balance=pending]").textContent()).toBe("550 points");
    await expect(panel.getByText("Pending points become available once your order’s return period ends.").isVisible()).resolves.toBe(true);
    const entries = panel.locator("section.history li");
    expect(await entries.count()).toBe(20);
    expect(await entries.first().textContent()).toContain("Order (pending)");
    expect(await entries.first().textContent()).toContain("+20 pending");
    const lastOfFirstPage = await entries.nth(19).getAttribute("id");

    await panel.getByRole("button", { name: "Show older activity" }).click();
    await expect.poll(() => entries.count()).toBe(26);
    expect(requests.filter((r) => r.startsWith("GET /apps/loyalty/me"))).toHaveLength(2);
    const before = Number(lastOfFirstPage!.slice(1));
    expect(await panel.getByRole("button", { name: "Show older activity" }).count()).toBe(0);
    // Focus moves to the first entry of the older page (the button is gone).
    expect((await panelFocus(page)).id).toBe(await entries.nth(20).getAttribute("id"));
    expect(Number((await entries.nth(20).getAttribute("id"))!.slice(1))).toBeLessThan(before);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the “Rewards page” block renders inline at once, in the shopper's language with local numbers and plurals", async () => {
    const cases = [
      { locale: "pl", customer: "7005", heading: "Nagrody", balance: "80 punktów", earn: "1 punkt za każde wydane 1 USD" },
      { locale: "ru", customer: "7003", heading: "Бонусная программа", balance: /^\d[\s\u00a0\u202f]\d{3} баллов$/, earn: "Покупки: 1 балл за каждые 1 $" },
      { locale: "ro", customer: "7002", heading: "Recompense", balance: "350 de puncte", earn: "1 punct pentru fiecare 1 USD cheltuit" },
    ];
    for (const { locale, customer, heading, balance, earn } of cases) {
      const { context, page, requests, errors } = await visit(`?page=rewards&locale=${locale}&customer=${customer}`);
      const block = page.locator("[data-loyalty-inline] .panel");
      await block.locator(".body[aria-busy=false]").waitFor();
      // No click: the panel's code, texts and data were fetched because the block is on the page.
      expect(requests.filter((r) => r.includes("/apps/loyalty/"))).toEqual(["GET /apps/loyalty/program", "GET /apps/loyalty/me"]);
      expect(assetsFetched(requests)).toEqual(["loyalty-panel.css", "loyalty-panel.js", `loyalty-texts-${locale}.js`]);
      expect(await block.getByRole("heading", { level: 2 }).textContent()).toBe(heading);
      const shown = await block.locator("[data-balance=available]").textContent();
      if (typeof balance === "string") expect(shown).toBe(balance);
      else expect(shown).toMatch(balance);
      await expect(block.getByText(earn).isVisible()).resolves.toBe(true);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
      await page.screenshot({ path: artifactPath(`storefront-rewards-page-${locale}.png`), fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it("on a rewards page the launcher opens the panel the block already fetched, and both show the same balance after a redemption", async () => {
    const { context, page, requests, errors } = await visit("?page=rewards&customer=7001");
    const block = page.locator("[data-loyalty-inline] .panel");
    await block.locator(".body[aria-busy=false]").waitFor();
    const panel = await openPanel(page);
    // One fetch of each, shared by the block and the launcher.
    expect(assetsFetched(requests)).toEqual(["loyalty-panel.css", "loyalty-panel.js", "loyalty-texts-en.js"]);
    expect(requests.filter((r) => r.includes("loyalty-panel.js"))).toHaveLength(1);
    expect(requests.filter((r) => r.includes("loyalty-texts-"))).toHaveLength(1);
    const before = await panel.locator("[data-balance=available]").textContent();
    await panel.locator("li.reward", { has: page.getByRole("heading", { name: "Free shipping" }) }).getByRole("button", { name: "Redeem" }).click();
    await panel.locator("section.result").waitFor();
    const after = await panel.locator("[data-balance=available]").textContent();
    expect(after).not.toBe(before);
    // The block heard of the redemption (CHANGED_EVENT) and shows the new balance too.
    await expect.poll(() => block.locator("[data-balance=available]").textContent()).toBe(after);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("uses the merchant's texts from the embed settings and respects prefers-reduced-motion", async () => {
    const custom = await visit("?setting.label=Coffee%20points&setting.title=Coffee%20club&setting.guest_intro=Join%20the%20club.");
    await expect(launcher(custom.page).textContent()).resolves.toContain("Coffee points");
    const panel = await openPanel(custom.page);
    expect(await panel.getByRole("heading", { level: 2 }).textContent()).toBe("Coffee club");
    await expect(panel.getByText("Join the club.").isVisible()).resolves.toBe(true);
    expect(await dialog(custom.page).evaluate((el) => getComputedStyle(el).animationName)).toBe("lr-slide");
    await custom.context.close();

    const calm = await visit("", { reducedMotion: "reduce" });
    await openPanel(calm.page);
    expect(await dialog(calm.page).evaluate((el) => getComputedStyle(el).animationName)).toBe("none");
    expect(await launcher(calm.page).evaluate((el) => getComputedStyle(el).transitionDuration)).toBe("0s");
    await calm.context.close();
  });

  it("ways to earn: the shopper saves a birthday and follows a social link, sees the credit on coming back; axe clean", async () => {
    const { context, page, errors } = await visit("?customer=7007");
    const panel = await openPanel(page);
    const earn = panel.locator("section.earn");
    await earn.getByText("Celebrate your birthday").waitFor();
    expect(await earn.locator("li.way").count()).toBe(11);

    // Birthday: month and day, saved; the panel says from which year it earns.
    await earn.getByLabel("Month").selectOption("12");
    await earn.getByLabel("Day").selectOption("24");
    await earn.getByRole("button", { name: "Save birthday" }).click();
    await earn.getByText(/Birthday: 24 December\. Points on the day from \d{4}\./).waitFor();

    // Instagram: the link opens in a new tab; back on this tab the follow is credited once.
    const instagram = earn.locator("li.way", { hasText: "Follow us on Instagram" });
    await context.route("https://www.instagram.com/**", (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<title>Instagram</title>" }));
    const [popup] = await Promise.all([context.waitForEvent("page"), instagram.getByRole("link", { name: "Open and earn" }).click()]);
    await popup.close();
    await page.bringToFront();
    await page.evaluate(() => window.dispatchEvent(new Event("focus")));
    await instagram.getByText("Earned ✓").waitFor();
    await expect(panel.locator("[data-balance=available]").textContent()).resolves.toBe("25 points");
    expect(await panel.locator("[role=status]").textContent()).toContain("25 points");
    await page.screenshot({ path: artifactPath("storefront-ways-to-earn.png") });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("axe-core finds no serious or critical violations (guest, signed in with a code, the inline block)", async () => {
    const guest = await visit("");
    await launcher(guest.page).waitFor({ state: "visible" });
    expect(await axeViolations(guest.page)).toEqual([]);
    await openPanel(guest.page);
    expect(await axeViolations(guest.page)).toEqual([]);
    await guest.context.close();

    const member = await visit("?customer=7001");
    const panel = await openPanel(member.page);
    await panel.locator("li.reward", { has: member.page.getByRole("heading", { name: "Free shipping" }) }).getByRole("button", { name: "Redeem" }).click();
    await panel.locator("section.result").waitFor();
    expect(await axeViolations(member.page)).toEqual([]);
    await member.context.close();

    const inline = await visit("?page=rewards&customer=7005");
    await inline.page.locator("[data-loyalty-inline] .body[aria-busy=false]").waitFor();
    expect(await axeViolations(inline.page)).toEqual([]);
    await inline.context.close();
  });

  it("the 'Earn points' block on a product page says what it earns with the running campaign, from the ledger's earning function; only that page loads its script; axe clean", async () => {
    // $24.50 at the demo's 1 point per $1 → 24, doubled by the demo's running "Double points week" → 48.
    const product = await visit("?page=product");
    const text = product.page.locator("[data-loyalty-earn] [data-earn-text]");
    await text.waitFor({ state: "visible" });
    expect(await text.innerText()).toBe("Earn 48 points with this purchase");
    expect(product.requests.filter((r) => r.includes("loyalty-earn.js"))).toHaveLength(1);
    expect(await axeViolations(product.page)).toEqual([]);
    expect(product.errors).toEqual([]);
    await product.context.close();

    const polish = await visit("?page=product&locale=pl");
    await polish.page.locator("[data-earn-text]").waitFor({ state: "visible" });
    expect(await polish.page.locator("[data-earn-text]").innerText()).toBe("Zdobądź 48 punktów za ten zakup");
    await polish.context.close();

    const home = await visit("");
    await launcher(home.page).waitFor({ state: "visible" });
    expect(home.requests.filter((r) => r.includes("loyalty-earn.js"))).toEqual([]);
    await home.context.close();
  });
});
