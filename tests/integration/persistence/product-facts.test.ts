// Exclusions and campaign scopes by collection and product tag, end to end: the admin saves them (real routes, session
// tokens as Shopify signs them), the app asks the Admin API stand-in which products those are (typed operations it
// validates against the 2026-10 schema), and a signed orders/paid — whose lines carry only product ids — earns by them
// with no API call in the webhook.
import { describe, expect, it } from "vitest";
import { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { action as campaignsAction } from "../../../app/routes/app.campaigns";
import { action as waysAction } from "../../../app/routes/app.ways-to-earn";
import { saveProgramSettings } from "../../../app/persistence/program-settings";
import { DEFAULT_PROGRAM_SETTINGS } from "../../../app/rules/program-settings";
import { campaignToForm, instantToLocalInput } from "../../../app/rules/campaign-form";
import { installShop, uniqueShop } from "../../support/shopify-requests";
import { runRoute, staffRequest } from "../../support/admin-requests";
import { deliverOk } from "../../support/webhook-delivery";
import { collectionDeletePayload, collectionUpdatePayload, orderPaidPayload, productUpdatePayload } from "../../support/shopify-payloads";
import { deliver } from "../../support/webhook-delivery";
import { signedWebhookRequest } from "../../support/shopify-requests";
import { action as productsUpdate } from "../../../app/routes/webhooks.products.update";
import { action as collectionsUpdate } from "../../../app/routes/webhooks.collections.update";
import { action as collectionsDelete } from "../../../app/routes/webhooks.collections.delete";
import db from "../../../app/db.server";
import { memberBalances } from "../../support/ledger-invariants";

const standIn = installAdminApiStandIn();

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function shopWithCatalog() {
  const shop = uniqueShop("facts");
  await installShop(shop);
  await saveProgramSettings(sqlDb, shop, { ...DEFAULT_PROGRAM_SETTINGS, pendingDays: 0 });
  standIn.seedCollection(shop, { id: 5001, title: "Coffee" });
  standIn.seedCollection(shop, { id: 5002, title: "Gift sets" });
  standIn.seedProduct(shop, { id: 7101, title: "Beans", tags: ["Coffee"], collectionIds: [5001] });
  standIn.seedProduct(shop, { id: 7102, title: "Mug", tags: ["merch"], collectionIds: [] });
  standIn.seedProduct(shop, { id: 7103, title: "Gift box", tags: ["Gift"], collectionIds: [5002] });
  return shop;
}

// $10 of each product: 10 points each at 1 per $.
const order = (orderId: string) =>
  orderPaidPayload({
    orderId,
    customerId: "801",
    lines: [
      { id: `${orderId}1`, quantity: 1, unitPrice: 1000, productId: "7101" },
      { id: `${orderId}2`, quantity: 1, unitPrice: 1000, productId: "7102" },
      { id: `${orderId}3`, quantity: 1, unitPrice: 1000, productId: "7103" },
    ],
  });

describe("collections and tags at order time", () => {
  it("GIVEN exclusions by collection (Gift sets) and by tag (MERCH, any case) THEN only the beans earn", async () => {
    const shop = await shopWithCatalog();
    const saved = await runRoute<Json>(waysAction, await staffRequest(shop, "/app/ways-to-earn", { form: { intent: "save_exclusions", excludedCollectionIds: "gid://shopify/Collection/5002", excludedProductTags: "MERCH" } }));
    expect(saved).toMatchObject({ status: 200, body: { ok: true } });
    const asked = standIn.requests.length;
    await deliverOk(shop, "orders/paid", order("9911"));
    // The webhook asked Shopify nothing.
    expect(standIn.requests.length).toBe(asked);
    expect(await memberBalances(shop, "801")).toEqual({ available: 10, pending: 0 });
  });

  it("GIVEN a 3× campaign for the Coffee collection and a 2× one for the tag 'gift' THEN each line gets its campaign's multiplier", async () => {
    const shop = await shopWithCatalog();
    const now = new Date();
    const form = (name: string, multiplier: string, scope: Record<string, string>) => ({
      intent: "save",
      id: "",
      ...campaignToForm(null, "UTC", now),
      name_en: name,
      multiplier,
      startsAt: instantToLocalInput(new Date(now.getTime() - 3_600_000), "UTC"),
      endsAt: instantToLocalInput(new Date(now.getTime() + 3_600_000), "UTC"),
      ...scope,
    });
    for (const campaign of [form("Coffee week", "3", { collectionIds: "5001" }), form("Gifts", "2", { productTags: "gift" })]) {
      expect((await runRoute<Json>(campaignsAction, await staffRequest(shop, "/app/campaigns", { form: campaign }))).status).toBe(200);
    }
    await deliverOk(shop, "orders/paid", order("9921"));
    expect(await memberBalances(shop, "801")).toEqual({ available: 30 + 10 + 20, pending: 0 });
  });

  it("GIVEN an exclusion by tag WHEN a signed products/update tags another product with it THEN that product stops earning, with no API call; untagged again THEN it earns", async () => {
    const shop = await shopWithCatalog();
    await runRoute<Json>(waysAction, await staffRequest(shop, "/app/ways-to-earn", { form: { intent: "save_exclusions", excludedCollectionIds: "", excludedProductTags: "merch" } }));
    const asked = standIn.requests.length;
    await deliverOk(shop, "products/update", productUpdatePayload("7101", "Coffee, Merch"));
    await deliverOk(shop, "orders/paid", order("9931"));
    // Beans now tagged merch, the mug too: only the gift box earns.
    expect(await memberBalances(shop, "801")).toEqual({ available: 10, pending: 0 });
    await deliverOk(shop, "products/update", productUpdatePayload("7101", "Coffee"));
    await deliverOk(shop, "orders/paid", order("9932"));
    expect(await memberBalances(shop, "801")).toEqual({ available: 10 + 20, pending: 0 });
    expect(standIn.requests.length).toBe(asked);
  });

  it("products/update: a wrong signature is 401 and a body without an id 400, nothing written", async () => {
    const shop = await shopWithCatalog();
    const forged = signedWebhookRequest({ shop, topic: "products/update", payload: productUpdatePayload("7101", "merch"), secret: "not-the-secret" });
    const answer = await productsUpdate({ request: forged });
    expect(answer.status).toBe(401);
    expect((await deliver(shop, "products/update", { title: "no id", tags: "" })).status).toBe(400);
  });

  it("GIVEN an exclusion by the Gift sets collection WHEN the mug is added to it and a signed collections/update arrives THEN the mug stops earning without a save", async () => {
    const shop = await shopWithCatalog();
    await runRoute<Json>(waysAction, await staffRequest(shop, "/app/ways-to-earn", { form: { intent: "save_exclusions", excludedCollectionIds: "5002", excludedProductTags: "" } }));
    standIn.seedProduct(shop, { id: 7102, title: "Mug", tags: ["merch"], collectionIds: [5002] });
    await deliverOk(shop, "collections/update", collectionUpdatePayload("5002"));
    await deliverOk(shop, "orders/paid", order("9941"));
    // Beans earn; the mug and the gift box are in the excluded collection now.
    expect(await memberBalances(shop, "801")).toEqual({ available: 10, pending: 0 });
  });

  it("GIVEN a campaign scoped to Coffee WHEN a collection nobody names changes THEN Shopify is not asked; WHEN Coffee is deleted THEN its products lose the campaign", async () => {
    const shop = await shopWithCatalog();
    const now = new Date();
    const campaign = {
      intent: "save", id: "", ...campaignToForm(null, "UTC", now), name_en: "Coffee week", multiplier: "3",
      startsAt: instantToLocalInput(new Date(now.getTime() - 3_600_000), "UTC"), endsAt: instantToLocalInput(new Date(now.getTime() + 3_600_000), "UTC"),
      collectionIds: "5001",
    };
    expect((await runRoute<Json>(campaignsAction, await staffRequest(shop, "/app/campaigns", { form: campaign }))).status).toBe(200);
    const asked = standIn.requests.length;
    await deliverOk(shop, "collections/update", collectionUpdatePayload("5002"));
    expect(standIn.requests.length).toBe(asked);
    // Shopify deletes the collection: its products are in no collection any more.
    standIn.seedProduct(shop, { id: 7101, title: "Beans", tags: ["Coffee"], collectionIds: [] });
    await deliverOk(shop, "collections/delete", collectionDeletePayload("5001"));
    expect(standIn.requests.length).toBeGreaterThan(asked);
    await deliverOk(shop, "orders/paid", order("9951"));
    expect(await memberBalances(shop, "801")).toEqual({ available: 30, pending: 0 });
    const failed = await db.webhookDelivery.findMany({ where: { shop, lastError: { not: null } }, select: { lastError: true } });
    expect(failed).toEqual([]);
  });

  it("collections/update and collections/delete: a wrong signature is 401 and a body without an id 400, nothing stored", async () => {
    const shop = await shopWithCatalog();
    for (const [topic, route, payload] of [
      ["collections/update", collectionsUpdate, collectionUpdatePayload("5002")],
      ["collections/delete", collectionsDelete, collectionDeletePayload("5002")],
    ] as const) {
      const forged = signedWebhookRequest({ shop, topic, payload, secret: "not-the-secret" });
      expect((await route({ request: forged })).status).toBe(401);
      expect((await deliver(shop, topic, { title: "no id" })).status).toBe(400);
    }
    expect(await db.webhookDelivery.count({ where: { shop } })).toBe(0);
  });
});
