// The Notifications and Expiry admin pages in demo mode, in Chromium: turning an event off and back, editing a
// template and previewing it, sending a test email (captured by the demo at /demo/outbox), and the expiry policy
// with its 30/90-day preview. axe clean.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { artifactPath, launchChromium, offlineContext } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function openAdmin(path: string) {
  const context = await offlineContext(browser);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${inject("demoUrl")}/demo/open?path=${encodeURIComponent(path)}&locale=en`);
  await page.waitForURL(/id_token=/);
  return { context, page, errors };
}

async function expectAxeClean(page: Page) {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve("axe-core/axe.min.js") });
  const results = (await page.evaluate(() =>
    (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<unknown> } }).axe.run(document, { rules: { "document-title": { enabled: false } } }),
  )) as { violations: Array<{ id: string; impact: string | null }> };
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
}

describe("Notifications and expiry (Chromium)", () => {
  it("edits a template, previews it, saves, and sends a test that the demo outbox shows; axe clean", async () => {
    const { context, page, errors } = await openAdmin("/app/notifications");
    await page.getByText("Demo: emails are captured, not sent").waitFor();
    await page.getByLabel("Subject").fill("{firstName}, you have {balance}!");
    await page.getByRole("button", { name: "Preview" }).click();
    const subject = page.getByTestId("preview-subject");
    await subject.waitFor();
    expect(await subject.innerText()).toBe("Ada, you have 1,200 points!");
    expect(await page.frameLocator('iframe[title="Email preview"]').getByText("Demo Loyalty Store").first().isVisible()).toBe(true);
    await expectAxeClean(page);

    await page.locator("[data-demo-save-bar]").getByRole("button", { name: "Save" }).click();
    await page.getByText("Notification settings saved").first().waitFor();
    await page.getByRole("button", { name: "Send a test" }).click();
    await page.getByText("Test email sent to owner@demo-loyalty.example").first().waitFor();
    await page.screenshot({ path: artifactPath("admin-notifications-en.png"), fullPage: true });

    const outbox = await context.newPage();
    await outbox.goto(`${inject("demoUrl")}/demo/outbox`);
    expect(await outbox.getByRole("heading", { level: 2 }).first().innerText()).toBe("[Test] Ada, you have 1,200 points!");
    expect(await outbox.locator("body").innerText()).toContain("List-Unsubscribe-Post");

    // Back to the default text, so the demo reads as shipped.
    await page.getByLabel("Subject").fill("");
    await page.locator("[data-demo-save-bar]").getByRole("button", { name: "Save" }).click();
    await page.getByText("Notification settings saved").first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("previews what a per-lot policy would expire in 30 and 90 days, refuses bad months; axe clean", async () => {
    const { context, page, errors } = await openAdmin("/app/expiry");
    await page.getByLabel("Policy").selectOption("per_lot");
    await page.getByLabel("Months").fill("0");
    await page.getByRole("button", { name: "Preview" }).click();
    await page.getByText("Enter a whole number of months from 1 to 120.").waitFor();
    await page.getByLabel("Months").fill("1");
    await page.getByRole("button", { name: "Preview" }).click();
    const preview = page.getByTestId("expiry-preview");
    await preview.waitFor();
    // Set now, nothing can expire for 30 days; the seeded balances are due within 90.
    expect(await preview.innerText()).toMatch(/^0 points of 0 members would expire in the next 30 days, and [1-9][\d,]* points of [1-9]\d* members in the next 90 days\.$/);
    await expectAxeClean(page);
    await page.screenshot({ path: artifactPath("admin-expiry-en.png"), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
