// The POS extension's real bundles in the demo harness (/demo/extensions/pos-rewards: a STAND-IN of Shopify POS's
// extension API, app/demo/extension-harness.server.ts), in Chromium, against the app's real /extension/pos/* backend
// with POS session tokens signed as Shopify signs them. A staff member looks up demo shopper 7009 (Noah Marin, 600
// points) from the home tile, puts them in the stand-in cart, redeems into the cart, takes the code off the cart
// and sees the points back — leaving 600, as the other harness files expect.
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

const extension = (page: Page) => page.locator("body");
const cart = (page: Page) => page.evaluate(() => (window as unknown as { __harnessPos: { cart: () => { customer?: { id: number }; cartDiscounts: Array<{ discountDescription: string }> } } }).__harnessPos.cart());

describe("POS extension (pos-rewards)", () => {
  it("home tile → look up a customer → into the cart; block → redeem modal → code in the cart; removed from the cart → points back; axe clean", async () => {
    const context = await offlineContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });

    // The home tile opens its modal; the staff member searches and adds Noah Marin to the cart.
    await page.goto(`${inject("demoUrl")}/demo/extensions/pos-rewards?target=pos.home.tile.render`);
    await page.getByRole("button", { name: "Loyalty — Find or enrol a customer" }).click();
    await expect.poll(() => page.url()).toContain("target=pos.home.modal.render");
    await page.getByRole("searchbox", { name: "Name, email, phone or id" }).fill("Noah");
    await page.getByRole("button", { name: "Search" }).click();
    await expect.poll(() => extension(page).innerText()).toContain("Noah Marin · noah.marin@example.com");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect.poll(() => extension(page).innerText()).toContain("Noah Marin was added to the cart.");
    expect((await cart(page)).customer).toEqual({ id: 7009 });
    expect(await axeViolations(page)).toEqual([]);

    // The customer details block for the cart's customer: balance and what fits the cart.
    await page.goto(`${inject("demoUrl")}/demo/extensions/pos-rewards?target=pos.customer-details.block.render`);
    await expect.poll(() => extension(page).innerText()).toContain("600 points available");
    expect(await page.getByRole("heading", { name: "Loyalty points" }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    // Redeem from the modal: the code goes into the stand-in cart with addCartCodeDiscount.
    await page.getByRole("button", { name: "Redeem loyalty points" }).click();
    await expect.poll(() => page.url()).toContain("target=pos.customer-details.action.render");
    await expect.poll(() => extension(page).innerText()).toContain("600 points available");
    await page.getByRole("button", { name: "Use 300 points: Free shipping" }).click();
    await expect.poll(() => extension(page).innerText()).toContain("300 points available");
    const [discount] = (await cart(page)).cartDiscounts;
    expect(discount?.discountDescription).toMatch(/^[A-Z0-9-]{6,}$/);
    expect(await extension(page).innerText()).toContain(`Code ${discount!.discountDescription} is applied to the cart.`);
    expect(await axeViolations(page)).toEqual([]);

    // Staff take the discount off on POS's cart screen (the stand-in cart's button): the extension cancels it.
    await page.getByRole("button", { name: "Remove discount from cart" }).click();
    await expect.poll(() => extension(page).innerText()).toContain("The code was removed and the points are back.");
    await expect.poll(() => extension(page).innerText()).toContain("600 points available");
    expect((await cart(page)).cartDiscounts).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the block in Polish, for a customer named in the URL", async () => {
    const context = await offlineContext(browser);
    const page = await context.newPage();
    await page.goto(`${inject("demoUrl")}/demo/extensions/pos-rewards?customer=7009&locale=pl`);
    await expect.poll(() => extension(page).innerText()).toContain("600 punktów dostępnych");
    await context.close();
  });
});
