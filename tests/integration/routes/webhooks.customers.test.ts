// The customer lifecycle and the mandatory compliance webhooks, through their real routes.
import { afterEach, describe, expect, it, vi } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { webhookTopics } from "../../../app/shopify/webhook-topics.server";
import { sweepWebhookInbox } from "../../../app/shopify/webhook-inbox.server";
import { saveProgramSettings } from "../../../app/persistence/program-settings";
import { DEFAULT_PROGRAM_SETTINGS } from "../../../app/rules/program-settings";
import { installedShop } from "../../support/shopify-requests";
import { deliver, deliverOk } from "../../support/webhook-delivery";
import { customerPayload, orderPaidPayload, refundPayload } from "../../support/shopify-payloads";
import { expectCachedBalancesMatchLedger, memberBalances } from "../../support/ledger-invariants";
import { adjustMemberPoints } from "../../../app/persistence/staff-adjustments";
import { createReward } from "../../../app/persistence/reward-catalog";
import { REWARD_DEFAULTS } from "../../../app/rules/rewards";
import { getProgramStats } from "../../../app/persistence/program-stats";

const order = { orderId: "8101", customerId: "701", lines: [{ id: "81011", quantity: 2, unitPrice: 2500 }] };

afterEach(() => {
  vi.restoreAllMocks();
});

// A customer with an account (Shopify's state "enabled"), created now: the sign-up bonus is due (app/rules/membership.ts).
const withAccount = { state: "enabled", created_at: new Date().toISOString() };

describe("customers/create and customers/update", () => {
  it("GIVEN a sign-up bonus of 50 WHEN customers/create of an account arrives twice (new delivery ids) THEN the bonus is granted once", async () => {
    const shop = await installedShop();
    await saveProgramSettings(sqlDb, shop, { ...DEFAULT_PROGRAM_SETTINGS, signupBonus: 50 });
    await deliverOk(shop, "customers/create", customerPayload("701", withAccount), "c-1");
    await deliverOk(shop, "customers/create", customerPayload("701", withAccount), "c-2");
    expect(await memberBalances(shop, "701")).toEqual({ available: 50, pending: 0 });
    expect(await db.member.findFirst({ where: { shop } })).toMatchObject({ email: "bob.norman@mail.example.com", firstName: "Bob" });
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN a customer without an account (state disabled) THEN no sign-up bonus; WHEN the account is activated (customers/update, enabled) THEN the bonus, once", async () => {
    const shop = await installedShop();
    await saveProgramSettings(sqlDb, shop, { ...DEFAULT_PROGRAM_SETTINGS, signupBonus: 50 });
    await deliverOk(shop, "customers/create", customerPayload("702", { ...withAccount, state: "disabled" }));
    await deliverOk(shop, "customers/update", customerPayload("702", { ...withAccount, state: "invited" }));
    expect(await memberBalances(shop, "702")).toEqual({ available: 0, pending: 0 });
    await deliverOk(shop, "customers/update", customerPayload("702", withAccount));
    await deliverOk(shop, "customers/update", customerPayload("702", { ...withAccount, first_name: "Later edit" }));
    expect(await memberBalances(shop, "702")).toEqual({ available: 50, pending: 0 });
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN an account created before the app was installed THEN no sign-up bonus when it is updated (never retroactive)", async () => {
    const shop = await installedShop();
    await saveProgramSettings(sqlDb, shop, { ...DEFAULT_PROGRAM_SETTINGS, signupBonus: 50 });
    // The fixture's created_at is 2025: long before this install.
    await deliverOk(shop, "customers/update", customerPayload("703", { state: "enabled" }));
    expect(await memberBalances(shop, "703")).toEqual({ available: 0, pending: 0 });
  });

  it("GIVEN a member WHEN customers/update changes the email THEN the member's email follows", async () => {
    const shop = await installedShop();
    await deliverOk(shop, "customers/create", customerPayload("701"));
    await deliverOk(shop, "customers/update", customerPayload("701", { email: "new@example.com", first_name: "Robert" }));
    expect(await db.member.findFirst({ where: { shop } })).toMatchObject({ email: "new@example.com", firstName: "Robert", lastName: "Norman" });
  });

  it("GIVEN a customers/create body without an id THEN 400 and no member", async () => {
    const shop = await installedShop();
    const response = await deliver(shop, "customers/create", customerPayload("701", { id: undefined, admin_graphql_api_id: undefined }));
    expect(response.status).toBe(400);
    expect(await db.member.count({ where: { shop } })).toBe(0);
  });
});

