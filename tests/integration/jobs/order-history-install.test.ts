// "On install": a shop installing the app through Shopify-managed installation (token exchange, then the afterAuth
// hook) gets its past orders imported once, by itself. Authenticating again — a lost session, a new token — starts
// nothing; a reinstall after app/uninstalled imports again.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { loader as appLoader } from "../../../app/routes/app";
import { historyImportsIdle } from "../../../app/jobs/order-history-job";
import { tierJobsIdle } from "../../../app/jobs/tier-jobs.server";
import { INSTALL_IMPORT_BY, recordInstallWithHistoryImport } from "../../../app/persistence/order-history-import";
import { adminFetchRequest, uniqueShop } from "../../support/shopify-requests";
import { deliverOk } from "../../support/webhook-delivery";

const standIn = installAdminApiStandIn();
const DAY = 86_400_000;

/** Opens the admin as Shopify does: with a session token; token exchange and afterAuth run when there is no session. */
async function openAdmin(shop: string) {
  try {
    await appLoader({ request: await adminFetchRequest(shop, "/app/customers"), params: {}, context: {} });
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    throw new Error(`admin answered ${thrown.status}`);
  }
}

const imports = (shop: string) => db.orderHistoryImport.findMany({ where: { shop }, orderBy: { id: "asc" } });

describe("order history import on install", () => {
  it("an install queues exactly one import, a repeated authentication none, a reinstall after uninstall one more", async () => {
    const shop = uniqueShop("install-history");
    standIn.seedShop(shop, { name: "Tea House", currencyCode: "USD" });
    standIn.seedCustomer(shop, { id: "8501" });
    const ago = new Date(Date.now() - 30 * DAY).toISOString();
    standIn.seedOrder(shop, { id: "6101", customerId: "8501", subtotalPrice: "75.00", createdAt: ago, processedAt: ago });

    await openAdmin(shop);
    await historyImportsIdle();
    await tierJobsIdle();
    const first = await imports(shop);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ staffUserId: INSTALL_IMPORT_BY, status: "done", ordersSeen: 1, ordersImported: 1 });
    // Tier progress and statistics only: no points.
    expect(await db.orderRecord.count({ where: { shop, orderId: "6101" } })).toBe(1);
    expect(await db.ledgerEntry.count({ where: { shop } })).toBe(0);

    // Loading again with the session in place, and authenticating anew (the offline session gone, token exchange
    // and afterAuth run again) while still installed: no second import.
    await openAdmin(shop);
    await db.session.deleteMany({ where: { shop } });
    await openAdmin(shop);
    expect(await db.session.count({ where: { shop, isOnline: false } })).toBe(1);
    await historyImportsIdle();
    expect(await imports(shop)).toHaveLength(1);

    // Uninstalled (sessions deleted, shop marked), then installed again: the history is imported once more — the
    // orders already recorded are not counted twice.
    await deliverOk(shop, "app/uninstalled", { id: 1, domain: shop });
    expect(await db.session.count({ where: { shop } })).toBe(0);
    await openAdmin(shop);
    await openAdmin(shop);
    await historyImportsIdle();
    await tierJobsIdle();
    const after = await imports(shop);
    expect(after).toHaveLength(2);
    expect(after[1]).toMatchObject({ staffUserId: INSTALL_IMPORT_BY, status: "done", ordersSeen: 1, ordersImported: 0 });
    expect(await db.orderRecord.count({ where: { shop, orderId: "6101" } })).toBe(1);
    expect(await db.shop.findUniqueOrThrow({ where: { domain: shop } })).toMatchObject({ uninstalledAt: null });
  });

  it("two authentications of a new shop at the same moment queue one import between them", async () => {
    const shop = uniqueShop("install-race");
    const results = await Promise.all([recordInstallWithHistoryImport(sqlDb, shop), recordInstallWithHistoryImport(sqlDb, shop)]);
    expect(results.filter((result) => result?.created)).toHaveLength(1);
    expect(results.filter((result) => result === null)).toHaveLength(1);
    expect(await imports(shop)).toHaveLength(1);
  });
});
