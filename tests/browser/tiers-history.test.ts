// The Tiers page's "Import order history" and "Mirror in Shopify" in the demo, in Chromium, against the Admin API
// stand-in: the import finds customer 7012's orders from before install through a bulk operation, and the mirror
// writes every member into the stand-in. Checked with axe. Runs after the other files (vitest.browser.config.ts):
// it adds a member (7012) the other files' counts do not expect.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { artifactPath, launchChromium, offlineContext } from "./browser";
import { axeViolations } from "./axe";


let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe("Tiers page: order history and the Shopify mirror (Chromium)", () => {
  it("imports the orders from before install and mirrors every member into the stand-in", async () => {
    const context = await offlineContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(
      `${inject("demoUrl")}/demo/open?path=${encodeURIComponent(
        "/app/tiers"
      )}&locale=en`
    );
    await page.waitForURL(/id_token=/);
    await page.getByText("The app may read all of your orders").waitFor();

    await page.getByRole("button", { name: "Import order history" }).click();
    const status = page.getByTestId("history-import");
    await status
      .getByText(/^Done: \d+ past orders found, [1-9]\d* new/)
      .waitFor({ timeout: 30_000 });
    expect(await axeViolations(page)).toEqual([]);

    await page
      .getByLabel("Mirror points, tier and segment to Shopify customers")
      .check();
    await page.getByLabel(/Also tag customers with their tier/).check();
    await page.getByRole("button", { name: "Save mirror setting" }).click();
    const mirror = page.getByTestId("mirror-status");
    await mirror.waitFor();
    // Every member is due at once (unless the background job already took them); "write now" does the rest.
    const writeNow = page.getByRole("button", {
      name: "Write waiting customers now",
    });
    if (await writeNow.isEnabled()) await writeNow.click();
    await page.waitForFunction(
      () =>
        /^[1-9]\d* customers written so far · 0 waiting/.test(
          document.querySelector("[data-testid=mirror-status]")?.textContent ??
            ""
        ),
      undefined,
      { timeout: 30_000 }
    );

    // Award points for past orders: a preview first, nothing given unless confirmed.
    await page.getByRole("button", { name: "Preview the points" }).click();
    await page
      .getByTestId("history-award-preview")
      .getByText(/points for \d+ past orders/)
      .or(page.getByText("No past orders are waiting for points."))
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({
      path: artifactPath("admin-tiers-history-mirror.png"),
      fullPage: true,
    });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("limits a reward to Gold and above in the editor: a Silver shopper's panel shows it locked, a Gold shopper's does not", async () => {
    const context = await offlineContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(
      `${inject("demoUrl")}/demo/open?path=${encodeURIComponent(
        "/app/rewards"
      )}&locale=en`
    );
    await page.waitForURL(/id_token=/);
    await page.getByRole("link", { name: "Free shipping" }).first().click();
    const members = page.getByLabel("Members", { exact: true });
    await members.waitFor();
    await members.selectOption({ label: "Gold and above" });
    const saveBar = page.locator("[data-demo-save-bar]");
    await saveBar.getByRole("button", { name: "Save" }).click();
    await saveBar.waitFor({ state: "hidden" });
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(
      `${inject("demoUrl")}/demo/open?path=${encodeURIComponent(
        "/app/rewards"
      )}&locale=en`
    );
    await page.getByText("Gold and above").first().waitFor();

    const panelFor = async (customer: string) => {
      const shopper = await context.newPage();
      await shopper.goto(
        `${inject("demoUrl")}/demo/storefront?customer=${customer}&locale=en`
      );
      await shopper.locator("[data-loyalty-launcher]").click();
      const panel = shopper.locator("[data-loyalty-dialog] dialog");
      await panel.locator(".body[aria-busy=false]").waitFor();
      return {
        shopper,
        reward: panel.locator("li.reward", { hasText: "Free shipping" }),
      };
    };
    // Ada (7001) is Silver: the reward is there, locked, with the tier it needs.
    const silver = await panelFor("7001");
    await silver.reward.getByText("For Gold and above").waitFor();
    expect(
      await silver.reward
        .getByRole("button", { name: "Redeem" })
        .getAttribute("aria-disabled")
    ).toBe("true");
    expect(await axeViolations(silver.shopper)).toEqual([]);
    await silver.shopper.screenshot({
      path: artifactPath("panel-reward-for-gold.png"),
      fullPage: true,
    });
    // Maria (7003) is Gold: not locked.
    const gold = await panelFor("7003");
    await gold.reward.getByRole("button", { name: "Redeem" }).waitFor();
    expect(await gold.reward.getByText("For Gold and above").count()).toBe(0);

    // Back to every member.
    await page.getByRole("link", { name: "Free shipping" }).first().click();
    await members.waitFor();
    await members.selectOption({ label: "Every member" });
    await saveBar.getByRole("button", { name: "Save" }).click();
    await saveBar.waitFor({ state: "hidden" });
    expect(errors).toEqual([]);
    await context.close();
  });
});