describe("compliance webhooks", () => {
  it("customers/data_request records an export of the member, their ledger and orders", async () => {
    const shop = await installedShop();
    await deliverOk(shop, "orders/paid", orderPaidPayload(order));
    await deliverOk(shop, "customers/data_request", {
      shop_id: 1, shop_domain: shop, orders_requested: [8101], customer: { id: 701, email: "customer-701@example.com", phone: null }, data_request: { id: 9 },
    });
    const request = await db.dataRequest.findFirstOrThrow({ where: { shop, customerId: "701" } });
    const exported = JSON.parse(request.export) as { member: { email: string; pendingPoints: number }; ledger: unknown[]; orders: Array<{ orderId: string; points: number }> };
    expect(exported.member).toMatchObject({ email: "customer-701@example.com", pendingPoints: 50 });
    expect(exported.ledger).toHaveLength(1);
    expect(exported.orders).toEqual([expect.objectContaining({ orderId: "8101", points: 50 })]);
  });

  it("customers/redact erases the member's personal data and keeps the anonymous balance", async () => {
    const shop = await installedShop();
    await deliverOk(shop, "orders/paid", orderPaidPayload(order));
    await deliverOk(shop, "customers/redact", { shop_id: 1, shop_domain: shop, customer: { id: 701, email: "x", phone: null }, orders_to_redact: [8101] });
    const member = await db.member.findFirstOrThrow({ where: { shop } });
    expect(member).toMatchObject({ email: null, firstName: null, lastName: null, pendingPoints: 50n });
    expect(member.redactedAt).not.toBeNull();
    // A later customers/update must not bring the personal data back.
    await deliverOk(shop, "customers/update", customerPayload("701"));
    expect((await db.member.findFirstOrThrow({ where: { shop } })).email).toBeNull();
    await expectCachedBalancesMatchLedger(shop);
  });

  it("customers/redact also erases the customer's data from deliveries not applied yet and their orders' held events; those deliveries still apply", async () => {
    const shop = await installedShop();
    await deliverOk(shop, "orders/paid", orderPaidPayload(order));
    // Deliveries whose work failed and waits for a retry: one about the customer, one about their second order, one
    // about someone else.
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    vi.spyOn(webhookTopics["customers/update"], "apply").mockRejectedValueOnce(new Error("database went away"));
    await deliverOk(shop, "customers/update", customerPayload("701"), "w-update-701");
    const secondOrder = { orderId: "8102", customerId: "701", lines: [{ id: "81021", quantity: 1, unitPrice: 4000 }] };
    vi.spyOn(webhookTopics["orders/paid"], "apply").mockRejectedValueOnce(new Error("database went away"));
    await deliverOk(shop, "orders/paid", orderPaidPayload(secondOrder), "w-paid-8102");
    vi.spyOn(webhookTopics["customers/update"], "apply").mockRejectedValueOnce(new Error("database went away"));
    await deliverOk(shop, "customers/update", customerPayload("702", { email: "eve@example.com", first_name: "Eve" }), "w-update-702");
    // A refund of an order whose orders/paid never came: held.
    await deliverOk(shop, "refunds/create", refundPayload({ refundId: "91", orderId: "8103", lines: [{ lineItemId: "81031", quantity: 1 }] }));
    const unapplied = (webhookId: string) => db.webhookDelivery.findUniqueOrThrow({ where: { shop_webhookId: { shop, webhookId } } });
    expect((await unapplied("w-update-701")).payload).toContain("bob.norman@mail.example.com");
    expect(await db.heldOrderEvent.count({ where: { shop } })).toBe(1);
    const untouched = (await unapplied("w-update-702")).payload;

    await deliverOk(shop, "customers/redact", {
      shop_id: 1, shop_domain: shop, customer: { id: 701, email: "bob.norman@mail.example.com", phone: null }, orders_to_redact: [8101, 8102, 8103],
    });

    // Shopify's bodies carry the customer's emails, names, addresses, phone numbers: none of them is left.
    const personal = ["bob.norman", "customer-701@example.com", "Bob", "Norman", "Chestnut", "Louisville", "555-625-1199", "+16136120707", "0.0.0.0"];
    for (const webhookId of ["w-update-701", "w-paid-8102"]) {
      const { payload, processedAt } = await unapplied(webhookId);
      expect(processedAt).toBeNull();
      for (const value of personal) expect(payload, `${webhookId} still holds ${value}`).not.toContain(value);
    }
    expect((await unapplied("w-update-702")).payload).toBe(untouched);
    expect(await db.heldOrderEvent.count({ where: { shop } })).toBe(0);

    // The retries still do the work: the second order earns its 40 points, and the member stays erased.
    expect(await sweepWebhookInbox(sqlDb, new Date(Date.now() + 60 * 60 * 1000), undefined, shop)).toEqual({ applied: 3, failed: 0 });
    expect(await memberBalances(shop, "701")).toEqual({ available: 0, pending: 90 });
    expect(await db.member.findFirstOrThrow({ where: { shop, customerId: "701" } })).toMatchObject({ email: null, firstName: null, lastName: null });
    expect(await db.member.findFirstOrThrow({ where: { shop, customerId: "702" } })).toMatchObject({ email: "eve@example.com", firstName: "Eve" });
    await expectCachedBalancesMatchLedger(shop);
  });

  it("shop/redact deletes everything held for the shop and nothing of another shop", async () => {
    const shop = await installedShop();
    const other = await installedShop();
    for (const s of [shop, other]) {
      await deliverOk(s, "orders/paid", orderPaidPayload(order));
    }
    // Something in every table that holds a shop's data: a staff adjustment (and its audit row), a reward and a
    // redemption, an import job with a row error, storefront settings, the Home page's day sums.
    for (const s of [shop, other]) {
      await adjustMemberPoints(sqlDb, { shop: s, customerId: "701", staffUserId: "77", points: 10, reason: "Goodwill", requestKey: `k-${s}`, confirmOverdraw: false });
      const reward = await createReward(db, s, { ...REWARD_DEFAULTS, type: "fixed_amount", title: "$5 off", pointsCost: 500, amountMinor: 500 });
      const member = await db.member.findFirstOrThrow({ where: { shop: s } });
      await db.redemption.create({ data: { shop: s, memberId: member.id, rewardId: reward.id, status: "failed", points: 500, reward: "{}", currency: "USD" } });
      await db.importJob.create({
        data: { shop: s, staffUserId: "77", fileName: "a.csv", fileHash: "h", status: "done", totalRows: 1, csv: "email,points", rowErrors: { create: { shop: s, rowNumber: 2, issues: "[]", raw: "x" } } },
      });
      await db.storefrontSettings.create({ data: { shop: s } });
      await getProgramStats(db, sqlDb, s, 7);
    }
    const shopTables = (s: string) => ({
      member: db.member.count({ where: { shop: s } }),
      ledgerEntry: db.ledgerEntry.count({ where: { shop: s } }),
      ledgerDay: db.ledgerDay.count({ where: { shop: s } }),
      pointsAdjustment: db.pointsAdjustment.count({ where: { shop: s } }),
      orderRecord: db.orderRecord.count({ where: { shop: s } }),
      reward: db.reward.count({ where: { shop: s } }),
      redemption: db.redemption.count({ where: { shop: s } }),
      importJob: db.importJob.count({ where: { shop: s } }),
      importRowError: db.importRowError.count({ where: { shop: s } }),
      storefrontSettings: db.storefrontSettings.count({ where: { shop: s } }),
      webhookDelivery: db.webhookDelivery.count({ where: { shop: s } }),
      session: db.session.count({ where: { shop: s } }),
      shop: db.shop.count({ where: { domain: s } }),
    });
    const counts = async (s: string) => Object.fromEntries(await Promise.all(Object.entries(shopTables(s)).map(async ([table, count]) => [table, await count])));
    const before = await counts(shop);
    expect(Object.entries(before).filter(([, n]) => n === 0)).toEqual([]);

    await deliverOk(shop, "shop/redact", { shop_id: 1, shop_domain: shop });
    expect(await counts(shop)).toEqual(Object.fromEntries(Object.keys(before).map((table) => [table, 0])));
    expect(await counts(other)).toEqual(before);
    expect(await memberBalances(other, "701")).toEqual({ available: 10, pending: 50 });
  });

  it("shop/redact naming another shop than the signer is refused with 400", async () => {
    const shop = await installedShop();
    await deliverOk(shop, "orders/paid", orderPaidPayload(order));
    const response = await deliver(shop, "shop/redact", { shop_id: 1, shop_domain: "someone-else.myshopify.com" });
    expect(response.status).toBe(400);
    expect(await db.member.count({ where: { shop } })).toBe(1);
  });

  it("app/uninstalled removes the shop's sessions and marks it uninstalled; its loyalty data stays", async () => {
    const shop = await installedShop();
    await deliverOk(shop, "orders/paid", orderPaidPayload(order));
    await deliverOk(shop, "app/uninstalled", { id: 1, name: "Shop", domain: shop, myshopify_domain: shop });
    expect(await db.session.count({ where: { shop } })).toBe(0);
    expect((await db.shop.findUniqueOrThrow({ where: { domain: shop } })).uninstalledAt).not.toBeNull();
    expect(await memberBalances(shop, "701")).toEqual({ available: 0, pending: 50 });
  });
});

