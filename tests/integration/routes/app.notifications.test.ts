// The admin's Notifications page: saving settings (field errors write nothing), turning emails off removes the row
// (so nothing is enqueued), preview renders the edited template, and a test email reaches the merchant over SMTP.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import db from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { settingsToForm } from "../../../app/rules/notification-settings-form";
import { installShop, uniqueShop } from "../../support/shopify-requests";
import { runRoute, staffRequest } from "../../support/admin-requests";
import { decodeHeader, headerOf, startSmtpServer, type TestSmtpServer } from "../../support/smtp-test-server";

installAdminApiStandIn();

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
  vi.stubEnv("SMTP_URL", smtp.url);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await smtp.close();
});

// Imported after SMTP_URL is set: the process's mail transport is chosen on first use.
const route = async () => import("../../../app/routes/app.notifications");

async function post(shop: string, change: Record<string, string>) {
  const { action } = await route();
  const form = { ...settingsToForm(null), enabled: "true", ...change };
  return runRoute<Record<string, unknown>>(action, await staffRequest(shop, "/app/notifications", { form }));
}

describe("Notifications page", () => {
  it("GIVEN Flow off by default WHEN turned on with emails off THEN a FlowSettings row, kept when emails change; off removes it", async () => {
    const shop = uniqueShop("notifications-flow");
    await installShop(shop);
    const { loader } = await route();
    const first = await runRoute<{ form: Record<string, string> }>(loader, await staffRequest(shop, "/app/notifications"));
    expect(first.body.form.flowEnabled).toBe("false");

    const bad = await post(shop, { flowEnabled: "maybe" });
    expect(bad.status).toBe(400);
    expect(await db.flowSettings.count({ where: { shop } })).toBe(0);

    expect(await post(shop, { enabled: "false", flowEnabled: "true" })).toMatchObject({ status: 200, body: { ok: true, intent: "save" } });
    expect(await db.flowSettings.count({ where: { shop } })).toBe(1);
    expect(await db.notificationSettings.count({ where: { shop } })).toBe(0);
    const reloaded = await runRoute<{ form: Record<string, string> }>(loader, await staffRequest(shop, "/app/notifications"));
    expect(reloaded.body.form).toMatchObject({ enabled: "false", flowEnabled: "true" });

    await post(shop, { enabled: "true", flowEnabled: "true" });
    expect(await db.flowSettings.count({ where: { shop } })).toBe(1);
    await post(shop, { flowEnabled: "false" });
    expect(await db.flowSettings.count({ where: { shop } })).toBe(0);
    expect(await db.notificationSettings.count({ where: { shop } })).toBe(1);
  });

  it("saves settings and templates, refuses bad fields writing nothing, and off removes the settings", async () => {
    const shop = uniqueShop("notifications");
    await installShop(shop);
    const { loader } = await route();
    const first = await runRoute<{ form: Record<string, string>; transport: string }>(loader, await staffRequest(shop, "/app/notifications"));
    expect(first.body.form).toMatchObject({ enabled: "false", dailyLimit: "3", "event.points_earned.enabled": "true", "event.balance_reminder.enabled": "false" });
    expect(first.body.transport).toBe("smtp");

    const bad = await post(shop, { fromAddress: "not an address", dailyLimit: "0", "event.points_earned.subject.pl": "Masz {pints}" });
    expect(bad.status).toBe(400);
    expect((bad.body as { issues: Array<{ field: string; code: string }> }).issues.map((i) => [i.field, i.code])).toEqual([
      ["fromAddress", "invalid_from"],
      ["dailyLimit", "out_of_range"],
      ["event.points_earned.subject.pl", "unknown_placeholder"],
    ]);
    expect(await db.notificationSettings.count({ where: { shop } })).toBe(0);

    const ok = await post(shop, { fromAddress: "Tea House <rewards@tea.example>", "event.points_earned.subject.pl": "Masz {points}!", "event.tier_down.enabled": "false" });
    expect(ok).toMatchObject({ status: 200, body: { ok: true, intent: "save" } });
    const saved = await db.notificationSettings.findUniqueOrThrow({ where: { shop } });
    expect(saved.fromAddress).toBe("Tea House <rewards@tea.example>");
    expect(JSON.parse(saved.events).points_earned).toEqual({ enabled: true, subject: { pl: "Masz {points}!" }, body: {} });
    expect(JSON.parse(saved.events).tier_down.enabled).toBe(false);

    await post(shop, { enabled: "false" });
    expect(await db.notificationSettings.count({ where: { shop } })).toBe(0);
  });

  it("previews the edited template and sends a test to the merchant", async () => {
    const shop = uniqueShop("notifications-test");
    await installShop(shop);
    const preview = await post(shop, { intent: "preview", kind: "points_earned", previewLocale: "pl", brandName: "Herbaciarnia", "event.points_earned.subject.pl": "Masz {points} w {shop}" });
    expect(preview.body).toMatchObject({ ok: true, intent: "preview", subject: "Masz 250 punktów w Herbaciarnia" });
    expect(String(preview.body.html)).toContain("Herbaciarnia");

    const missing = await post(shop, { intent: "test", kind: "points_earned", previewLocale: "en" });
    expect(missing.status).toBe(400);
    const sent = await post(shop, { intent: "test", kind: "reward_ready", previewLocale: "en", testAddress: "owner@tea.example" });
    expect(sent.body).toMatchObject({ ok: true, intent: "test", to: "owner@tea.example" });
    const mail = smtp.received.find((m) => m.to.includes("owner@tea.example"))!;
    expect(decodeHeader(headerOf(mail.raw, "Subject")!)).toBe("[Test] You have enough points for $10 off");
    // Preview and test write nothing.
    expect(await db.notificationSettings.count({ where: { shop } })).toBe(0);
  });
});
