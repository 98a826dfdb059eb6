// Referrals through the real webhook routes: signed orders/paid, refunds/create and orders/cancelled deliveries in;
// Referral rows, their reasons and the advocate's ledger out. Runs on SQLite and PostgreSQL (TEST_DATABASE).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import db, { sqlDb } from "../../../app/db.server";
import { ensureMember } from "../../../app/persistence/ledger";
import { decideReview, ensureReferralCode, type Note, releaseDueReferrals, saveReferralSettings } from "../../../app/persistence/referrals";
import { DEFAULT_REFERRAL_SETTINGS, REFERRAL_CART_ATTRIBUTE, type ReferralSettings } from "../../../app/rules/referrals";
import { installedShop } from "../../support/shopify-requests";
import { deliverOk } from "../../support/webhook-delivery";
import { orderCancelledPayload, orderPaidPayload, refundPayload, type TestOrder } from "../../support/shopify-payloads";
import { expectCachedBalancesMatchLedger, memberBalances } from "../../support/ledger-invariants";

const DAY = 24 * 60 * 60 * 1000;
const ADVOCATE = "7011";

type Person = { email: string; street: string; ip: string };
const advocatePerson: Person = { email: "Ana.Popescu@gmail.com", street: "Strada Florilor 5", ip: "203.0.113.7" };

/** Shopify's order body for one person: their email, shipping address and browser, optionally the referral attribute. */
function order(o: TestOrder & { who: Person; ref?: string | null; welcomeCode?: string }) {
  const body = orderPaidPayload(o) as Record<string, unknown>;
  body.email = o.who.email;
  body.contact_email = o.who.email;
  body.browser_ip = o.who.ip;
  body.client_details = { browser_ip: o.who.ip, accept_language: "en", user_agent: `agent of ${o.who.email}`, session_hash: null, browser_height: null, browser_width: null };
  body.shipping_address = { ...(body.shipping_address as object), address1: o.who.street, address2: "", zip: "10001", country_code: "RO" };
  body.note_attributes = o.ref ? [{ name: REFERRAL_CART_ATTRIBUTE, value: o.ref }] : [];
  body.discount_codes = o.welcomeCode ? [{ code: o.welcomeCode, amount: "1.00", type: "percentage" }] : [];
  return body;
}

async function shopWithAdvocate(settings: Partial<ReferralSettings> = {}) {
  const shop = await installedShop();
  await saveReferralSettings(sqlDb, shop, { ...DEFAULT_REFERRAL_SETTINGS, enabled: true, advocatePoints: 500, minSubtotalMinor: 2_000, pendingDays: 14, monthlyCapPerAdvocate: 0, ...settings });
  const member = await ensureMember(sqlDb, shop, ADVOCATE, { email: advocatePerson.email });
  const code = await ensureReferralCode(sqlDb, shop, member.id);
  return { shop, code, advocateId: member.id };
}

const friend = (n: number): Person => ({ email: `friend${n}@example.com`, street: `Elm Road ${n}`, ip: `198.51.100.${n}` });
const lines = (cents: number, id: string) => [{ id, quantity: 1, unitPrice: cents }];

async function referrals(shop: string) {
  const rows = await db.referral.findMany({ where: { shop }, orderBy: { id: "asc" } });
  return rows.map((r) => ({ ...r, reasons: JSON.parse(r.reasons) as Note[] }));
}

async function referralRewards(shop: string) {
  return db.ledgerEntry.findMany({ where: { shop, idempotencyKey: { startsWith: "referral:" } } });
}

