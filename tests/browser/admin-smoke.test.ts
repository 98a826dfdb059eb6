import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { artifactPath, launchChromium, offlineContext } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe("demo admin (Chromium)", () => {
  it("opens the embedded admin home from /demo with a minted session token and shows the demo shop", async () => {
    const context = await offlineContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));

    await page.goto(`${inject("demoUrl")}/demo`);
    await expect(page.getByRole("heading", { name: "Loyalty app — offline demo" }).isVisible()).resolves.toBe(true);
    await page.getByTestId("open-admin-en").click();

    await page.waitForURL(/\/app\?.*id_token=/);
    await page.getByText("Demo Loyalty Store (demo-loyalty.myshopify.com), prices in USD").waitFor();
    expect(await page.getByText("Data is stored in SQLite.").isVisible()).toBe(true);
    // The App Bridge stand-in draws the title bar and nav the app declared.
    expect(await page.locator("[data-demo-admin-bar]").innerText()).toContain("Loyalty program");
    await page.screenshot({ path: artifactPath("admin-home-en.png"), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows the admin in the staff member's language", async () => {
    const context = await offlineContext(browser);
    const page = await context.newPage();
    await page.goto(`${inject("demoUrl")}/demo/open?path=/app&locale=pl`);
    await page.getByText("Dane są przechowywane w SQLite.").waitFor();
    await page.screenshot({ path: artifactPath("admin-home-pl.png"), fullPage: true });
    await context.close();
  });

  it("client-side navigation carries a session token (Remix data request through the App Bridge stand-in)", async () => {
    const context = await offlineContext(browser);
    const page = await context.newPage();
    await page.goto(`${inject("demoUrl")}/demo/open?path=/app`);
    await page.getByText("Data is stored in SQLite.").waitFor();
    const dataResponse = page.waitForResponse((r) => r.url().includes("/app.data") || r.url().includes("_data="));
    await page.locator("[data-demo-admin-bar] a", { hasText: "Home" }).click();
    expect((await dataResponse).status()).toBe(200);
    await context.close();
  });
});
