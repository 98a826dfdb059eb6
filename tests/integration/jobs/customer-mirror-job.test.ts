// The mirror of points and tier into Shopify (customer metafields $app.points / $app.tier and a tag per tier) through
// the Admin API stand-in, which validates every operation against the 2026-10 schema and keeps a cost bucket:
// batches of 25 members, at most 25 metafields per metafieldsSet, faults injected (userErrors, 5xx, THROTTLED beyond
// the helper's back-off) and Shopify ending with exactly the ledger's numbers. orders/paid only marks the member.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { STAND_IN_APP_ID } from "../../../app/demo/admin-api";
import { appendEntries, ensureMember } from "../../../app/persistence/ledger";
import { recordShopSeen } from "../../../app/persistence/shops";
import { saveTierProgram } from "../../../app/persistence/tier-program";
import { runTierJob } from "../../../app/persistence/tier-reevaluation";
import { assignMemberTier } from "../../../app/persistence/tier-assignment";
import { mirrorStatus, saveMirrorSettings } from "../../../app/persistence/customer-mirror";
import { validateTierForm, type TierFormTier } from "../../../app/rules/tiers";
import { runCustomerMirror } from "../../../app/jobs/customer-mirror-job";
import { customerMirrorWriterForShop } from "../../../app/shopify/customer-mirror.server";
import { installedShop } from "../../support/shopify-requests";
import { deliverOk } from "../../support/webhook-delivery";
import { orderPaidPayload } from "../../support/shopify-payloads";

const standIn = installAdminApiStandIn();
const NAMESPACE = `app--${STAND_IN_APP_ID}`;
const writer = (shop: string) => customerMirrorWriterForShop(shop, { baseDelayMs: 1, timeoutMs: 2000 });

const formTier = (position: number, en: string, threshold: string): TierFormTier => ({
  id: "",
  position: String(position),
  names: { en },
  threshold,
  multiplier: "1",
  entryReward: "0",
  freeShipping: false,
  birthdayMultiplier: "1",
});

async function mirroredShop(members: number, options = { tierTags: true }) {
  const shop = await installedShop("mirror");
  await recordShopSeen(sqlDb, shop, "USD", new Date(), "Europe/Warsaw");
  standIn.seedShop(shop, { name: "Tea House", currencyCode: "USD" });
  const form = validateTierForm({ measure: "money_spent", period: "lifetime", graceDays: "0", tiers: [formTier(1, "Silver", "100"), formTier(2, "Gold", "500")] }, "USD");
  if (!form.ok) throw new Error(JSON.stringify(form.issues));
  await runTierJob(sqlDb, shop, await saveTierProgram(sqlDb, shop, form.rules, "staff-1"));
  const tiers = await db.tier.findMany({ where: { shop }, orderBy: { position: "asc" } });
  const ids: number[] = [];
  for (let i = 0; i < members; i += 1) {
    const customerId = String(8100 + i);
    standIn.seedCustomer(shop, { id: customerId });
    const member = await ensureMember(sqlDb, shop, customerId);
    await sqlDb.transaction().execute((tx) =>
      appendEntries(tx, shop, member.id, [
        { kind: "adjust", availableDelta: 10 * (i + 1), pendingDelta: 0, reason: "grant", sourceType: "staff", sourceId: "t", idempotencyKey: `grant:${customerId}` },
      ]),
    );
    // Every third member Gold, every third Silver, the rest no tier.
    const tier = i % 3 === 0 ? tiers[1] : i % 3 === 1 ? tiers[0] : null;
    if (tier) {
      const holdUntil = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
      await assignMemberTier(sqlDb, shop, { memberId: member.id, tierId: String(tier.id), holdUntil, reason: "test", staffUserId: "s" });
    }
    ids.push(member.id);
  }
  await saveMirrorSettings(sqlDb, shop, { enabled: true, tierTags: options.tierTags });
  return { shop, ids };
}

/** What Shopify holds for every member must be what the database says: points, tier, tier tag. */
async function expectShopifyMatchesDatabase(shop: string, tierTags = true) {
  const members = await db.member.findMany({ where: { shop }, include: { tier: true } });
  const tiers = await db.tier.findMany({ where: { shop } });
  const nameOf = (id: number | null | undefined) => {
    const tier = tiers.find((candidate) => candidate.id === id);
    return tier ? (JSON.parse(tier.names) as { en: string }).en : null;
  };
  const state = standIn.state.shops.get(shop)!;
  for (const member of members) {
    const gid = `gid://shopify/Customer/${member.customerId}`;
    const fields = [...state.metafields.values()].filter((record) => record.ownerId === gid && record.namespace === NAMESPACE);
    const value = (key: string) => fields.find((record) => record.key === key)?.value ?? null;
    const tier = nameOf(member.tier?.tierId);
    expect({ customer: member.customerId, points: value("points"), tier: value("tier"), tags: state.customers.get(gid)!.tags.filter((tag) => tag.startsWith("Loyalty:")) }).toEqual({
      customer: member.customerId,
      points: String(member.availablePoints),
      tier,
      tags: tier && tierTags ? [`Loyalty: ${tier}`] : [],
    });
  }
}

/** This shop's result of a run (the run covers every shop with the mirror on). */
const resultFor = (shop: string, results: Awaited<ReturnType<typeof runCustomerMirror>>) => results.find((result) => result.shop === shop)!;

const metafieldsSetCalls = (shop: string) => standIn.requests.filter((request) => request.shop === shop && request.operationName === "MirrorMetafieldsSet");