describe("referral attribution and reward", () => {
  it("GIVEN a friend's first order carrying the cart attribute WHEN delivered twice and released after 14 days THEN the advocate earns 500 points once", async () => {
    const { shop, code } = await shopWithAdvocate();
    const paid = order({ orderId: "810001", customerId: "7013", lines: lines(4_000, "910001"), who: friend(13), ref: code.toLowerCase() });
    await deliverOk(shop, "orders/paid", paid);
    await deliverOk(shop, "orders/paid", paid);
    const [referral] = await referrals(shop);
    expect(referral).toMatchObject({ status: "pending", orderId: "810001", friendCustomerId: "7013", friendEmailKey: "friend13@example.com", referralCode: code });
    expect(await referrals(shop)).toHaveLength(1);

    expect(await releaseDueReferrals(sqlDb, { now: new Date(Date.now() + 13 * DAY) })).toMatchObject({ rewarded: 0 });
    expect(await releaseDueReferrals(sqlDb, { now: new Date(Date.now() + 15 * DAY) })).toMatchObject({ rewarded: 1 });
    expect(await releaseDueReferrals(sqlDb, { now: new Date(Date.now() + 16 * DAY) })).toMatchObject({ examined: 0 });
    expect((await referrals(shop))[0]!.status).toBe("rewarded");
    expect(await memberBalances(shop, ADVOCATE)).toEqual({ available: 500, pending: 0 });
    const [entry] = await referralRewards(shop);
    expect(entry).toMatchObject({ kind: "action_bonus", reason: "Referral: your friend's first order" });
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN the shop's notifications are on WHEN the reward is paid THEN one referral_success message for the advocate, once; without notifications none", async () => {
    const { shop, code, advocateId } = await shopWithAdvocate();
    await db.notificationSettings.create({ data: { shop, fromAddress: "Rewards <rewards@example.com>", brandName: "Test Store" } });
    await db.flowSettings.create({ data: { shop, updatedAt: new Date() } });
    const paid = order({ orderId: "810101", customerId: "7113", lines: lines(4_000, "910101"), who: friend(113), ref: code });
    await deliverOk(shop, "orders/paid", paid);
    await releaseDueReferrals(sqlDb, { now: new Date(Date.now() + 15 * DAY) });
    await releaseDueReferrals(sqlDb, { now: new Date(Date.now() + 16 * DAY) });
    const queued = await db.notificationOutbox.findMany({ where: { shop }, orderBy: { id: "asc" } });
    // The Flow trigger "referral completed" too (Flow on), once, with the fields its toml declares.
    expect(queued.map((m) => ({ memberId: m.memberId, channel: m.channel, kind: m.kind, payload: JSON.parse(m.payload) as unknown }))).toEqual([
      { memberId: advocateId, channel: "flow", kind: "referral_completed", payload: { points: 500 } },
      { memberId: advocateId, channel: "email", kind: "referral_success", payload: { points: 500 } },
    ]);

    const quiet = await shopWithAdvocate();
    await deliverOk(quiet.shop, "orders/paid", order({ orderId: "810102", customerId: "7114", lines: lines(4_000, "910102"), who: friend(114), ref: quiet.code }));
    await releaseDueReferrals(sqlDb, { now: new Date(Date.now() + 15 * DAY) });
    expect((await referrals(quiet.shop))[0]!.status).toBe("rewarded");
    expect(await db.notificationOutbox.count({ where: { shop: quiet.shop } })).toBe(0);
  });

  it("GIVEN an order with no referral THEN no referral row; WHEN referrals are off THEN a referred order records nothing either", async () => {
    const { shop, code } = await shopWithAdvocate();
    await deliverOk(shop, "orders/paid", order({ orderId: "810002", customerId: "7014", lines: lines(4_000, "910002"), who: friend(14) }));
    expect(await referrals(shop)).toEqual([]);
    await saveReferralSettings(sqlDb, shop, { ...DEFAULT_REFERRAL_SETTINGS, enabled: false });
    await deliverOk(shop, "orders/paid", order({ orderId: "810003", customerId: "7015", lines: lines(4_000, "910003"), who: friend(15), ref: code }));
    expect(await referrals(shop)).toEqual([]);
  });

  it("GIVEN the advocate's own order WHEN a 'friend' orders with the same email (dots, +tag, googlemail) THEN rejected at once, saying why", async () => {
    const { shop, code } = await shopWithAdvocate();
    await deliverOk(shop, "orders/paid", order({ orderId: "810010", customerId: ADVOCATE, lines: lines(4_000, "910010"), who: advocatePerson }));
    const sock: Person = { ...friend(20), email: "anapopescu+deal@googlemail.com" };
    await deliverOk(shop, "orders/paid", order({ orderId: "810011", customerId: "7020", lines: lines(4_000, "910011"), who: sock, ref: code }));
    const [referral] = await referrals(shop);
    expect(referral!.status).toBe("rejected");
    expect(referral!.decidedBy).toBe("system");
    expect(referral!.reasons.map((r) => r.check)).toEqual(["same_email"]);
    expect(referral!.reasons[0]!.reason).toContain("anapopescu@gmail.com");
  });

  it("GIVEN a friend ordering from the advocate's address and IP THEN review; WHEN staff approve THEN rewarded after the pending period, audited", async () => {
    const { shop, code } = await shopWithAdvocate();
    await deliverOk(shop, "orders/paid", order({ orderId: "810020", customerId: ADVOCATE, lines: lines(4_000, "910020"), who: advocatePerson }));
    const housemate: Person = { email: "mihai@example.com", street: advocatePerson.street, ip: advocatePerson.ip };
    await deliverOk(shop, "orders/paid", order({ orderId: "810021", customerId: "7021", lines: lines(4_000, "910021"), who: housemate, ref: code }));
    const [referral] = await referrals(shop);
    expect(referral!.status).toBe("review");
    expect(referral!.reasons.map((r) => r.check)).toEqual(["same_address", "same_browser"]);
    // Nothing is paid while it waits for a person.
    expect(await releaseDueReferrals(sqlDb, { now: new Date(Date.now() + 30 * DAY) })).toMatchObject({ examined: 0 });

    expect(await decideReview(sqlDb, shop, referral!.id, "approve", "Staff Member", "Flatmates; checked with the customer")).toBe(true);
    expect(await decideReview(sqlDb, shop, referral!.id, "reject", "Someone Else", "late click")).toBe(false);
    await releaseDueReferrals(sqlDb, { now: new Date(Date.now() + 30 * DAY) });
    const [after] = await referrals(shop);
    expect(after).toMatchObject({ status: "rewarded", decidedBy: "Staff Member" });
    expect(after!.reasons.map((r) => r.reason)).toContain("Approved by Staff Member: Flatmates; checked with the customer");
    // The advocate's own order's points are still pending (ordinary pending release); the referral's are available.
    expect(await memberBalances(shop, ADVOCATE)).toMatchObject({ available: 500 });
  });

  it("GIVEN a full refund inside the pending period THEN the referral is cancelled and nothing is paid", async () => {
    const { shop, code } = await shopWithAdvocate();
    await deliverOk(shop, "orders/paid", order({ orderId: "810030", customerId: "7030", lines: lines(4_000, "910030"), who: friend(30), ref: code }));
    await deliverOk(shop, "refunds/create", refundPayload({ refundId: "710030", orderId: "810030", lines: [{ lineItemId: "910030", quantity: 1 }] }));
    await releaseDueReferrals(sqlDb, { now: new Date(Date.now() + 15 * DAY) });
    const [referral] = await referrals(shop);
    expect(referral!.status).toBe("cancelled");
    expect(referral!.reasons.at(-1)!.reason).toBe("The friend's order was fully refunded within the pending period.");
    expect(await referralRewards(shop)).toEqual([]);
  });

  it("GIVEN a referred order paid longer ago than the pending period THEN the advocate is rewarded at once, as its points are released", async () => {
    const { shop, code } = await shopWithAdvocate();
    const old = new Date(Date.now() - 20 * DAY).toISOString();
    await deliverOk(shop, "orders/paid", order({ orderId: "810060", customerId: "7060", lines: lines(4_000, "910060"), who: friend(60), ref: code, processedAt: old }));
    expect((await referrals(shop))[0]!.status).toBe("rewarded");
    expect(await memberBalances(shop, ADVOCATE)).toMatchObject({ available: 500 });
  });

  it("GIVEN a monthly cap of 1 THEN the second friend that month is rejected with the cap in words", async () => {
    const { shop, code } = await shopWithAdvocate({ monthlyCapPerAdvocate: 1 });
    await deliverOk(shop, "orders/paid", order({ orderId: "810040", customerId: "7040", lines: lines(4_000, "910040"), who: friend(40), ref: code }));
    await deliverOk(shop, "orders/paid", order({ orderId: "810041", customerId: "7041", lines: lines(4_000, "910041"), who: friend(41), ref: code }));
    const rows = await referrals(shop);
    expect(rows.map((r) => r.status)).toEqual(["pending", "rejected"]);
    expect(rows[1]!.reasons[0]!.reason).toBe("The advocate already has 1 referrals this month (the cap is 1).");
  });
});

