import { describe, expect, it } from "vitest";
import {
  addressKey,
  friendKey,
  generateReferralCode,
  generateWelcomeCode,
  initialStatus,
  isWelcomeCode,
  normaliseEmail,
  normaliseReferralCode,
  readOrderFingerprint,
  readReferralSignal,
  referralFindings,
  referralLink,
  releaseDecision,
  remainingSubtotal,
  REFERRAL_CART_ATTRIBUTE,
  type OrderFingerprint,
  type ReferralCheckInput,
} from "../../../app/rules/referrals";
import { parseWebhookJson } from "../../../app/shopify/webhook-json";
import orderFixture from "../../fixtures/shopify/order-2026-07.json";

/** Shopify's recorded orders/paid body with the referral fields a test sets; everything else as Shopify sends it. */
function order(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...structuredClone(orderFixture), ...changes } as Record<string, unknown>;
}

describe("referral and welcome codes", () => {
  it("generates 8-character codes from the look-alike-free alphabet, read back in any case", () => {
    const code = generateReferralCode();
    expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);
    expect(normaliseReferralCode(` ${code.toLowerCase()} `)).toBe(code);
    expect(normaliseReferralCode("ABC0O1IL")).toBeNull();
    expect(normaliseReferralCode(42)).toBeNull();
  });

  it("welcome codes carry the FRIEND- prefix that tells orders/paid to look", () => {
    const code = generateWelcomeCode();
    expect(code).toMatch(/^FRIEND-[A-Z2-9]{10}$/);
    expect(isWelcomeCode(code.toLowerCase())).toBe(true);
    expect(isWelcomeCode("TENOFF")).toBe(false);
  });

  it("links go to the app's landing page on the shop's own domain (app proxy)", () => {
    expect(referralLink("demo-shop.myshopify.com", "ABCD2345")).toBe("https://demo-shop.myshopify.com/apps/loyalty/r/ABCD2345");
  });
});

describe("attribution from an order body", () => {
  it("reads nothing from an ordinary order (Shopify's own sample: TENOFF, engraving attributes)", () => {
    expect(readReferralSignal(order())).toBeNull();
  });

  it("reads the welcome code in discount_codes", () => {
    const body = order({ discount_codes: [{ code: "friend-abcdefghjk", amount: "10.00", type: "percentage" }, { code: "TENOFF", amount: "1.00", type: "fixed_amount" }] });
    expect(readReferralSignal(body)).toEqual({ welcomeCodes: ["FRIEND-ABCDEFGHJK"], referralCode: null });
  });

  it("reads the cart attribute in note_attributes, so an order without the code is attributed", () => {
    const body = order({ note_attributes: [...orderFixture.note_attributes, { name: REFERRAL_CART_ATTRIBUTE, value: "abcd2345" }] });
    expect(readReferralSignal(body)).toEqual({ welcomeCodes: [], referralCode: "ABCD2345" });
  });

  it("ignores a malformed attribute rather than failing the order", () => {
    expect(readReferralSignal(order({ note_attributes: [{ name: REFERRAL_CART_ATTRIBUTE, value: "<script>" }] }))).toBeNull();
    expect(readReferralSignal(order({ note_attributes: "nope", discount_codes: null }))).toBeNull();
  });

  it("takes the order's ids losslessly: a customer id above 2^53 stays exact", () => {
    const text = JSON.stringify(order()).replace('"customer":{"id":207119551', '"customer":{"id":9007199254740993123');
    const body = parseWebhookJson(text) as { customer: { id: unknown } };
    expect(body.customer.id).toBe("9007199254740993123");
  });
});

