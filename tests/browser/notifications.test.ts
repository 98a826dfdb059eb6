// The Notifications and Expiry admin pages in demo mode, in Chromium: turning an event off and back, editing a
// template and previewing it, sending a test email (captured by the demo at /demo/outbox), and the expiry policy
// with its 30/90-day preview. axe clean.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { artifactPath, launchChromium, offlineContext } from "./browser";
import { sendDemoWebhook } from "./demo-webhook";
import { axeViolations } from "./axe";

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

// document-title: an embedded page's title is the admin's (TitleBar); see admin-pages.test.ts.
const expectAxeClean = async (page: Page) => expect(await axeViolations(page, ["document-title"])).toEqual([]);

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

  it("an orders/paid webhook in the demo brings a \"points earned\" email to /demo/outbox, newest first", async () => {
    // The demo's sample order, for a new demo shopper (7015, this file's own), as a new order. The demo shop holds out
    // 10% of new customers for the Impact page (app/rules/hold-out.ts, by hash): 7015 is not among them, 7010 is.
    const payload = JSON.parse(fs.readFileSync("app/demo/samples/orders-paid-ada.json", "utf8")) as { id: number; admin_graphql_api_id: string; name: string; customer: Record<string, unknown> };
    payload.id = 820777;
    payload.admin_graphql_api_id = "gid://shopify/Order/820777";
    payload.name = "#820777";
    payload.customer = { ...payload.customer, id: 7015, admin_graphql_api_id: "gid://shopify/Customer/7015", email: "nora.lind@example.com", first_name: "Nora", last_name: "Lind" };
    await sendDemoWebhook("orders/paid", payload);
    const context = await offlineContext(browser);
    const page = await context.newPage();
    // The demo's sender runs every 3 seconds.
    for (let attempt = 0; attempt < 30; attempt += 1) {
      await page.goto(`${inject("demoUrl")}/demo/outbox`);
      if ((await page.locator("body").innerText()).includes("nora.lind@example.com")) break;
      await page.waitForTimeout(1000);
    }
    // The order brings Nora two emails: "points earned" and, as her balance now covers a reward, "reward ready". They
    // are the two newest, and each one is hers.
    const newest = page.locator("article").filter({ hasText: "nora.lind@example.com" });
    for (let attempt = 0; attempt < 10 && (await newest.count()) < 2; attempt += 1) {
      await page.waitForTimeout(1000);
      await page.goto(`${inject("demoUrl")}/demo/outbox`);
    }
    expect(await page.locator("article").nth(0).innerText()).toContain("nora.lind@example.com");
    expect(await page.locator("article").nth(1).innerText()).toContain("nora.lind@example.com");
    const headings = await newest.getByRole("heading", { level: 2 }).allInnerTexts();
    expect(headings.some((text) => /^You earned [\d,]+ points at Demo Loyalty Store$/.test(text)), headings.join(" | ")).toBe(true);
    expect(headings.some((text) => text.startsWith("You have enough points for")), headings.join(" | ")).toBe(true);
    const earned = newest.filter({ has: page.getByRole("heading", { level: 2, name: /^You earned / }) });
    expect(await earned.innerText()).toContain("List-Unsubscribe");
    expect(await earned.frameLocator("iframe").getByText("Hi Nora,").isVisible()).toBe(true);
    await expectAxeClean(page);
    await page.screenshot({ path: artifactPath("demo-outbox.png"), fullPage: true });
    await context.close();
  });
});
