// The admin pages in demo mode, in Chromium: what a merchant and support staff do, end to end through the real
// server, database and App Bridge stand-in. Screenshots land in test-results/browser/.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { artifactPath, launchChromium, offlineContext } from "./browser";
import { axeViolations } from "./axe";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

type Opened = { context: BrowserContext; page: Page; errors: string[] };

async function openAdmin(path: string, locale = "en"): Promise<Opened> {
  const context = await offlineContext(browser);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${inject("demoUrl")}/demo/open?path=${encodeURIComponent(path)}&locale=${locale}`);
  await page.waitForURL(/id_token=/);
  return { context, page, errors };
}

/** The contextual save bar the App Bridge stand-in draws while a form has unsaved changes. */
function saveBar(page: Page) {
  return page.locator("[data-demo-save-bar]");
}

describe("Customers (Chromium)", () => {
  it("lists members by balance, searches, and opens a customer", async () => {
    const { context, page, errors } = await openAdmin("/app/customers");
    const rows = page.locator("tbody tr");
    await rows.first().waitFor();
    // Demo balances: Maria 5000, Ada 1200, Ion 350, Lena 80, Sam 0 (other tests may have adjusted Ion's).
    expect(await rows.first().innerText()).toContain("Maria Ivanova");
    await page.screenshot({ path: artifactPath("admin-customers-en.png"), fullPage: true });

    await page.getByPlaceholder("Search by name, email or customer ID").fill("kowalska");
    await page.waitForFunction(() => document.querySelectorAll("tbody tr").length === 1);
    expect(await rows.first().innerText()).toContain("lena.kowalska@example.com");

    await page.getByRole("link", { name: "Lena Kowalska" }).click();
    await page.getByRole("heading", { name: "Adjust points" }).waitFor();
    expect(await page.getByTestId("available-points").innerText()).toBe("80");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("adjusts points through the save bar, refuses going below zero until confirmed, and shows it in history and audit log", async () => {
    const { context, page, errors } = await openAdmin("/app/customers/7002");
    await page.getByRole("heading", { name: "Adjust points" }).waitFor();
    const before = Number((await page.getByTestId("available-points").innerText()).replace(/\D/g, ""));

    // Nothing typed: no save bar.
    expect(await saveBar(page).isVisible()).toBe(false);
    await page.getByLabel("Points to add or remove").fill("250");
    await saveBar(page).waitFor({ state: "visible" });
    // Saving without a reason: a red error on the field that stays until the reason is written.
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    const reasonError = page.getByText("Write why you are changing the points.");
    await reasonError.waitFor();
    await page.getByLabel("Points to add or remove").fill("300");
    expect(await reasonError.isVisible()).toBe(true);

    await page.getByLabel("Reason").fill("Parcel arrived damaged");
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    await page.waitForFunction(
      (expected) => document.querySelector('[data-testid="available-points"]')?.textContent?.replace(/\D/g, "") === expected,
      String(before + 300),
    );
    await saveBar(page).waitFor({ state: "hidden" });
    expect(await page.getByTestId("history-reason").first().innerText()).toContain("Parcel arrived damaged (staff member 9001)");
    expect(await page.getByTestId("audit-reason").first().innerText()).toBe("Parcel arrived damaged");
    expect(await page.getByText("Staff member 9001").first().isVisible()).toBe(true);

    // Removing more than the balance needs an explicit confirmation.
    await page.getByLabel("Points to add or remove").fill(String(-(before + 300 + 50)));
    await page.getByLabel("Reason").fill("Points spent before the refund");
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    await page.getByText("This would take the balance below zero").waitFor();
    expect(Number((await page.getByTestId("available-points").innerText()).replace(/\D/g, ""))).toBe(before + 300);
    await page.getByLabel("I confirm the balance may go below zero").check();
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    await page.getByText("Below zero, confirmed").waitFor();
    expect(await page.getByTestId("available-points").innerText()).toMatch(/^[-−]50$/);
    await page.screenshot({ path: artifactPath("admin-customer-detail-en.png"), fullPage: true });

    // Put the demo customer back where they were, so reruns start from the same place.
    await page.getByLabel("Points to add or remove").fill(String(before + 50));
    await page.getByLabel("Reason").fill("Browser test: restore the demo balance");
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    await page.waitForFunction(
      (expected) => document.querySelector('[data-testid="available-points"]')?.textContent?.replace(/\D/g, "") === expected,
      String(before),
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows the customer page in Polish", async () => {
    const { context, page } = await openAdmin("/app/customers/7001", "pl");
    await page.getByRole("heading", { name: "Korekta punktów" }).waitFor();
    await page.screenshot({ path: artifactPath("admin-customer-detail-pl.png"), fullPage: true });
    await context.close();
  });
});

describe("Program (Chromium)", () => {
  it("updates the worked example as the rate changes, keeps errors until fixed, and saves", async () => {
    const { context, page, errors } = await openAdmin("/app/program");
    const example = page.getByTestId("earning-example");
    await example.waitFor();
    expect(await example.innerText()).toContain("earns 100 points");

    await page.getByLabel("Earning rate").fill("3");
    expect(await example.innerText()).toContain("earns 300 points");
    await page.getByLabel("Shipping earns points").check();
    expect(await example.innerText()).toContain("earns 330 points");

    await page.getByLabel("Days before points become available").fill("400");
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    const pendingError = page.getByText("Enter a number from 0 to 365.");
    await pendingError.waitFor();
    await page.screenshot({ path: artifactPath("admin-program-error-en.png"), fullPage: true });
    await page.getByLabel("Earning rate").fill("2");
    expect(await pendingError.isVisible()).toBe(true);

    await page.getByLabel("Days before points become available").fill("30");
    expect(await pendingError.isVisible()).toBe(false);
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    await saveBar(page).waitFor({ state: "hidden" });
    await page.reload();
    await example.waitFor();
    expect(await page.getByLabel("Earning rate").inputValue()).toBe("2");
    expect(await page.getByLabel("Days before points become available").inputValue()).toBe("30");
    expect(await example.innerText()).toContain("earns 220 points");
    await page.screenshot({ path: artifactPath("admin-program-en.png"), fullPage: true });

    // Back to the demo's defaults.
    await page.getByLabel("Earning rate").fill("1");
    await page.getByLabel("Shipping earns points").uncheck();
    await page.getByLabel("Days before points become available").fill("14");
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    await saveBar(page).waitFor({ state: "hidden" });
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("Program: excluded products through the resource picker (Chromium)", () => {
  it("picks products by title, removes one, saves, shows the saved one by its Shopify title after a reload", async () => {
    const { context, page, errors } = await openAdmin("/app/program");
    await page.getByText("No products are excluded: every product earns.").waitFor();
    await page.getByRole("button", { name: "Browse products" }).click();
    const picker = page.locator("dialog[data-demo-resource-picker]");
    await picker.getByLabel("Coffee beans 1kg").check();
    await picker.getByLabel("Ceramic mug").check();
    await picker.getByRole("button", { name: "Select" }).click();
    const list = page.getByTestId("excluded-products");
    await list.waitFor();
    expect(await list.innerText()).toContain("Coffee beans 1kg");
    expect(await list.innerText()).toContain("Ceramic mug");
    await page.getByRole("button", { name: "Remove Ceramic mug from the excluded products" }).click();
    expect(await list.innerText()).not.toContain("Ceramic mug");
    expect(await axeViolations(page, ["document-title"])).toEqual([]);
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    await saveBar(page).waitFor({ state: "hidden" });

    await page.reload();
    await list.waitFor();
    // The title comes from Shopify (the Admin API stand-in's demo catalog), not from the picker this time.
    expect(await list.innerText()).toContain("Coffee beans 1kg");
    expect(await page.getByText("Products excluded: 1").isVisible()).toBe(true);
    await page.screenshot({ path: artifactPath("admin-program-excluded-en.png"), fullPage: true });

    // Back to the demo's (none excluded), through the picker: its preselection is what is saved.
    await page.getByRole("button", { name: "Browse products" }).click();
    expect(await picker.getByLabel("Coffee beans 1kg").isChecked()).toBe(true);
    await picker.getByLabel("Coffee beans 1kg").uncheck();
    await picker.getByRole("button", { name: "Select" }).click();
    await page.getByText("No products are excluded: every product earns.").waitFor();
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    await saveBar(page).waitFor({ state: "hidden" });
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("Rewards (Chromium)", () => {
  it("creates a reward with inline validation, then reorders and disables it", async () => {
    const { context, page, errors } = await openAdmin("/app/rewards");
    const rows = page.locator("tbody tr");
    await rows.first().waitFor();
    const before = await rows.count();
    expect(await rows.first().innerText()).toContain("$5 off your order");
    await page.screenshot({ path: artifactPath("admin-rewards-en.png"), fullPage: true });

    await page.getByRole("link", { name: "Create reward" }).first().click();
    await page.getByLabel("Reward type").waitFor();
    // A new reward can be saved at once, so the save bar is already there.
    await saveBar(page).waitFor({ state: "visible" });
    await page.getByLabel("Reward type").selectOption("percentage");
    await page.getByLabel("Title").fill("15% off everything");
    await page.getByLabel("Points cost").fill("1500");
    await page.getByLabel("Percentage off").fill("150");
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    const percentageError = page.getByText("Enter a whole percentage from 1 to 100.");
    await percentageError.waitFor();
    await page.getByLabel("Title").fill("15% off all orders");
    expect(await percentageError.isVisible()).toBe(true);
    await page.screenshot({ path: artifactPath("admin-reward-error-en.png"), fullPage: true });
    await page.getByLabel("Percentage off").fill("15");
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    await page.waitForURL(/\/app\/rewards\/\d+/);
    await saveBar(page).waitFor({ state: "hidden" });
    expect(await page.getByText("15% off the order").first().isVisible()).toBe(true);
    await page.screenshot({ path: artifactPath("admin-reward-edit-en.png"), fullPage: true });

    await page.locator("[data-demo-admin-bar] a", { hasText: "Rewards" }).click();
    await page.waitForFunction((count) => document.querySelectorAll("tbody tr").length === count, before + 1);
    expect(await rows.last().innerText()).toContain("15% off all orders");
    await page.getByRole("button", { name: "Move 15% off all orders up" }).click();
    await page.waitForFunction(() => document.querySelectorAll("tbody tr")[document.querySelectorAll("tbody tr").length - 2]?.textContent?.includes("15% off all orders"));
    await page.getByRole("button", { name: "Disable 15% off all orders" }).click();
    await page.getByRole("button", { name: "Enable 15% off all orders" }).waitFor();

    // The order and status were saved, not just drawn: open the page afresh, as admin would.
    await page.goto(`${inject("demoUrl")}/demo/open?path=/app/rewards`);
    await rows.first().waitFor();
    const titles = await rows.allInnerTexts();
    expect(titles.at(-2)).toContain("15% off all orders");
    expect(titles.at(-2)).toContain("Disabled");
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("Home (Chromium)", () => {
  it("shows the program's figures and chart for the chosen period, and the storefront embed status", async () => {
    const { context, page, errors } = await openAdmin("/app");
    await page.getByTestId("figure-members").waitFor();
    // The demo seeds five members with 6,630 points between them (other tests may have added a few).
    expect(Number((await page.getByTestId("figure-members").innerText()).replace(/\D/g, ""))).toBeGreaterThanOrEqual(5);
    expect(Number((await page.getByTestId("figure-outstanding").innerText()).replace(/\D/g, ""))).toBeGreaterThan(0);
    expect(await page.getByTestId("points-chart").locator("rect").count()).toBe(60);
    // The stand-in keeps no themes, so the page says it cannot tell, and offers the theme editor link.
    await page.getByTestId("embed-status").waitFor();
    expect(await page.getByRole("link", { name: "Turn on in theme editor" }).getAttribute("href")).toContain(
      "/admin/themes/current/editor?context=apps&activateAppId=",
    );
    await page.screenshot({ path: artifactPath("admin-home-figures-en.png"), fullPage: true });

    await page.getByLabel("Period").selectOption("7");
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="points-chart"] rect').length === 14);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("Import and export (Chromium)", () => {
  it("imports a sample CSV with one bad row as a job, shows its progress and result, and downloads the error report", async () => {
    const { context, page, errors } = await openAdmin("/app/import");
    await page.getByText("No imports yet.").or(page.locator('[data-testid^="import-job-"]').first()).waitFor();
    const csv = [
      "email,customer_id,points,note",
      "ada.nowak@example.com,,25,Browser test import",
      ",7004,10,Browser test import",
      "sam.taylor@example.com,,lots,Browser test import",
    ].join("\n");
    await page.locator('input[type="file"]').setInputFiles({ name: "browser-test.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByText("browser-test.csv").waitFor();
    await page.getByRole("button", { name: "Import", exact: true }).click();

    const job = page.locator('[data-testid^="import-job-"]').first();
    await page.getByText("Finished").first().waitFor();
    const summary = await job.locator('[data-testid^="import-summary-"]').innerText();
    // Imported rows are idempotent: a rerun of this test finds them already imported.
    expect(summary).toMatch(/Imported (2 rows \(35 points\)\. Already imported before: 0|0 rows \(0 points\)\. Already imported before: 2)\./);
    expect(summary).toContain("Not imported: 1.");
    expect(await job.innerText()).toContain("3 of 3 rows processed");
    await page.screenshot({ path: artifactPath("admin-import-en.png"), fullPage: true });

    const [report] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download the 1 row not imported" }).click()]);
    const body = await new Promise<string>((resolve, reject) => {
      report.createReadStream().then((stream) => {
        let text = "";
        stream.on("data", (chunk) => (text += chunk));
        stream.on("end", () => resolve(text));
        stream.on("error", reject);
      }, reject);
    });
    expect(body).toContain("Points must be a whole number.");
    expect(body).toContain("sam.taylor@example.com,,lots,Browser test import");

    const [members] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download members" }).click()]);
    expect(members.suggestedFilename()).toMatch(/^members-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("refuses a file without the needed columns, with a red error that stays until another file is chosen", async () => {
    const { context, page } = await openAdmin("/app/import");
    await page.locator('input[type="file"]').setInputFiles({ name: "wrong.csv", mimeType: "text/csv", buffer: Buffer.from("name,score\nAda,1\n") });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const problem = page.getByTestId("import-problem");
    await problem.waitFor();
    expect(await problem.innerText()).toContain("The first line must name the columns");
    await page.screenshot({ path: artifactPath("admin-import-error-en.png"), fullPage: true });
    await context.close();
  });
});

describe("Settings (Chromium)", () => {
  it("previews and saves branding and a Polish text, and keeps a colour error until it is fixed", async () => {
    const { context, page, errors } = await openAdmin("/app/settings");
    const preview = page.getByTestId("launcher-preview");
    await preview.waitFor();
    await page.getByLabel("Button colour", { exact: true }).fill("#0b3d91");
    expect(await preview.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe("rgb(11, 61, 145)");
    await page.getByLabel("Button text colour", { exact: true }).fill("white");
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    const colourError = page.getByText("Enter a colour as # and six hexadecimal digits");
    await colourError.waitFor();
    await page.getByRole("tab", { name: "Polski" }).click();
    await page.getByLabel("Launcher label").fill("Punkty");
    expect(await preview.innerText()).toBe("Punkty");
    expect(await colourError.isVisible()).toBe(true);
    await page.getByLabel("Button text colour", { exact: true }).fill("#ffffff");
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    await saveBar(page).waitFor({ state: "hidden" });
    await page.screenshot({ path: artifactPath("admin-settings-en.png"), fullPage: true });

    await page.goto(`${inject("demoUrl")}/demo/open?path=/app/settings`);
    await page.getByRole("tab", { name: "Polski" }).click();
    expect(await page.getByLabel("Launcher label").inputValue()).toBe("Punkty");
    expect(await page.getByLabel("Button colour", { exact: true }).inputValue()).toBe("#0b3d91");
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("Error pages (Chromium)", () => {
  it("shows a customer or reward that is not in this shop as a 404 page inside the admin frame, in the admin's language, with no console errors", async () => {
    const { context, page, errors } = await openAdmin("/app/customers/999999999", "pl");
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    await page.getByText("Nie znaleziono", { exact: true }).waitFor();
    await page.getByRole("link", { name: "Przejdź do strony głównej programu lojalnościowego" }).waitFor();
    // Polaris drew it (its stylesheet and components), not Remix's bare text.
    expect(await page.locator(".Polaris-Page .Polaris-Button").count()).toBe(1);
    await page.screenshot({ path: artifactPath("admin-not-found-pl.png"), fullPage: true });

    await page.goto(page.url().replace("/app/customers/999999999", "/app/rewards/abc"));
    await page.getByText("Nie znaleziono", { exact: true }).waitFor();
    expect(errors).toEqual([]);
    expect(consoleErrors.filter((text) => !text.includes("404"))).toEqual([]);
    await context.close();
  });
});

describe("Offline demo (Chromium)", () => {
  it("asks Shopify's CDN for nothing: no font stylesheet, no App Bridge preload", async () => {
    const context = await offlineContext(browser);
    const external: string[] = [];
    context.on("request", (request) => {
      if (!/^https?:\/\/(localhost|127\.0\.0\.1)[:/]/.test(request.url())) external.push(request.url());
    });
    const page = await context.newPage();
    await page.goto(`${inject("demoUrl")}/demo/open?path=${encodeURIComponent("/app/customers")}&locale=en`);
    await page.locator("tbody tr").first().waitFor();
    await page.waitForLoadState("networkidle");
    expect(external).toEqual([]);
    await context.close();
  });
});

// The demo's support customer (app/demo/seed-support.server.ts): 2000 points, of which a "$5 off" code (500), a
// "$10 store credit" whose answer was lost (1000) and a used "Free shipping" code (300) are spent: 200 available.
describe("Support tools (Chromium)", () => {
  it("revokes an issued code: confirm, points back, recorded in the support log", async () => {
    const { context, page, errors } = await openAdmin("/app/customers/7006");
    await page.getByRole("heading", { name: "Issued rewards" }).waitFor();
    const before = Number((await page.getByTestId("available-points").innerText()).replace(/\D/g, ""));

    await page.getByRole("button", { name: "Revoke code" }).click();
    await page.getByText("Deactivate this code in Shopify and give 500 points back?").waitFor();
    await page.screenshot({ path: artifactPath("admin-support-revoke-en.png"), fullPage: true });
    await page.getByRole("button", { name: "Revoke", exact: true }).click();
    await page.getByText("Revoked, points returned").waitFor();
    await page.waitForFunction(
      (expected) => document.querySelector("[data-testid=available-points]")?.textContent?.replace(/\D/g, "") === String(expected),
      before + 500,
    );
    expect(await page.getByTestId("support-action").allInnerTexts()).toContain("Code revoked");
    expect(await page.getByRole("button", { name: "Revoke code" }).count()).toBe(0);

    // The stuck store credit: Shopify has it, so checking completes the reward.
    await page.getByRole("button", { name: "Check with Shopify" }).click();
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=support-action]").length === 2);
    expect(await page.getByTestId("support-action").allInnerTexts()).toContain("Store credit confirmed");
    expect(await page.getByRole("button", { name: "Check with Shopify" }).count()).toBe(0);
    await page.screenshot({ path: artifactPath("admin-support-done-en.png"), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("archives a reward: gone from the list, shown by the filter, restored disabled", async () => {
    const { context, page, errors } = await openAdmin("/app/rewards");
    const rows = page.locator("tbody tr");
    await rows.first().waitFor();
    const tote = page.locator("tbody tr", { hasText: "Tote bag (last season)" });
    await tote.waitFor();

    await page.getByRole("button", { name: "Archive Tote bag (last season)" }).click();
    await tote.waitFor({ state: "detached" });
    expect(await page.locator("tbody tr", { hasText: "Summer 15% off (ended)" }).count()).toBe(0);

    await page.getByLabel("Show archived rewards").click();
    await page.waitForURL(/archived=1/);
    await tote.waitFor();
    expect(await page.locator("tbody tr", { hasText: "Summer 15% off (ended)" }).innerText()).toContain("Archived");
    await page.screenshot({ path: artifactPath("admin-rewards-archived-en.png"), fullPage: true });
    await page.getByRole("button", { name: "Restore Tote bag (last season)" }).click();
    await tote.waitFor({ state: "detached" });

    await page.getByLabel("Show archived rewards").click();
    await tote.waitFor();
    expect(await tote.innerText()).toContain("Disabled");
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("Ways to earn (Chromium)", () => {
  it("shows each action with a live example, saves a change, creates an API key shown once; axe clean", async () => {
    const { context, page, errors } = await openAdmin("/app/ways-to-earn");
    const example = page.getByTestId("action-product_review-example");
    await example.waitFor();
    expect(await example.innerText()).toContain("A review gets 50 points, 75 with a photo");
    const review = page.getByTestId("action-product_review");
    await review.getByLabel("Points", { exact: true }).fill("60");
    expect(await example.innerText()).toContain("A review gets 60 points, 85 with a photo");
    await review.getByRole("button", { name: "Save Product review" }).click();
    await page.getByText("Saved").first().waitFor();

    await page.getByLabel("Key name (e.g. the review app)").fill("Review app");
    await page.getByRole("button", { name: "Create key" }).click();
    const key = page.getByTestId("new-api-key");
    await key.waitFor();
    expect(await key.innerText()).toMatch(/^lk_/);
    await page.getByRole("button", { name: /Revoke key Review app/ }).waitFor();

    // document-title is left out: an embedded page's title is the admin's (TitleBar), and no admin page's iframe
    // document has a <title> of its own (app/root.tsx) — not this page's to fix.
    expect(await axeViolations(page, ["document-title"])).toEqual([]);
    await page.screenshot({ path: artifactPath("admin-ways-to-earn-en.png"), fullPage: true });
    await page.reload();
    await example.waitFor();
    expect(await example.innerText()).toContain("60 points");
    expect(await page.getByTestId("new-api-key").count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("lists the websites allowed to call the customer API; a bad line is refused naming it, a good list saved; axe clean", async () => {
    const { context, page, errors } = await openAdmin("/app/ways-to-earn");
    const origins = page.getByLabel("Websites allowed to call the customer API (CORS)");
    await origins.waitFor();
    // The demo seeds a developer's local web app.
    expect(await origins.inputValue()).toBe("http://localhost:5173");
    await origins.fill("http://localhost:5173\nhttp://app.tea-house.example");
    await page.getByRole("button", { name: "Save websites" }).click();
    await page.getByText("Line 2: enter an origin such as https://app.example.com").waitFor();
    expect(await axeViolations(page, ["document-title"])).toEqual([]);
    await origins.fill("http://localhost:5173\nhttps://app.tea-house.example/");
    await page.getByRole("button", { name: "Save websites" }).click();
    await page.getByText("Websites saved").first().waitFor();
    await page.reload();
    await origins.waitFor();
    expect(await origins.inputValue()).toBe("http://localhost:5173\nhttps://app.tea-house.example");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("previews the sign-up bonus for accounts older than the program and asks to confirm only when someone would get it; axe clean", async () => {
    const { context, page, errors } = await openAdmin("/app/ways-to-earn");
    const card = page.getByTestId("existing-accounts");
    await card.getByRole("button", { name: "Preview who would get it" }).click();
    const preview = card.getByTestId("existing-accounts-preview");
    await preview.waitFor();
    // The demo's sign-up bonus is 0: nobody would get anything, so there is nothing to confirm and nothing was given.
    expect(await preview.innerText()).toContain("Nobody would get the bonus now");
    expect(await card.getByRole("button", { name: /Confirm: give the bonus/ }).count()).toBe(0);
    expect(await axeViolations(page, ["document-title"])).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("Campaigns (Chromium)", () => {
  it("shows the running demo campaign; a bad campaign is refused by field; a new one previews a sample order, is picked and saved; axe clean", async () => {
    const { context, page, errors } = await openAdmin("/app/campaigns");
    await page.getByRole("heading", { name: "Your campaigns" }).waitFor();
    expect(await page.getByText("Double points week").isVisible()).toBe(true);
    expect(await page.getByText("Running").first().isVisible()).toBe(true);
    expect(await page.getByText("highest multiplier of the running campaigns wins").isVisible()).toBe(true);

    await page.getByRole("button", { name: "New campaign" }).click();
    await page.getByLabel("Name (English)").waitFor();
    // Nothing named and a 20× multiplier: refused on the fields, nothing saved.
    await page.getByLabel("Points multiplier").fill("20");
    await page.getByRole("button", { name: "Create campaign" }).click();
    await page.getByText("Give the campaign a name in at least one language.").waitFor();
    expect(await page.getByText("Enter a multiplier from 1 to 10 (e.g. 2 or 1.5).").isVisible()).toBe(true);
    // The preview waits for valid fields.
    expect(await page.getByTestId("campaign-preview").innerText()).toContain("once the campaign's fields are valid");

    await page.getByLabel("Name (English)").fill("Triple coffee");
    await page.getByLabel("Points multiplier").fill("3");
    // The demo program: 1 point per $1, spend $100 get 25 extra. A $100 order in scope: 300 + 25, 100 + 25 without.
    const preview = page.getByTestId("campaign-preview");
    await page.waitForFunction(() => document.querySelector('[data-testid="campaign-preview"]')?.textContent?.includes("325"));
    expect(await preview.innerText()).toBe("An order of $100.00 paid during the campaign earns 325 points (125 without it).");
    await page.getByLabel("Order amount (USD)").fill("40");
    await page.waitForFunction(() => document.querySelector('[data-testid="campaign-preview"]')?.textContent?.includes("120 points"));

    // Products through App Bridge's resource picker (the demo stand-in's, over the demo catalog).
    await page.getByRole("button", { name: "Select products" }).click();
    const picker = page.locator("dialog[data-demo-resource-picker]");
    await picker.getByLabel("Coffee beans 1kg").check();
    await picker.getByRole("button", { name: "Select" }).click();
    // The picker's dialog ("Select products") leaves the page after Select; until it has, "Products" also names it.
    await picker.waitFor({ state: "detached" });
    expect(await page.getByLabel("Products", { exact: true }).inputValue()).toBe("632910392");
    await page.getByLabel("Product in the campaign's scope").uncheck();
    await page.waitForFunction(() => document.querySelector('[data-testid="campaign-preview"]')?.textContent?.includes("earns 40 points"));

    expect(await axeViolations(page, ["document-title"])).toEqual([]);
    await page.screenshot({ path: artifactPath("admin-campaigns-edit-en.png"), fullPage: true });

    await page.getByRole("button", { name: "Create campaign" }).click();
    await page.getByText("Triple coffee").waitFor();
    expect(await page.getByText("3× points").first().isVisible()).toBe(true);
    await page.screenshot({ path: artifactPath("admin-campaigns-en.png"), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("Point of sale (Chromium)", () => {
  it("refuses an id that is not one by field, saves who may act in POS, and shows it after a reload; axe clean", async () => {
    const { context, page, errors } = await openAdmin("/app/pos");
    const staff = page.getByLabel("Allowed staff (Shopify user ids)");
    await staff.waitFor();
    // document-title is left out: an embedded page's title is the admin's (TitleBar), as for the other pages.
    expect(await axeViolations(page, ["document-title"])).toEqual([]);
    await staff.fill("42, bob");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText('"bob" is not an id.').waitFor();
    await staff.fill("42, 43");
    await page.getByLabel("Staff may enrol new customers").uncheck();
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByText('"bob" is not an id.').count()).toBe(0);

    await page.goto(`${inject("demoUrl")}/demo/open?path=/app/pos`);
    await staff.waitFor();
    await expect.poll(() => staff.inputValue()).toBe("42, 43");
    expect(await page.getByLabel("Staff may enrol new customers").isChecked()).toBe(false);
    // Back to the defaults (every staff member, enrolment on), as the demo ships.
    await staff.fill("");
    await page.getByLabel("Staff may enrol new customers").check();
    await page.getByRole("button", { name: "Save" }).click();
    await page.goto(`${inject("demoUrl")}/demo/open?path=/app/pos`);
    await staff.waitFor();
    await expect.poll(() => page.getByLabel("Staff may enrol new customers").isChecked()).toBe(true);
    expect(await staff.inputValue()).toBe("");
    expect(errors).toEqual([]);
    await context.close();
  });
});