describe("fingerprints", () => {
  it("reads email, address, IP and browser from Shopify's order shape", () => {
    const fingerprint = readOrderFingerprint(
      order({ browser_ip: "203.0.113.7", client_details: { ...orderFixture.client_details, user_agent: "Mozilla/5.0", accept_language: "en-US" } }),
      "207119551",
    );
    expect(fingerprint).toEqual({
      customerId: "207119551",
      emailKey: "bob.norman@mail.example.com",
      addressKey: "chestnutstreet92|40202|us",
      browserIp: "203.0.113.7",
      clientKey: "agent:Mozilla/5.0|en-US",
    });
  });

  it("treats Shopify's 0.0.0.0 (unknown) as no IP at all", () => {
    expect(readOrderFingerprint(order(), null).browserIp).toBeNull();
  });

  it("normalises email per provider", () => {
    expect(normaliseEmail("Bob.Norman+promo@GoogleMail.com")).toBe("bobnorman@gmail.com");
    expect(normaliseEmail("b.o.b+x@gmail.com")).toBe("bob@gmail.com");
    expect(normaliseEmail("bob+x@outlook.com")).toBe("bob@outlook.com");
    // Providers that deliver dots and tags as different mailboxes keep them.
    expect(normaliseEmail("Bob.Norman+x@Example.com")).toBe("bob.norman+x@example.com");
    expect(normaliseEmail("not-an-email")).toBeNull();
    expect(normaliseEmail("+tag@gmail.com")).toBeNull();
  });

  it("compares addresses ignoring case and punctuation", () => {
    expect(addressKey({ address1: "Chestnut Street 92", address2: "", zip: "40202", country_code: "US" })).toBe(
      addressKey({ address1: "chestnut  street, 92", zip: "40202", country: "US" }),
    );
    expect(addressKey(null)).toBeNull();
  });

  it("keys a friend by customer, else by email", () => {
    expect(friendKey({ customerId: "7", emailKey: "a@b.c" })).toBe("customer:7");
    expect(friendKey({ customerId: null, emailKey: "a@b.c" })).toBe("email:a@b.c");
    expect(friendKey({ customerId: null, emailKey: null })).toBeNull();
  });
});

describe("fraud checks, each with its reason", () => {
  const advocateOrder: OrderFingerprint = {
    customerId: "7011",
    emailKey: "ana@gmail.com",
    addressKey: "chestnutstreet92|40202|us",
    browserIp: "203.0.113.7",
    clientKey: "agent:Mozilla/5.0|en-US",
  };
  const cleanFriend: OrderFingerprint = { customerId: "7013", emailKey: "friend@example.com", addressKey: "elmroad1|10001|us", browserIp: "198.51.100.2", clientKey: "agent:Safari|pl" };
  function input(overrides: Partial<ReferralCheckInput> = {}): ReferralCheckInput {
    return {
      advocate: { customerId: "7011", emailKey: "ana@gmail.com" },
      advocateOrders: [advocateOrder],
      friendOrder: cleanFriend,
      friendOrderSubtotalMinor: 5_000,
      friendEarlierOrders: 0,
      advocateReferralsThisMonth: 0,
      settings: { minSubtotalMinor: 2_000, monthlyCapPerAdvocate: 5 },
      ...overrides,
    };
  }
  const checks = (i: ReferralCheckInput) => referralFindings(i).map((f) => [f.check, f.severity]);

  it("a new customer from elsewhere passes every check", () => {
    expect(referralFindings(input())).toEqual([]);
    expect(initialStatus([])).toBe("pending");
  });

  it("same customer: rejected", () => {
    const findings = referralFindings(input({ friendOrder: { ...cleanFriend, customerId: "7011" } }));
    expect(findings[0]).toMatchObject({ check: "same_customer", severity: "reject" });
    expect(findings[0]!.reason).toContain("advocate's own customer account");
    expect(initialStatus(findings)).toBe("rejected");
  });

  it("same email after normalisation: rejected", () => {
    const friend = { ...cleanFriend, emailKey: normaliseEmail("A.N.A+friend@googlemail.com") };
    expect(checks(input({ friendOrder: friend }))).toEqual([["same_email", "reject"]]);
  });

  it("same shipping address: review", () => {
    const findings = referralFindings(input({ friendOrder: { ...cleanFriend, addressKey: advocateOrder.addressKey } }));
    expect(findings.map((f) => f.check)).toEqual(["same_address"]);
    expect(findings[0]!.reason).toBe("The order ships to an address the advocate's own orders shipped to.");
    expect(initialStatus(findings)).toBe("review");
  });

  it("same browser_ip or client_details: review, saying which", () => {
    const ip = referralFindings(input({ friendOrder: { ...cleanFriend, browserIp: "203.0.113.7" } }));
    expect(ip[0]!.reason).toBe("The order came from the same IP address as one of the advocate's orders.");
    const both = referralFindings(input({ friendOrder: { ...cleanFriend, browserIp: "203.0.113.7", clientKey: advocateOrder.clientKey } }));
    expect(both[0]!.reason).toContain("IP address and browser");
  });

  it("friend had orders before: rejected (not a new customer)", () => {
    expect(checks(input({ friendEarlierOrders: 2 }))).toEqual([["not_new_customer", "reject"]]);
  });

  it("below the minimum subtotal: rejected, amounts in words", () => {
    const findings = referralFindings(input({ friendOrderSubtotalMinor: 1_999, formatMoney: (m) => `$${(m / 100).toFixed(2)}` }));
    expect(findings[0]!.reason).toBe("The first order's subtotal $19.99 is below the minimum $20.00.");
  });

  it("the advocate's monthly cap: rejected once reached; 0 means no cap", () => {
    expect(checks(input({ advocateReferralsThisMonth: 5 }))).toEqual([["monthly_cap", "reject"]]);
    expect(checks(input({ advocateReferralsThisMonth: 4 }))).toEqual([]);
    expect(checks(input({ advocateReferralsThisMonth: 99, settings: { minSubtotalMinor: 0, monthlyCapPerAdvocate: 0 } }))).toEqual([]);
  });

  it("a clear finding wins over a suspicious one", () => {
    const findings = referralFindings(input({ friendEarlierOrders: 1, friendOrder: { ...cleanFriend, browserIp: "203.0.113.7" } }));
    expect(initialStatus(findings)).toBe("rejected");
  });
});