describe("privacy", () => {
  it("GIVEN customers/redact for the friend and the advocate THEN their email keys and fingerprints go; shop/redact deletes every referral table", async () => {
    const { shop, code } = await shopWithAdvocate();
    await deliverOk(shop, "orders/paid", order({ orderId: "810050", customerId: ADVOCATE, lines: lines(4_000, "910050"), who: advocatePerson }));
    await deliverOk(shop, "orders/paid", order({ orderId: "810051", customerId: "7050", lines: lines(4_000, "910051"), who: friend(50), ref: code }));
    expect(await db.referralFingerprint.count({ where: { shop } })).toBe(1);
    for (const id of ["7050", ADVOCATE]) {
      await deliverOk(shop, "customers/redact", { shop_id: 1, shop_domain: shop, customer: { id: Number(id), email: "x@example.com", phone: null }, orders_to_redact: [] });
    }
    expect(await db.referral.findFirstOrThrow({ where: { shop } })).toMatchObject({ friendEmailKey: null, friendCustomerId: "7050", status: "pending" });
    expect(await db.referralFingerprint.count({ where: { shop } })).toBe(0);
    await deliverOk(shop, "shop/redact", { shop_id: 1, shop_domain: shop });
    const left = await Promise.all([db.referral.count({ where: { shop } }), db.referralCode.count({ where: { shop } }), db.referralSettings.count({ where: { shop } }), db.referralClaim.count({ where: { shop } })]);
    expect(left).toEqual([0, 0, 0, 0]);
  });
});

