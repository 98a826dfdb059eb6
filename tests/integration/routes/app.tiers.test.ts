// The admin's Tiers page through its real loader and action, with session tokens as Shopify admin signs them.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { action, loader, type TiersActionResult } from "../../../app/routes/app.tiers";
import { loader as customersLoader } from "../../../app/routes/app.customers._index";
import { action as tierAction, loader as tierLoader, type TierAssignResult } from "../../../app/routes/app.customers.$id.tier";
import { recordShopSeen } from "../../../app/persistence/shops";
import { tierJobsIdle } from "../../../app/jobs/tier-jobs.server";
import { installShop, uniqueShop } from "../../support/shopify-requests";
import { deliverOk } from "../../support/webhook-delivery";
import { orderPaidPayload } from "../../support/shopify-payloads";
import { runRoute, staffRequest } from "../../support/admin-requests";

installAdminApiStandIn();

type LoaderData = Awaited<ReturnType<typeof loader>>;

const tier = (position: string, en: string, threshold: string, extra: Record<string, unknown> = {}) => ({
  id: "",
  position,
  names: { en },
  threshold,
  multiplier: "1",
  entryReward: "0",
  freeShipping: false,
  birthdayMultiplier: "1",
  ...extra,
});

const program = (tiers: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ measure: "money_spent", period: "calendar_year", graceDays: "0", tiers, ...extra });

async function post(shop: string, intent: string, body: string) {
  return runRoute<TiersActionResult>(action, await staffRequest(shop, "/app/tiers", { form: { intent, program: body } }));
}

async function newShop() {
  const shop = uniqueShop("admin-tiers");
  await installShop(shop);
  await recordShopSeen(sqlDb, shop, "USD", new Date(), "Pacific/Kiritimati");
  return shop;
}

describe("Tiers page", () => {
  it("GIVEN no tiers THEN an empty form in the shop's time zone", async () => {
    const shop = await newShop();
    const page = await runRoute<LoaderData>(loader, await staffRequest(shop, "/app/tiers"));
    expect(page.body).toMatchObject({ form: { tiers: [] }, currency: "USD", zone: "Pacific/Kiritimati", job: null });
  });

  it("refuses bad tiers with field errors and saves nothing (not increasing, duplicate name, multiplier, too many)", async () => {
    const shop = await newShop();
    const bad = await post(shop, "save", program([tier("1", "Silver", "100"), tier("2", "silver", "50", { multiplier: "11" })]));
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      ok: false,
      issues: expect.arrayContaining([
        { field: "tiers.1.multiplier", code: "out_of_range" },
        { field: "tiers.1.names.en", code: "duplicate" },
      ]),
    });
    const eleven = Array.from({ length: 11 }, (_, i) => tier(String(i + 1), `T${i}`, String(i * 10)));
    expect((await post(shop, "preview", program(eleven))).body).toEqual({ ok: false, issues: [{ field: "tiers", code: "too_many" }] });
    expect((await post(shop, "save", "{not json")).status).toBe(400);
    expect(await db.tierProgram.count({ where: { shop } })).toBe(0);
    expect(await db.tier.count({ where: { shop } })).toBe(0);
  });

  it("previews (writing nothing), then saves and re-evaluates as a job whose progress the page shows", async () => {
    const shop = await newShop();
    for (const [orderId, customerId, cents] of [["6101", "31", 12_000], ["6102", "32", 2_000]] as const) {
      await deliverOk(shop, "orders/paid", orderPaidPayload({ orderId, customerId, lines: [{ id: `${orderId}1`, quantity: 1, unitPrice: cents }] }));
    }
    const body = program([tier("2", "Gold", "100", { entryReward: "50", names: { en: "Gold", pl: "Złoto" } }), tier("1", "Member", "0")]);
    const preview = await post(shop, "preview", body);
    expect(preview.body).toEqual({ ok: true, preview: { members: 2, up: 2, downAtPeriodEnd: 0, tierDeleted: 0 } });
    expect(await db.tierProgram.count({ where: { shop } })).toBe(0);

    const saved = await post(shop, "save", body);
    expect(saved.body).toMatchObject({ ok: true, jobId: expect.any(Number) });
    await tierJobsIdle();
    const page = await runRoute<LoaderData>(loader, await staffRequest(shop, "/app/tiers"));
    expect(page.body.form.tiers.map((t) => [t.position, t.names.en, t.threshold])).toEqual([
      ["1", "Member", "0.00"],
      ["2", "Gold", "100.00"],
    ]);
    expect(page.body.job).toMatchObject({ status: "done", totalMembers: 2, processedMembers: 2, movedUp: 2 });
    const goldId = page.body.form.tiers[1]!.id;
    const memberId = page.body.form.tiers[0]!.id;
    expect(page.body.membersPerTier).toEqual({ [goldId]: 1, [memberId]: 1 });

    // Customers: a tier column, and a filter by tier (an unknown tier id filters nothing).
    type Customers = Awaited<ReturnType<typeof customersLoader>>;
    const all = await runRoute<Customers>(customersLoader, await staffRequest(shop, "/app/customers"));
    expect(all.body.members.map((m) => [m.customerId, m.tierId])).toEqual([["31", goldId], ["32", memberId]]);
    const gold = await runRoute<Customers>(customersLoader, await staffRequest(shop, `/app/customers?tier=${goldId}`));
    expect([gold.body.total, gold.body.members.map((m) => m.customerId)]).toEqual([1, ["31"]]);
    const unknown = await runRoute<Customers>(customersLoader, await staffRequest(shop, "/app/customers?tier=99999999"));
    expect(unknown.body.total).toBe(2);
  });
});

