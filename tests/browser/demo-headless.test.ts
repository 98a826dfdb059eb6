// The /demo page's headless API example, as a developer would use it: read in Chromium from the running demo, run in
// bash as shown (curl against the demo server), and its answers checked — the shop key's member view and the
// customer token's are the same member, valid against docs/openapi.yaml, with the balance the storefront panel shows.
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { openApiChecker } from "../support/openapi";
import { launchChromium, offlineContext } from "./browser";

const spec = openApiChecker("docs/openapi.yaml");

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe("the demo's headless API example (Chromium + curl, demo app)", () => {
  it("GIVEN the key and script shown on /demo THEN run as shown they read customer 7001 by key and by token, as the panel shows", async () => {
    const context = await offlineContext(browser);
    const page = await context.newPage();
    await page.goto(`${inject("demoUrl")}/demo`);
    const key = await page.getByTestId("demo-headless-key").innerText();
    const script = await page.getByTestId("demo-headless-example").innerText();
    expect(key).toMatch(/^lk_/);
    expect(script).toContain(key);
    expect(script).toContain(inject("demoUrl"));

    const run = spawnSync("bash", ["-euo", "pipefail", "-c", script], { encoding: "utf8", timeout: 30_000 });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const [byKey, byToken] = run.stdout.trim().split("\n").map((line) => JSON.parse(line));
    spec.expectDocumented("GET", "/api/v1/members/{customerId}", 200, byKey);
    spec.expectDocumented("GET", "/api/v1/customer/me", 200, byToken);
    expect(byToken).toEqual(byKey);
    expect(byKey.availablePoints).toBeGreaterThan(0);

    // The storefront panel of the same customer shows the same balance.
    await page.goto(`${inject("demoUrl")}/demo/storefront?customer=7001`);
    await page.locator("[data-loyalty-launcher]").click();
    const panel = page.locator("[data-loyalty-dialog] dialog");
    await panel.locator(".body[aria-busy=false]").waitFor();
    const shown = Number((await panel.locator("[data-balance=available]").innerText()).replace(/\D/g, ""));
    expect(shown).toBe(byKey.availablePoints);
    await context.close();
  });
});
