import { describe, expect, it } from "vitest";
import db from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { action, loader, type SettingsActionResult } from "../../../app/routes/app.settings";
import { DEFAULT_STOREFRONT_SETTINGS, getStorefrontSettings, settingsToForm, textsFor } from "../../../app/persistence/storefront-settings";
import { forgedSessionToken, installShop, uniqueShop, APP_URL } from "../../support/shopify-requests";
import { runRoute, staffRequest } from "../../support/admin-requests";

installAdminApiStandIn();

type LoaderData = Awaited<ReturnType<typeof loader>>;

async function save(shop: string, change: Record<string, string>) {
  const form = { ...settingsToForm(DEFAULT_STOREFRONT_SETTINGS), ...change };
  return runRoute<SettingsActionResult>(action, await staffRequest(shop, "/app/settings", { form }));
}

describe("Settings page", () => {
  it("shows the defaults, saves branding and per-language texts, and gives each language its own", async () => {
    const shop = uniqueShop("settings");
    await installShop(shop);
    const first = await runRoute<LoaderData>(loader, await staffRequest(shop, "/app/settings"));
    expect(first.body.form).toMatchObject({ buttonColor: "#1f4d3a", textColor: "#ffffff", launcherPosition: "bottom_right", "pl.title": "" });

    const result = await save(shop, {
      buttonColor: "#0B3D91",
      textColor: "#FFFFFF",
      launcherPosition: "bottom_left",
      "pl.title": "  Nagrody Herbaciarni ",
      "pl.launcherLabel": "Punkty",
      "ro.memberIntro": "Bine ai revenit!",
    });
    expect(result).toMatchObject({ status: 200, body: { ok: true } });
    const settings = await getStorefrontSettings(db, shop);
    expect(settings).toEqual({
      buttonColor: "#0b3d91",
      textColor: "#ffffff",
      launcherPosition: "bottom_left",
      texts: { pl: { title: "Nagrody Herbaciarni", launcherLabel: "Punkty" }, ro: { memberIntro: "Bine ai revenit!" } },
    });
    expect(textsFor(settings, "pl-PL")).toEqual({ title: "Nagrody Herbaciarni", launcherLabel: "Punkty" });
    expect(textsFor(settings, "en")).toEqual({});
    const page = await runRoute<LoaderData>(loader, await staffRequest(shop, "/app/settings"));
    expect(page.body.form["pl.title"]).toBe("Nagrody Herbaciarni");
  });

  it("GIVEN invalid colours, unreadable contrast, an unknown position or too long texts THEN 400 with each and nothing saved", async () => {
    const shop = uniqueShop("settings");
    await installShop(shop);
    const bad = await save(shop, { buttonColor: "green", launcherPosition: "top", "ru.title": "Ж".repeat(61) });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      ok: false,
      issues: [
        { field: "buttonColor", code: "invalid_color" },
        { field: "launcherPosition", code: "invalid_position" },
        { field: "ru.title", code: "too_long" },
      ],
    });
    const unreadable = await save(shop, { buttonColor: "#ffffff", textColor: "#eeeeee" });
    expect(unreadable.body).toEqual({ ok: false, issues: [{ field: "textColor", code: "low_contrast" }] });
    expect(await db.storefrontSettings.count({ where: { shop } })).toBe(0);
  });

  it("GIVEN two shops THEN one's settings never show in the other; a forged token saves nothing", async () => {
    const shop = uniqueShop("settings");
    const other = uniqueShop("settings-other");
    await installShop(shop);
    await installShop(other);
    await save(shop, { "en.title": "Tea points" });
    expect(await getStorefrontSettings(db, other)).toEqual(DEFAULT_STOREFRONT_SETTINGS);
    const request = new Request(`${APP_URL}/app/settings`, {
      method: "POST",
      headers: { Authorization: `Bearer ${await forgedSessionToken(other)}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...settingsToForm(DEFAULT_STOREFRONT_SETTINGS), "en.title": "forged" }),
    });
    expect((await runRoute(action, request)).status).toBe(401);
    expect(await db.storefrontSettings.count({ where: { shop: other } })).toBe(0);
  });
});
