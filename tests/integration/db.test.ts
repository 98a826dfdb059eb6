import { describe, expect, it } from "vitest";
import db, { activeDatabase } from "../../app/db.server";

describe("database", () => {
  it("runs on the provider the test run asked for, migrated", async () => {
    expect(activeDatabase).toBe(process.env.TEST_DATABASE ?? "sqlite");
    await db.shop.create({ data: { domain: "db-check.myshopify.com", currency: "EUR" } });
    const shop = await db.shop.findUnique({ where: { domain: "db-check.myshopify.com" } });
    expect(shop?.currency).toBe("EUR");
  });
});
