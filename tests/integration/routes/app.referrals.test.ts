// Admin's Referrals page through session-token requests: settings with field errors and nothing written, the list
// with reasons in words, figures, and the review queue's audited decisions.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { action, loader, type ReferralsActionResult } from "../../../app/routes/app.referrals";
import { ensureMember } from "../../../app/persistence/ledger";
import { ensureReferralCode, referralSettings, saveReferralSettings } from "../../../app/persistence/referrals";
import { recordShopSeen } from "../../../app/persistence/shops";
import { DEFAULT_REFERRAL_SETTINGS, REFERRAL_CART_ATTRIBUTE } from "../../../app/rules/referrals";
import { installShop, uniqueShop } from "../../support/shopify-requests";
import { runRoute, staffRequest } from "../../support/admin-requests";
import { deliverOk } from "../../support/webhook-delivery";
import { orderPaidPayload } from "../../support/shopify-payloads";

installAdminApiStandIn();
type LoaderData = Awaited<ReturnType<typeof loader>>;

const VALID = {
  enabled: "true",
  advocatePoints: "300",
  friendRewardType: "fixed_amount",
  friendRewardValue: "7.50",
  minSubtotal: "25.00",
  monthlyCapPerAdvocate: "5",
  linkLifetimeDays: "45",
  pendingDays: "21",
};

async function shop() {
  const domain = uniqueShop("referrals");
  await installShop(domain);
  await recordShopSeen(sqlDb, domain, "EUR");
  return domain;
}

describe("Referrals page", () => {
  it("GIVEN valid settings WHEN saved THEN stored in minor units; GIVEN bad ones THEN field errors and nothing changes", async () => {
    const domain = await shop();
    expect(await runRoute<ReferralsActionResult>(action, await staffRequest(domain, "/app/referrals", { form: VALID }))).toMatchObject({ status: 200, body: { ok: true } });
    expect(await referralSettings(sqlDb, domain)).toEqual({
      enabled: true,
      advocatePoints: 300,
      friendRewardType: "fixed_amount",
      friendRewardValue: 750,
      minSubtotalMinor: 2500,
      monthlyCapPerAdvocate: 5,
      linkLifetimeDays: 45,
      pendingDays: 21,
    });
    const bad = await runRoute<ReferralsActionResult>(action, await staffRequest(domain, "/app/referrals", { form: { ...VALID, pendingDays: "-1", minSubtotal: "lots" } }));
    expect(bad).toMatchObject({ status: 400, body: { ok: false, issues: [{ field: "minSubtotal", code: "not_money" }, { field: "pendingDays", code: "out_of_range" }] } });
    expect((await referralSettings(sqlDb, domain)).pendingDays).toBe(21);
    const page = await runRoute<LoaderData>(loader, await staffRequest(domain, "/app/referrals"));
    expect(page.body.form).toMatchObject({ friendRewardValue: "7.50", minSubtotal: "25.00" });
  });

  it("GIVEN a referral in review THEN it is listed with its reasons; a decision needs a reason and records the staff member", async () => {
    const domain = await shop();
    await saveReferralSettings(sqlDb, domain, { ...DEFAULT_REFERRAL_SETTINGS, enabled: true, monthlyCapPerAdvocate: 0 });
    const advocate = await ensureMember(sqlDb, domain, "7011", { email: "ana@example.com" });
    const code = await ensureReferralCode(sqlDb, domain, advocate.id);
    const own = orderPaidPayload({ orderId: "830001", customerId: "7011", lines: [{ id: "930001", quantity: 1, unitPrice: 3000 }] });
    await deliverOk(domain, "orders/paid", { ...own, email: "ana@example.com" });
    // Same shipping address as the advocate's order (the fixture's), different person.
    const friend = orderPaidPayload({ orderId: "830002", customerId: "7013", lines: [{ id: "930002", quantity: 1, unitPrice: 3000 }] });
    await deliverOk(domain, "orders/paid", { ...friend, email: "friend@example.com", note_attributes: [{ name: REFERRAL_CART_ATTRIBUTE, value: code }] });

    const page = await runRoute<LoaderData>(loader, await staffRequest(domain, "/app/referrals"));
    expect(page.body.figures).toMatchObject({ referredOrders: 1, conversions: 0, inReview: 1, revenue: [{ currency: "USD", minor: 3000 }] });
    const [item] = page.body.review;
    expect(item!.reasons.map((r) => r.reason)).toContain("The order ships to an address the advocate's own orders shipped to.");

    const noReason = await runRoute<ReferralsActionResult>(action, await staffRequest(domain, "/app/referrals", { form: { intent: "reject", id: String(item!.id), note: " " } }));
    expect(noReason).toMatchObject({ status: 400, body: { ok: false, issues: [{ field: "note", code: "reason_required" }] } });
    const rejected = await runRoute<ReferralsActionResult>(action, await staffRequest(domain, "/app/referrals", { form: { intent: "reject", id: String(item!.id), note: "Same household, no new customer" } }));
    expect(rejected).toMatchObject({ status: 200, body: { ok: true, intent: "reject" } });
    const row = await db.referral.findUniqueOrThrow({ where: { id: item!.id } });
    expect(row.status).toBe("rejected");
    expect(row.decidedBy).toMatch(/^staff /);
    expect(row.reasons).toContain("Same household, no new customer");
    const again = await runRoute<ReferralsActionResult>(action, await staffRequest(domain, "/app/referrals", { form: { intent: "approve", id: String(item!.id), note: "oops" } }));
    expect(again.status).toBe(409);
  });
});
