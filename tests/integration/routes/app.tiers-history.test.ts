// "Import order history" on the Tiers page through its real routes: the button starts one import (asking again
// answers the same one), the page shows its progress and how far back it reaches.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { expectCachedBalancesMatchLedger } from "../../support/ledger-invariants";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { loader } from "../../../app/routes/app.tiers";
import { action, type HistoryActionResult } from "../../../app/routes/app.tiers.history";
import { historyImportsIdle } from "../../../app/jobs/order-history-job";
import { tierJobsIdle } from "../../../app/jobs/tier-jobs.server";
import { recordShopSeen } from "../../../app/persistence/shops";
import { installShop, uniqueShop } from "../../support/shopify-requests";
import { runRoute, staffRequest } from "../../support/admin-requests";

const standIn = installAdminApiStandIn();
type LoaderData = Awaited<ReturnType<typeof loader>>;

describe("Import order history (Tiers page)", () => {
  it("starts one import, runs it against the stand-in, and the page shows the result and the full reach", async () => {
    const shop = uniqueShop("admin-history");
    await installShop(shop);
    await recordShopSeen(sqlDb, shop, "USD", new Date(), "UTC");
    standIn.seedShop(shop, { name: "Tea House", currencyCode: "USD" });
    standIn.seedCustomer(shop, { id: "8401" });
    standIn.seedOrder(shop, { id: "6001", customerId: "8401", subtotalPrice: "42.00", processedAt: new Date(Date.now() - 90 * 86_400_000).toISOString(), createdAt: new Date(Date.now() - 90 * 86_400_000).toISOString() });

    const before = await runRoute<LoaderData>(loader, await staffRequest(shop, "/app/tiers"));
    expect(before.body).toMatchObject({ history: null, historyReachSince: null });

    const first = await runRoute<HistoryActionResult>(action, await staffRequest(shop, "/app/tiers/history", { form: { intent: "start" } }));
    expect(first.body).toMatchObject({ ok: true, created: true });
    await historyImportsIdle();
    await tierJobsIdle();
    const page = await runRoute<LoaderData>(loader, await staffRequest(shop, "/app/tiers"));
    expect(page.body.history).toMatchObject({ status: "done", ordersSeen: 1, ordersImported: 1, lastError: null });

    expect((await runRoute(action, await staffRequest(shop, "/app/tiers/history", { form: { intent: "wipe" } }))).status).toBe(400);

    // Nothing was awarded by the import; the merchant previews, then awards exactly the previewed total, once.
    expect(await db.ledgerEntry.count({ where: { shop } })).toBe(0);
    const post = async (form: Record<string, string>) => runRoute<HistoryActionResult>(action, await staffRequest(shop, "/app/tiers/history", { form }));
    const preview = await post({ intent: "preview" });
    // $42.00 at the default rate (1 point per unit of currency).
    expect(preview.body).toEqual({ ok: true, preview: { orders: 1, members: 1, points: 42 } });
    expect((await post({ intent: "award", points: "41" })).status).toBe(409);
    expect(await db.ledgerEntry.count({ where: { shop } })).toBe(0);
    expect((await post({ intent: "award", points: "42" })).body).toEqual({ ok: true, awarded: { orders: 1, members: 1, points: 42 } });
    const member = await db.member.findUniqueOrThrow({ where: { shop_customerId: { shop, customerId: "8401" } } });
    expect(Number(member.availablePoints)).toBe(42);
    expect((await post({ intent: "preview" })).body).toEqual({ ok: true, preview: { orders: 0, members: 0, points: 0 } });
    expect((await post({ intent: "award", points: "42" })).status).toBe(409);
    await expectCachedBalancesMatchLedger(shop);
  });
});
