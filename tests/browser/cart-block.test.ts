// The "Use your points" cart block (theme app extension) on the demo storefront's cart, in Chromium: its real Liquid
// and built script, the app proxy stand-in in front of the app's real /proxy routes, and the demo's stand-in of the
// Cart AJAX API (/cart.js, /cart/update.js). Shopper 7009 (600 points, app/demo/seed-checkout.server.ts) is this
// file's alone.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { axeViolations } from "./axe";
import { launchChromium, offlineContext } from "./browser";


let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});


const me = (page: Page) => page.evaluate(async () => (await (await fetch("/apps/loyalty/me")).json()) as { availablePoints: number; issuedRewards: Array<{ code: string | null; status: string }> });
const cartCodes = (page: Page) => page.evaluate(async () => ((await (await fetch("/cart.js")).json()) as { discount_codes: Array<{ code: string }> }).discount_codes.map((d) => d.code));

describe("cart block: Use your points", () => {
  it("guest: a sign-in link; the block's script loads only on the page with the block", async () => {
    const context = await offlineContext(browser);
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on("request", (r) => scripts.push(new URL(r.url()).pathname));
    await page.goto(`${inject("demoUrl")}/cart?customer=guest`);
    const block = page.locator("[data-loyalty-cart]");
    await expect(block.getByRole("link", { name: "Sign in to use your points on this order" }).count()).resolves.toBe(1);
    expect(scripts.some((s) => s.includes("loyalty-cart.js"))).toBe(true);
    await page.goto(`${inject("demoUrl")}/demo/storefront`);
    expect(scripts.filter((s) => s.includes("loyalty-cart.js"))).toHaveLength(1);
    await context.close();
  });

  it("redeem → the code is on the cart at once → remove → the points are back and the code is deactivated; axe clean", async () => {
    const context = await offlineContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${inject("demoUrl")}/cart?customer=7009`);
    const block = page.locator("[data-loyalty-cart]");
    const status = block.locator("[data-status]");
    await expect.poll(() => status.textContent()).toBe("You have 600 points");
    // Affordable code rewards only: not store credit, not the 800-point one.
    const applyButtons = block.getByRole("button", { name: /^Apply: / });
    expect(await applyButtons.evaluateAll((els) => els.map((el) => el.getAttribute("aria-label")))).toEqual([
      "Apply: Points for money for 200 points",
      "Apply: Free shipping for 300 points",
      "Apply: $5 off your order for 500 points",
    ]);
    expect(await axeViolations(page)).toEqual([]);

    const url = page.url();
    await block.getByRole("button", { name: "Apply: Free shipping for 300 points" }).click();
    await expect.poll(() => status.textContent()).toMatch(/^Code [A-Z0-9-]+ is applied to your cart\. You have 300 points$/);
    const code = /^Code ([A-Z0-9-]+)/.exec((await status.textContent())!)![1]!;
    expect(page.url()).toBe(url); // the shopper stayed where they were
    expect(await cartCodes(page)).toEqual([code]);
    await expect.poll(() => page.locator("[data-applied-discount]").textContent()).toContain(code);
    expect((await me(page)).issuedRewards[0]).toMatchObject({ code, status: "issued" });

    await block.getByRole("button", { name: `Remove: ${code}` }).click();
    await expect.poll(() => status.textContent()).toBe("The code was removed and your points are back. You have 600 points");
    expect(await cartCodes(page)).toEqual([]);
    await expect.poll(() => page.locator("[data-applied-discount]").textContent()).toBe("No discount code is applied.");
    const after = await me(page);
    expect(after.availablePoints).toBe(600);
    expect(after.issuedRewards[0]).toMatchObject({ status: "revoked", code: null });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a code removed outside the block (the theme's own link) is cancelled the next time the block renders", async () => {
    const context = await offlineContext(browser);
    const page = await context.newPage();
    await page.goto(`${inject("demoUrl")}/cart?customer=7009`);
    const status = page.locator("[data-loyalty-cart] [data-status]");
    await expect.poll(() => status.textContent()).toBe("You have 600 points");
    await page.getByRole("button", { name: "Apply: $5 off your order for 500 points" }).click();
    await expect.poll(() => status.textContent()).toMatch(/You have 100 points$/);
    // The theme removes every code (as its cart form would), then the shopper comes back to the cart.
    await page.evaluate(() => fetch("/cart/update.js", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ discount: "" }) }));
    await page.reload();
    await expect.poll(() => status.textContent()).toBe("The code was removed and your points are back. You have 600 points");
    expect((await me(page)).availablePoints).toBe(600);
    await context.close();
  });
});
