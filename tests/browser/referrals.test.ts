// A referral end to end in Chromium against the running demo app: the advocate (Ana, 7011) copies her link from the
// panel; a friend opens it as a guest, sees the welcome offer and gets a single-use code; the friend's order comes
// in as a signed orders/paid webhook carrying the cart attribute; once released the advocate's panel shows the reward.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { REFERRAL_CART_ATTRIBUTE } from "../../app/rules/referrals";
import { orderPaidPayload } from "../support/shopify-payloads";
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

const sendOrderPaid = (payload: unknown) => sendDemoWebhook("orders/paid", payload);

async function openPanelAs(customer: string) {
  const context = await offlineContext(browser);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${inject("demoUrl")}/demo/storefront?customer=${customer}`);
  await page.locator("[data-loyalty-launcher]").click();
  const panel = page.locator("[data-loyalty-dialog] dialog");
  await panel.locator(".body[aria-busy=false]").waitFor();
  return { context, page, panel, errors };
}

describe("referral (Chromium, demo app)", () => {
  it("advocate copies link → friend lands as guest → gets a code → order webhook → advocate's balance shows the reward; axe clean", async () => {
    // The advocate's panel: the referral section, her link on request.
    const advocate = await openPanelAs("7011");
    const before = Number((await advocate.panel.locator("[data-balance=available]").innerText()).replace(/\D/g, ""));
    await advocate.panel.getByRole("button", { name: "Get my referral link" }).click();
    const linkField = advocate.panel.locator("#ref-link");
    await linkField.waitFor();
    const link = await linkField.inputValue();
    expect(link).toMatch(/^https:\/\/demo-loyalty\.myshopify\.com\/apps\/loyalty\/r\/[A-Z2-9]{8}$/);
    const code = link.split("/").at(-1)!;
    expect(await advocate.panel.locator("#ref-whatsapp").getAttribute("href")).toContain(encodeURIComponent(link));
    expect(await axeViolations(advocate.page)).toEqual([]);
    expect(advocate.errors).toEqual([]);
    await advocate.context.close();

    // The friend, a guest, opens the link on the shop's domain (here the demo storefront's proxy).
    const friendContext = await offlineContext(browser);
    const friend = await friendContext.newPage();
    const friendErrors: string[] = [];
    friend.on("pageerror", (error) => friendErrors.push(error.message));
    await friend.goto(`${inject("demoUrl")}/apps/loyalty/r/${code}`);
    await friend.getByRole("heading", { name: "A welcome gift from a friend" }).waitFor();
    expect(await friend.evaluate(() => JSON.parse(localStorage.getItem("loyalty_ref") ?? "{}").code)).toBe(code);
    await friend.getByLabel("Your email").fill("new.friend@example.com");
    await friend.getByRole("button", { name: "Get my welcome code" }).click();
    const welcome = friend.locator("#lr-code");
    await welcome.waitFor();
    expect(await welcome.innerText()).toMatch(/^FRIEND-[A-Z2-9]{10}$/);
    expect(await axeViolations(friend)).toEqual([]);
    expect(friendErrors).toEqual([]);
    await friend.screenshot({ path: artifactPath("referral-landing-en.png"), fullPage: true });
    await friendContext.close();

    // The friend's first order, paid before the 14 pending days of the demo's program (so released at once), with the
    // cart attribute the landing page set.
    const order = orderPaidPayload({ orderId: "879001", customerId: "7090", lines: [{ id: "979001", quantity: 1, unitPrice: 4500 }], processedAt: new Date(Date.now() - 15 * 24 * 3600 * 1000).toISOString() });
    await sendOrderPaid({ ...order, email: "new.friend@example.com", note_attributes: [{ name: REFERRAL_CART_ATTRIBUTE, value: code }] });

    // The inbox applies the delivery right after answering it: wait until the advocate's points say so.
    const deadline = Date.now() + 15_000;
    for (;;) {
      const me = (await (await fetch(`${inject("demoUrl")}/apps/loyalty/me`, { headers: { Cookie: "demo_storefront_customer=7011" } })).json()) as { availablePoints: number };
      if (me.availablePoints === before + 500 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const after = await openPanelAs("7011");
    const available = Number((await after.panel.locator("[data-balance=available]").innerText()).replace(/\D/g, ""));
    expect(available).toBe(before + 500);
    expect(await axeViolations(after.page)).toEqual([]);
    await after.context.close();
  });
});