describe("customer page: tier card", () => {
  it("shows the member's tier and history; staff set a tier with reason and date (field errors first, nothing written)", async () => {
    const shop = await newShop();
    await post(shop, "save", program([tier("1", "Member", "0"), tier("2", "Gold", "100")]));
    await tierJobsIdle();
    await deliverOk(shop, "orders/paid", orderPaidPayload({ orderId: "6201", customerId: "41", lines: [{ id: "62011", quantity: 1, unitPrice: 2_000 }] }));
    type TierData = Awaited<ReturnType<typeof tierLoader>>;
    const path = "/app/customers/41/tier";
    const before = await runRoute<TierData>(tierLoader, await staffRequest(shop, path), { id: "41" });
    expect(before.body.summary).toMatchObject({ current: { names: { en: "Member" } }, next: { names: { en: "Gold" } }, progress: 2_000, needed: 8_000 });
    expect(before.body.changes.map((c) => [c.fromName, c.toName, c.cause])).toEqual([[null, "Member", "qualified"]]);
    const goldId = before.body.summary!.tiers[1]!.id;

    const refused = await runRoute<TierAssignResult>(tierAction, await staffRequest(shop, path, { form: { tierId: goldId, holdUntil: "someday", reason: "" } }), { id: "41" });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ ok: false, issues: [{ field: "reason", code: "required" }, { field: "holdUntil", code: "invalid" }] });
    expect(await db.tierChange.count({ where: { shop, cause: "manual" } })).toBe(0);

    const holdUntil = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const done = await runRoute<TierAssignResult>(tierAction, await staffRequest(shop, path, { form: { tierId: goldId, holdUntil, reason: "Press event" } }), { id: "41" });
    expect(done.body).toEqual({ ok: true });
    const after = await runRoute<TierData>(tierLoader, await staffRequest(shop, path), { id: "41" });
    expect(after.body.summary).toMatchObject({ current: { names: { en: "Gold" } }, holdUntil: expect.any(String) });
    expect(after.body.changes[0]).toMatchObject({ fromName: "Member", toName: "Gold", cause: "manual", reason: "Press event", staffUserId: expect.any(String) });
    // Another shop's member is not found.
    const other = await newShop();
    expect((await runRoute(tierLoader, await staffRequest(other, path), { id: "41" })).status).toBe(404);
  });
});
