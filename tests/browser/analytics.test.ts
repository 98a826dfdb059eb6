// The Impact page and Home's segment counts in demo mode, in Chromium: the seeded members (7020–7040) and hold-out
// (7041–7060) give a verdict; both pages are axe clean. Reads only. Screenshots land in test-results/browser/.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { artifactPath, launchChromium, offlineContext } from "./browser";
import { axeViolations } from "./axe";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function openAdmin(path: string, locale = "en") {
  const context = await offlineContext(browser);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${inject("demoUrl")}/demo/open?path=${encodeURIComponent(path)}&locale=${locale}`);
  await page.waitForURL(/id_token=/);
  return { context, page, errors };
}

// document-title: an embedded page's title is the admin's (TitleBar); see admin-pages.test.ts. Ids only, as compared below.
const seriousViolations = async (page: Page) => (await axeViolations(page, ["document-title"])).map((line) => line.split(" ")[1]!.replace(/:$/, ""));

describe("Impact (Chromium)", () => {
  it("shows members vs hold-out with intervals and a verdict, the before/after table labelled not causal, cohorts; axe clean", async () => {
    const { context, page, errors } = await openAdmin("/app/impact");
    const verdict = page.getByTestId("impact-verdict");
    await verdict.waitFor();
    expect(await verdict.innerText()).toContain("The program pays for itself");
    const comparison = page.getByTestId("impact-comparison");
    expect(await comparison.innerText()).toMatch(/Repeat-purchase rate[\s\S]*%[\s\S]*\(.* to .*\)/);
    expect(await page.getByTestId("impact-cohorts").count()).toBe(1);
    expect(await page.getByTestId("monthly-chart").count()).toBe(1);
    expect(await page.getByText("Not causal").count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: artifactPath("admin-impact-en.png"), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("reads in Polish", async () => {
    const { context, page, errors } = await openAdmin("/app/impact", "pl");
    await page.getByTestId("impact-verdict").waitFor();
    expect(await page.getByTestId("impact-verdict").innerText()).toContain("Program się opłaca");
    await page.screenshot({ path: artifactPath("admin-impact-pl.png"), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("Home shows the segment counts, their 90-day trend (chart and table) and whether Shopify has them; axe clean", async () => {
    const { context, page, errors } = await openAdmin("/app");
    await page.getByTestId("home-segment-vip").waitFor();
    const counts = await Promise.all(["vip", "new", "active", "at_risk", "lapsed"].map(async (s) => Number((await page.getByTestId(`home-segment-${s}`).innerText()).replace(/\D/g, ""))));
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(200);
    // The demo seeds 60 past days of snapshots: one line per segment, the same numbers in the table for screen readers.
    const chart = page.getByTestId("segment-trend-chart");
    expect(await chart.getAttribute("role")).toBe("img");
    expect(await chart.locator("title").first().textContent()).toMatch(/^Members per segment, last 90 days, .*: VIP \d+, New \d+, Active \d+, At risk \d+, Lapsed \d+$/);
    expect(await chart.locator("polyline").count()).toBeGreaterThanOrEqual(5);
    expect(await page.getByTestId("segment-trend-table").locator("tbody tr").count()).toBeGreaterThanOrEqual(60);
    expect(await page.getByTestId("segment-mirror-status").innerText()).toContain("Not in Shopify yet");
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: artifactPath("admin-home-segments-en.png"), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("compares members and hold-out over the last 90 days on Impact; axe clean", async () => {
    const { context, page, errors } = await openAdmin("/app/impact");
    await page.getByTestId("impact-verdict").waitFor();
    await page.getByLabel("Period", { exact: true }).selectOption("90");
    await page.getByRole("heading", { name: "Members vs hold-out: Last 90 days" }).waitFor();
    expect(await page.getByTestId("impact-comparison").innerText()).toMatch(/Repeat-purchase rate[\s\S]*%/);
    expect(await page.getByText("since the hold-out started.").count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: artifactPath("admin-impact-period-en.png"), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("filters Customers by segment and offers the segment's export; axe clean", async () => {
    const { context, page, errors } = await openAdmin("/app/customers");
    await page.getByLabel("Segment", { exact: true }).selectOption("active");
    await page.getByRole("button", { name: "Export segment (CSV)" }).waitFor();
    await page.waitForURL(/segment=active/);
    expect(await page.locator("tbody tr").count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: artifactPath("admin-customers-segment-en.png"), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows a held-out customer as such on their page", async () => {
    const { context, page, errors } = await openAdmin("/app/customers/7041");
    await page.getByTestId("hold-out-notice").waitFor();
    expect(await page.getByTestId("hold-out-notice").innerText()).toContain("hold-out group");
    expect(errors).toEqual([]);
    await context.close();
  });
});
