// The UI extensions' real bundles in the demo harness (/demo/extensions/*: a STAND-IN of Shopify's extension API,
// app/demo/extension-harness.server.ts), in Chromium, against the app's real /extension/* backend with session
// tokens signed as Shopify signs them. Shopper 7009 (600 points; the cart block test before this file leaves them
// at 600) and guests.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { axeViolations } from "./axe";
import { launchChromium, offlineContext } from "./browser";


let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});


type Opened = { context: BrowserContext; page: Page; errors: string[] };
async function open(path: string): Promise<Opened> {
  const context = await offlineContext(browser);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(`${inject("demoUrl")}${path}`);
  return { context, page, errors };
}

const body = (page: Page) => page.locator("body");
const checkoutCodes = (page: Page) =>
  page.evaluate(() => (window as unknown as { __harnessApi: { discountCodes: { value: Array<{ code: string }> } } }).__harnessApi.discountCodes.value.map((d) => d.code));

describe("checkout extension (purchase.checkout.reductions.render-after)", () => {
  it("Plus: balance and affordable rewards; redeem applies the code with applyDiscountCodeChange; remove gives the points back; axe clean", async () => {
    const { context, page, errors } = await open("/demo/extensions/checkout-rewards?customer=7009");
    await expect.poll(() => body(page).innerText()).toContain("You have 600 points");
    expect(await page.getByRole("heading", { name: "Your loyalty points" }).count()).toBe(1);
    const buttons = await page.getByRole("button").allInnerTexts();
    expect(buttons).toEqual(["Use 200 points: Points for money", "Use 300 points: Free shipping", "Use 500 points: $5 off your order"]);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Use 300 points: Free shipping" }).click();
    await expect.poll(() => body(page).innerText()).toContain("You have 300 points");
    const [code] = await checkoutCodes(page);
    expect(code).toMatch(/^[A-Z0-9-]{6,}$/);
    expect(await page.getByRole("status").first().innerText()).toBe(`Code ${code} is applied to this order.`);

    await page.getByRole("button", { name: "Remove" }).click();
    await expect.poll(() => body(page).innerText()).toContain("You have 600 points");
    expect(await checkoutCodes(page)).toEqual([]);
    expect(await body(page).innerText()).toContain("The code was removed and your points are back.");
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("not Plus (canUpdateDiscountCodes false): explains and offers nothing to apply", async () => {
    const { context, page, errors } = await open("/demo/extensions/checkout-rewards?customer=7009&plus=0");
    await expect.poll(() => body(page).innerText()).toContain("Rewards cannot be applied in this checkout. Use your points in the cart before checking out.");
    expect(await page.getByRole("button").count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("guest: the points this order would earn if they signed in, in their language", async () => {
    const { context, page } = await open("/demo/extensions/checkout-rewards?customer=guest&subtotal=49.99");
    await expect.poll(() => body(page).innerText()).toBe("Sign in to earn 49 points with this order");
    await page.goto(`${inject("demoUrl")}/demo/extensions/checkout-rewards?customer=guest&subtotal=22&locale=pl`);
    await expect.poll(() => body(page).innerText()).toBe("Zaloguj się, aby zdobyć 22 punkty za to zamówienie");
    await context.close();
  });
});

describe("thank-you and order-status extension", () => {
  it("signed in: earned points (estimate until orders/paid), the day they become available in the shop's zone, the balance", async () => {
    const { context, page, errors } = await open("/demo/extensions/order-points?customer=7009&subtotal=49.99");
    await expect.poll(() => body(page).innerText()).toContain("You earned 49 points with this order. They become available on ");
    expect(await body(page).innerText()).toContain("Your balance: 600 points");
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${inject("demoUrl")}/demo/extensions/order-points?target=customer-account.order-status.block.render&customer=7009&locale=ru&subtotal=21`);
    await expect.poll(() => body(page).innerText()).toContain("За этот заказ вы получили 21 балл.");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("guest: create an account to claim them; axe clean", async () => {
    const { context, page } = await open("/demo/extensions/order-points?customer=guest&subtotal=49.99");
    await expect.poll(() => body(page).innerText()).toContain("This order earns 49 points. Create an account to claim them.");
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe("customer account extensions", () => {
  it("Rewards page: balance, rewards with why not yet, codes and history, in Polish; axe clean", async () => {
    const { context, page, errors } = await open("/demo/extensions/account-rewards?customer=7009&locale=pl");
    await expect.poll(() => body(page).innerText()).toContain("600 punktów dostępnych");
    expect(await page.getByRole("heading", { name: "Nagrody", level: 1 }).count()).toBe(1);
    expect(await page.getByRole("heading", { name: "Nagrody do odebrania" }).count()).toBe(1);
    expect(await body(page).innerText()).toContain("Brakuje 200 punktów"); // 10% off costs 800
    expect(await page.getByRole("heading", { name: "Historia" }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("profile block: the balance and a link to the Rewards page", async () => {
    const { context, page } = await open("/demo/extensions/account-profile?customer=7009");
    await expect.poll(() => body(page).innerText()).toContain("600 points available");
    expect(await page.getByRole("link", { name: "See your rewards" }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe("admin: where shoppers use points", () => {
  it("the program page labels the checkout as Shopify Plus only, in the staff member's language", async () => {
    const { context, page, errors } = await open("/demo/open?path=/app/program&locale=en");
    const heading = page.getByRole("heading", { name: "Checkout", exact: true });
    await heading.waitFor();
    expect(await heading.locator("xpath=..").innerText()).toContain("Shopify Plus only");
    expect(await page.getByText("Applying rewards inside checkout needs Shopify Plus. On other plans shoppers use their points in the cart.").count()).toBe(1);
    // Cart, thank-you / order status, customer account and the point of sale.
    expect(await page.getByText("All plans").count()).toBe(4);
    await page.goto(`${inject("demoUrl")}/demo/open?path=/app/program&locale=pl`);
    await page.getByText("Tylko Shopify Plus").waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