describe("release after the pending period", () => {
  const due = new Date("2026-12-15T00:00:00Z");
  const before = new Date("2026-12-10T00:00:00Z");
  const after = new Date("2026-12-16T00:00:00Z");
  const standing = { cancelled: false, remainingSubtotalMinor: 5_000 };

  it("waits until due, then rewards", () => {
    expect(releaseDecision("pending", due, before, standing, 2_000)).toEqual({ kind: "wait" });
    expect(releaseDecision("pending", due, after, standing, 2_000)).toEqual({ kind: "reward" });
    expect(releaseDecision("qualified", due, after, standing, 2_000)).toEqual({ kind: "reward" });
  });

  it("a cancellation or a full refund inside the pending period cancels, even before it is due", () => {
    expect(releaseDecision("pending", due, before, { cancelled: true, remainingSubtotalMinor: 5_000 }, 0).kind).toBe("cancel");
    expect(releaseDecision("pending", due, after, { cancelled: false, remainingSubtotalMinor: 0 }, 0)).toEqual({
      kind: "cancel",
      reason: "The friend's order was fully refunded within the pending period.",
    });
  });

  it("partial refunds cancel only when they leave less than the minimum", () => {
    expect(releaseDecision("pending", due, after, { cancelled: false, remainingSubtotalMinor: 1_999 }, 2_000).kind).toBe("cancel");
    expect(releaseDecision("pending", due, after, { cancelled: false, remainingSubtotalMinor: 2_000 }, 2_000).kind).toBe("reward");
  });

  it("never releases a referral in review, rejected, cancelled or already rewarded", () => {
    for (const status of ["review", "rejected", "cancelled", "rewarded"] as const) {
      expect(releaseDecision(status, due, after, standing, 0)).toEqual({ kind: "wait" });
    }
  });

  it("remaining subtotal takes each refunded unit's share off", () => {
    const lines = [{ lineItemId: "1", quantity: 2 }, { lineItemId: "2", quantity: 1 }];
    expect(remainingSubtotal(3_000, lines, { "1": 2_000, "2": 1_000 }, { "1": 1 })).toBe(2_000);
    expect(remainingSubtotal(3_000, lines, { "1": 2_000, "2": 1_000 }, { "1": 5, "2": 1 })).toBe(0);
  });
});
