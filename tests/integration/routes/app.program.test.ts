import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { action, loader, type ProgramActionResult } from "../../../app/routes/app.program";
import { getProgramSettings } from "../../../app/persistence/program-settings";
import { DEFAULT_PROGRAM_SETTINGS } from "../../../app/rules/program-settings";
import { recordShopSeen } from "../../../app/persistence/shops";
import { forgedSessionToken, installShop, uniqueShop, APP_URL } from "../../support/shopify-requests";
import { runRoute, staffRequest } from "../../support/admin-requests";

const standIn = installAdminApiStandIn();

type LoaderData = Awaited<ReturnType<typeof loader>>;

const VALID = {
  pointsPerUnit: "5",
  includeShipping: "true",
  includeTaxes: "false",
  excludedProductIds: "632910392, gid://shopify/Product/632910393\n632910392",
  pendingDays: "30",
  signupBonus: "200",
  rewardRefund: "never",
};

async function save(shop: string, form: Record<string, string>) {
  return runRoute<ProgramActionResult>(action, await staffRequest(shop, "/app/program", { form }));
}

describe("Program page", () => {
  it("GIVEN a new shop THEN the form shows the defaults in the shop's currency", async () => {
    const shop = uniqueShop("program");
    await installShop(shop);
    await recordShopSeen(sqlDb, shop, "PLN");
    const result = await runRoute<LoaderData>(loader, await staffRequest(shop, "/app/program"));
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      currency: "PLN",
      productTitles: {},
      form: { pointsPerUnit: "1", includeShipping: "false", includeTaxes: "false", excludedProductIds: "", pendingDays: "14", signupBonus: "0", rewardRefund: "return" },
    });
  });

  it("GIVEN valid settings WHEN saved THEN the earning rules use them and the page shows them, excluded products by title", async () => {
    const shop = uniqueShop("program");
    await installShop(shop);
    // The picker submits the picked products' ids as the form always did (the stored format is unchanged).
    standIn.seedProduct(shop, { id: 632910392, title: "Coffee beans 1kg" });
    const result = await save(shop, VALID);
    expect(result).toMatchObject({ status: 200, body: { ok: true } });
    expect(await getProgramSettings(sqlDb, shop)).toEqual({
      pointsPerUnit: 5,
      includeShipping: true,
      includeTaxes: false,
      excludedProductIds: ["632910392", "632910393"],
      pendingDays: 30,
      signupBonus: 200,
      returnRewardPointsOnRefund: false,
    });
    const page = await runRoute<LoaderData>(loader, await staffRequest(shop, "/app/program"));
    expect(page.body.form).toMatchObject({ pointsPerUnit: "5", includeShipping: "true", excludedProductIds: "632910392, 632910393" });
    // Titles from Shopify in one `nodes` call; a product Shopify no longer has (…393) is shown by its id.
    expect(page.body.productTitles).toEqual({ "632910392": "Coffee beans 1kg" });
  });

  it("GIVEN invalid fields THEN 400 lists each one and nothing is saved", async () => {
    const shop = uniqueShop("program");
    await installShop(shop);
    await save(shop, VALID);
    const result = await save(shop, {
      pointsPerUnit: "-1",
      includeShipping: "maybe",
      includeTaxes: "false",
      excludedProductIds: "632910392, shoes",
      pendingDays: "400",
      signupBonus: "1.5",
      rewardRefund: "return",
    });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({
      ok: false,
      issues: [
        { field: "pointsPerUnit", code: "out_of_range" },
        { field: "pendingDays", code: "out_of_range" },
        { field: "signupBonus", code: "not_whole" },
        { field: "includeShipping", code: "not_boolean" },
        { field: "excludedProductIds", code: "invalid_product_id" },
      ],
    });
    expect((await getProgramSettings(sqlDb, shop)).pointsPerUnit).toBe(5);
  });

  it("GIVEN two shops WHEN one saves THEN the other's settings are untouched", async () => {
    const shop = uniqueShop("program");
    const other = uniqueShop("program-other");
    await installShop(shop);
    await installShop(other);
    await save(shop, VALID);
    expect(await getProgramSettings(sqlDb, other)).toEqual(DEFAULT_PROGRAM_SETTINGS);
  });

  it("GIVEN a forged session token THEN 401 and nothing is saved", async () => {
    const shop = uniqueShop("program");
    await installShop(shop);
    const request = new Request(`${APP_URL}/app/program`, {
      method: "POST",
      headers: { Authorization: `Bearer ${await forgedSessionToken(shop)}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(VALID),
    });
    expect((await runRoute(action, request)).status).toBe(401);
    expect(await db.programSettings.count({ where: { shop } })).toBe(0);
  });
});