describe("mirroring points and tier into Shopify", () => {
  it("writes every member in batches of 25, never more than 25 metafields per call, and nothing is left due", async () => {
    const { shop } = await mirroredShop(30);
    expect((await mirrorStatus(sqlDb, shop)).due).toBe(30);
    const result = resultFor(shop, await runCustomerMirror(sqlDb, writer));
    expect(result).toMatchObject({ shop, synced: 30, failed: 0, error: null });
    const calls = metafieldsSetCalls(shop);
    expect(calls.every((call) => (call.variables.metafields as unknown[]).length <= 25)).toBe(true);
    // Whole members packed up to 25 metafields a call (2 with a tier, 1 without): the first 25 members' 42 metafields
    // in two calls, then the last 5 members' 8 in one.
    expect(calls.map((call) => (call.variables.metafields as unknown[]).length)).toEqual([25, 17, 8]);
    await expectShopifyMatchesDatabase(shop);
    expect(await mirrorStatus(sqlDb, shop)).toMatchObject({ enabled: true, tierTags: true, due: 0, syncedCount: 30, lastError: null });
    // Nothing changed: the next run asks Shopify nothing.
    const before = standIn.requests.length;
    await runCustomerMirror(sqlDb, writer);
    expect(standIn.requests.filter((request) => request.shop === shop).length).toBe(standIn.requests.slice(0, before).filter((request) => request.shop === shop).length);
  });

  it("GIVEN userErrors, a 5xx and a long THROTTLED THEN failed members stay due and later runs make Shopify match the ledger", async () => {
    const { shop, ids } = await mirroredShop(28);
    standIn.injectFault({ kind: "userErrors", userErrors: [{ field: ["metafields", "0", "value"], message: "Value is invalid.", code: "INVALID_VALUE" }] }, { operationName: "MirrorMetafieldsSet" });
    standIn.injectFault({ kind: "http5xx", status: 503 }, { operationName: "MirrorMetafieldsSet" });
    let now = new Date();
    const first = resultFor(shop, await runCustomerMirror(sqlDb, writer, now));
    expect(first.failed).toBe(25); // the first two calls (the whole first batch: 15 + 10 members) failed
    expect(first.error).toMatch(/MirrorMetafieldsSet/);
    expect((await mirrorStatus(sqlDb, shop, new Date(now.getTime() + 120_000))).due).toBe(25);

    // A balance changes meanwhile, and THROTTLED outlasts the helper's retries: the run stops, nothing is lost.
    await sqlDb.transaction().execute((tx) =>
      appendEntries(tx, shop, ids[27]!, [{ kind: "adjust", availableDelta: 5, pendingDelta: 0, reason: "more", sourceType: "staff", sourceId: "t", idempotencyKey: "more" }]),
    );
    standIn.injectFault({ kind: "throttled" }, { operationName: "MirrorMetafieldsSet", times: 4 });
    now = new Date(now.getTime() + 120_000);
    const throttled = resultFor(shop, await runCustomerMirror(sqlDb, writer, now));
    expect(throttled.error).toMatch(/throttled/i);

    // Failed members wait a minute before their next try; a few later runs finish the work.
    const later = () => new Date(now.getTime() + 86_400_000);
    for (let run = 0; run < 5 && (await mirrorStatus(sqlDb, shop, later())).due > 0; run += 1) {
      now = new Date(now.getTime() + 120_000);
      await runCustomerMirror(sqlDb, writer, now);
    }
    expect((await mirrorStatus(sqlDb, shop, later())).due).toBe(0);
    await expectShopifyMatchesDatabase(shop);
  });

  it("GIVEN a tier renamed with tags on THEN its members are due again and Shopify ends with the new name only (old tag removed)", async () => {
    const { shop } = await mirroredShop(6);
    await runCustomerMirror(sqlDb, writer);
    await expectShopifyMatchesDatabase(shop);
    const [silver, gold] = await db.tier.findMany({ where: { shop }, orderBy: { position: "asc" } });
    const form = validateTierForm(
      {
        measure: "money_spent",
        period: "lifetime",
        graceDays: "0",
        tiers: [
          { ...formTier(1, "Silver", "100"), id: String(silver!.id) },
          { ...formTier(2, "Gold Plus", "500"), id: String(gold!.id) },
        ],
      },
      "USD",
    );
    if (!form.ok) throw new Error(JSON.stringify(form.issues));
    await runTierJob(sqlDb, shop, await saveTierProgram(sqlDb, shop, form.rules, "staff-1"));
    // Only the renamed tier's members (customers 8100 and 8103): Silver's and the untiered are not written again.
    expect((await mirrorStatus(sqlDb, shop)).due).toBe(2);
    expect(resultFor(shop, await runCustomerMirror(sqlDb, writer))).toMatchObject({ synced: 2, failed: 0, error: null });
    await expectShopifyMatchesDatabase(shop);
    const tags = standIn.state.shops.get(shop)!.customers.get("gid://shopify/Customer/8100")!.tags;
    expect(tags).toContain("Loyalty: Gold Plus");
    expect(tags).not.toContain("Loyalty: Gold");
  });

  it("GIVEN orders/paid THEN the member is marked due in its transaction and no Admin API call is made on the webhook's path", async () => {
    const { shop } = await mirroredShop(1, { tierTags: false });
    await runCustomerMirror(sqlDb, writer);
    const before = standIn.requests.length;
    await deliverOk(shop, "orders/paid", orderPaidPayload({ orderId: "7771", customerId: "8100", lines: [{ id: "77711", quantity: 1, unitPrice: 60_000 }] }), "mirror-d1");
    expect(standIn.requests.length).toBe(before);
    const member = await db.member.findUniqueOrThrow({ where: { shop_customerId: { shop, customerId: "8100" } } });
    expect(member.mirrorDueAt).not.toBeNull();
    await runCustomerMirror(sqlDb, writer);
    await expectShopifyMatchesDatabase(shop, false);
  });
});