describe("customers/redact before the customer is a member", () => {
  it("GIVEN customers/redact for customers with no member yet THEN a later customers/create, orders/paid or customers/update stores no name or email for them", async () => {
    const shop = await installedShop();
    await saveProgramSettings(sqlDb, shop, { ...DEFAULT_PROGRAM_SETTINGS, signupBonus: 50, pendingDays: 0 });
    for (const id of [901, 902]) {
      await deliverOk(shop, "customers/redact", { shop_id: 1, shop_domain: shop, customer: { id, email: "x", phone: null }, orders_to_redact: [] });
    }
    expect(await db.member.count({ where: { shop } })).toBe(0);
    expect(await db.redactedCustomer.findMany({ where: { shop }, select: { customerId: true } })).toEqual([{ customerId: "901" }, { customerId: "902" }]);

    await deliverOk(shop, "customers/create", customerPayload("901", { ...withAccount, email: "late@example.com", first_name: "Late", last_name: "Comer" }));
    await deliverOk(shop, "orders/paid", orderPaidPayload({ orderId: "8901", customerId: "902", lines: [{ id: "89011", quantity: 1, unitPrice: 1000 }] }));
    await deliverOk(shop, "customers/update", customerPayload("901", { email: "again@example.com", first_name: "Again" }));
    await deliverOk(shop, "customers/update", customerPayload("902", { email: "again2@example.com" }));

    const members = await db.member.findMany({ where: { shop }, orderBy: { customerId: "asc" } });
    expect(members.map((m) => ({ customerId: m.customerId, email: m.email, firstName: m.firstName, lastName: m.lastName, erased: m.redactedAt !== null }))).toEqual([
      { customerId: "901", email: null, firstName: null, lastName: null, erased: true },
      { customerId: "902", email: null, firstName: null, lastName: null, erased: true },
    ]);
    // Points are anonymous and still counted: the sign-up bonus and the order's points.
    expect(await memberBalances(shop, "901")).toEqual({ available: 50, pending: 0 });
    expect(await memberBalances(shop, "902")).toEqual({ available: 10, pending: 0 });

    // Another customer, never erased, keeps their profile.
    await deliverOk(shop, "customers/create", customerPayload("903", { email: "kept@example.com" }));
    expect(await db.member.findFirstOrThrow({ where: { shop, customerId: "903" } })).toMatchObject({ email: "kept@example.com", redactedAt: null });
    await expectCachedBalancesMatchLedger(shop);
  });
});