// ---- property: at most once per friend, only for qualifying first orders ----

type FriendPlan = {
  /** Each order: minutes after the first, whether it carries the referral, its subtotal, what happens to it. */
  orders: Array<{ ref: boolean; cents: number; fate: "kept" | "refunded" | "cancelled" }>;
};

const friendPlan: fc.Arbitrary<FriendPlan> = fc.record({
  orders: fc.array(
    // Weighted towards referred, big enough, kept orders, so paying (and the out-of-order cases around it) is common.
    fc.record({
      ref: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      cents: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(2_500, 4_000) }, { weight: 1, arbitrary: fc.constant(1_500) }),
      fate: fc.oneof(
        { weight: 3, arbitrary: fc.constant("kept" as const) },
        { weight: 1, arbitrary: fc.constant("refunded" as const) },
        { weight: 1, arbitrary: fc.constant("cancelled" as const) },
      ),
    }),
    { minLength: 1, maxLength: 2 },
  ),
});

describe("property: random interleavings of friend orders, refunds, cancellations and duplicate deliveries", () => {
  it("pay each advocate at most once per friend, and only for a qualifying first order", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(friendPlan, { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (friends, seed) => {
        const { shop, code } = await shopWithAdvocate({ minSubtotalMinor: 2_000, pendingDays: 14 });
        const base = Date.now() - 3 * DAY;
        type Delivery = { topic: "orders/paid" | "refunds/create" | "orders/cancelled"; body: unknown; id: string };
        const deliveries: Delivery[] = [];
        const expectedPaid = new Set<string>();
        friends.forEach((plan, f) => {
          const customerId = String(7100 + f);
          plan.orders.forEach((o, i) => {
            const orderId = String(820000 + f * 10 + i);
            const lineId = String(920000 + f * 10 + i);
            const spec = { orderId, customerId, lines: lines(o.cents, lineId), processedAt: new Date(base + i * 60_000).toISOString() };
            const body = order({ ...spec, who: friend(100 + f), ref: o.ref ? code : null });
            deliveries.push({ topic: "orders/paid", body, id: `paid-${orderId}` });
            if (o.fate === "refunded") {
              deliveries.push({ topic: "refunds/create", body: refundPayload({ refundId: String(720000 + f * 10 + i), orderId, lines: [{ lineItemId: lineId, quantity: 1 }] }), id: `refund-${orderId}` });
            }
            if (o.fate === "cancelled") deliveries.push({ topic: "orders/cancelled", body: orderCancelledPayload(spec), id: `cancel-${orderId}` });
          });
          const first = plan.orders[0]!;
          if (first.ref && first.cents >= 2_000 && first.fate === "kept") expectedPaid.add(`customer:${customerId}`);
        });
        // Every delivery at least once, some twice (Shopify's at-least-once), in a random order decided by the seed.
        const rng = mulberry32(seed);
        const sent = [...deliveries, ...deliveries.filter(() => rng() < 0.4)];
        for (let i = sent.length - 1; i > 0; i -= 1) {
          const j = Math.floor(rng() * (i + 1));
          [sent[i], sent[j]] = [sent[j]!, sent[i]!];
        }
        for (const [n, delivery] of sent.entries()) {
          await deliverOk(shop, delivery.topic, delivery.body, `${delivery.id}-${n}`);
          // A sweep inside the pending period never pays.
          if (rng() < 0.2) await releaseDueReferrals(sqlDb, { now: new Date() });
        }
        expect(await referralRewards(shop)).toEqual([]);
        await releaseDueReferrals(sqlDb, { now: new Date(Date.now() + 20 * DAY) });
        await releaseDueReferrals(sqlDb, { now: new Date(Date.now() + 21 * DAY) });

        const rewards = await referralRewards(shop);
        const paidFriends = rewards.map((entry) => entry.idempotencyKey.replace(/^referral:/, "").replace(/:reward$/, ""));
        expect(new Set(paidFriends).size).toBe(paidFriends.length);
        expect(new Set(paidFriends)).toEqual(expectedPaid);
        expect(await memberBalances(shop, ADVOCATE)).toMatchObject({ available: 500 * expectedPaid.size });
        await expectCachedBalancesMatchLedger(shop);
      }),
      { numRuns: Number(process.env.REFERRAL_PROPERTY_RUNS ?? 25) },
    );
  });
});

/** A small seeded generator, so a failing interleaving is replayed exactly from fast-check's seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
