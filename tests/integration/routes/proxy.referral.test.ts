// The referral endpoints of the storefront API through signed app-proxy requests, with the welcome code created in the
// Admin API stand-in (every operation validated against the 2026-10 schema; faults injected).
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { ensureMember } from "../../../app/persistence/ledger";
import { saveReferralSettings } from "../../../app/persistence/referrals";
import { recordShopSeen } from "../../../app/persistence/shops";
import { DEFAULT_REFERRAL_SETTINGS } from "../../../app/rules/referrals";
import { loader as referralLoader } from "../../../app/routes/proxy.referral";
import { loader as landingLoader } from "../../../app/routes/proxy.r.$code";
import { loader as programLoader } from "../../../app/routes/proxy.program";
import { renderProxyLiquid } from "../../../app/demo/storefront/proxy-liquid.server";
import { action as claimAction, loader as offerLoader } from "../../../app/routes/proxy.referral_.claim";
import { installShop, signedProxyRequest, uniqueShop } from "../../support/shopify-requests";
import { jsonRouteResponse as call } from "../../support/route-response";

const standIn = installAdminApiStandIn();


const claim = async (shop: string, body: unknown, customerId?: string) =>
  call(
    claimAction,
    await signedProxyRequest(shop, "/proxy/referral/claim", {
      customerId,
      init: { method: "POST", headers: { "Content-Type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) },
    }),
  );

async function shopWithAdvocate(enabled = true) {
  const shop = uniqueShop();
  await installShop(shop);
  await recordShopSeen(sqlDb, shop, "EUR");
  standIn.seedShop(shop, { name: "Tea House", currencyCode: "EUR" });
  await saveReferralSettings(sqlDb, shop, { ...DEFAULT_REFERRAL_SETTINGS, enabled, friendRewardType: "percentage", friendRewardValue: 15, linkLifetimeDays: 30 });
  await ensureMember(sqlDb, shop, "7011", { email: "ana.popescu@gmail.com" });
  const mine = await call(referralLoader, await signedProxyRequest(shop, "/proxy/referral", { customerId: "7011" }));
  return { shop, mine };
}

async function welcomeDiscounts(shop: string) {
  return [...(standIn.state.shops.get(shop)?.discounts.values() ?? [])];
}

describe("GET /proxy/referral", () => {
  it("GIVEN a member THEN their code and https://{shop}/apps/loyalty/r/CODE, the same on every ask", async () => {
    const { shop, mine } = await shopWithAdvocate();
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ code: expect.stringMatching(/^[A-Z2-9]{8}$/), advocatePoints: 500, friendOffer: { type: "percentage", value: 15 } });
    expect(mine.body.link).toBe(`https://${shop}/apps/loyalty/r/${mine.body.code}`);
    const again = await call(referralLoader, await signedProxyRequest(shop, "/proxy/referral", { customerId: "7011" }));
    expect(again.body.code).toBe(mine.body.code);
  });

  it("GIVEN referrals on THEN /proxy/program says what a member earns and the friend gets (the panel shows its section); off: null", async () => {
    const { shop } = await shopWithAdvocate();
    expect((await call(programLoader, await signedProxyRequest(shop, "/proxy/program"))).body.referral).toEqual({ advocatePoints: 500, friendOffer: { type: "percentage", value: 15 } });
    const off = await shopWithAdvocate(false);
    expect((await call(programLoader, await signedProxyRequest(off.shop, "/proxy/program"))).body.referral).toBeNull();
  });

  it("GIVEN no sign-in, or referrals off THEN 401 / 404", async () => {
    const { shop } = await shopWithAdvocate(false);
    expect((await call(referralLoader, await signedProxyRequest(shop, "/proxy/referral"))).status).toBe(401);
    expect((await call(referralLoader, await signedProxyRequest(shop, "/proxy/referral", { customerId: "7011" }))).body.error.code).toBe("referrals_off");
  });
});

describe("POST /proxy/referral/claim", () => {
  it("GIVEN a guest with an email THEN a single-use FRIEND- code for everyone exists in Shopify; asking again returns the same code", async () => {
    const { shop, mine } = await shopWithAdvocate();
    const offer = await call(offerLoader, await signedProxyRequest(shop, `/proxy/referral/claim?code=${mine.body.code}`));
    expect(offer.body).toEqual({ friendOffer: { type: "percentage", value: 15 }, currency: "EUR" });

    const first = await claim(shop, { code: mine.body.code.toLowerCase(), email: "Friend@Example.com" });
    expect(first.status).toBe(200);
    expect(first.body.welcomeCode).toMatch(/^FRIEND-[A-Z2-9]{10}$/);
    const [discount] = await welcomeDiscounts(shop);
    expect(discount).toMatchObject({
      codes: [{ code: first.body.welcomeCode }],
      usageLimit: 1,
      appliesOncePerCustomer: true,
      eligibility: { kind: "all" },
      customerGets: { value: { kind: "percentage", percentage: 0.15 }, items: { kind: "all" } },
    });
    expect((await claim(shop, { code: mine.body.code, email: "friend@example.com" })).body.welcomeCode).toBe(first.body.welcomeCode);
    expect(await welcomeDiscounts(shop)).toHaveLength(1);
    expect(await db.referralClaim.findMany({ where: { shop } })).toMatchObject([{ status: "issued", emailKey: "friend@example.com" }]);
  });

  it("GIVEN bad input THEN 400 with the reason, and nothing written or asked of Shopify", async () => {
    const { shop, mine } = await shopWithAdvocate();
    const before = standIn.requests.length;
    expect((await claim(shop, "{nope")).body.error).toEqual({ code: "invalid_request", message: "the body must be JSON" });
    expect((await claim(shop, { code: "nope!" , email: "a@b.co" })).body.error.message).toBe("code must be a referral code");
    expect((await claim(shop, { code: mine.body.code })).body.error.message).toBe("email is required");
    expect((await claim(shop, { code: mine.body.code, email: "not an email" })).body.error.message).toBe("email must be an email address");
    expect((await claim(shop, { code: mine.body.code, email: `${"a".repeat(250)}@b.co` })).status).toBe(400);
    expect((await claim(shop, { code: "ABCDEFGH", email: "x@example.com" })).status).toBe(404);
    expect(await db.referralClaim.count({ where: { shop } })).toBe(0);
    expect(standIn.requests.length).toBe(before);
  });

  it("GIVEN the advocate's own email (googlemail, dots, +tag) or own account THEN 409 own_referral_code", async () => {
    const { shop, mine } = await shopWithAdvocate();
    expect((await claim(shop, { code: mine.body.code, email: "Ana.Popescu+me@googlemail.com" })).body.error.code).toBe("own_referral_code");
    expect((await claim(shop, { code: mine.body.code }, "7011")).body.error.code).toBe("own_referral_code");
    expect(await db.referralClaim.count({ where: { shop } })).toBe(0);
  });

  it("GIVEN Shopify refuses (userErrors) THEN 502 and the claim is failed; a retry gets a fresh code", async () => {
    const { shop, mine } = await shopWithAdvocate();
    standIn.injectFault({ kind: "userErrors", userErrors: [{ field: ["basicCodeDiscount", "code"], message: "Code must be unique." }] }, { operationName: "RewardCodeBasicCreate" });
    const refused = await claim(shop, { code: mine.body.code, email: "friend2@example.com" });
    expect(refused).toMatchObject({ status: 502, body: { error: { code: "welcome_code_not_created" } } });
    expect(await db.referralClaim.findMany({ where: { shop } })).toMatchObject([{ status: "failed" }]);
    const retried = await claim(shop, { code: mine.body.code, email: "friend2@example.com" });
    expect(retried.status).toBe(200);
  });

  it("GIVEN Shopify created the code but the answer was lost (5xx after apply) THEN the look-up finds it and the friend gets it", async () => {
    const { shop, mine } = await shopWithAdvocate();
    standIn.injectFault({ kind: "http5xxAfterApply", status: 502 }, { operationName: "RewardCodeBasicCreate" });
    const answer = await claim(shop, { code: mine.body.code, email: "friend3@example.com" });
    expect(answer.status).toBe(200);
    expect(await welcomeDiscounts(shop)).toHaveLength(1);
    expect(await db.referralClaim.findMany({ where: { shop } })).toMatchObject([{ status: "issued", welcomeCode: answer.body.welcomeCode }]);
  });

  it("GIVEN a 5xx before anything was created THEN the look-up finds nothing: 502, claim failed", async () => {
    const { shop, mine } = await shopWithAdvocate();
    standIn.injectFault({ kind: "http5xx", status: 503 }, { operationName: "RewardCodeBasicCreate" });
    const answer = await claim(shop, { code: mine.body.code, email: "friend4@example.com" });
    expect(answer.status).toBe(502);
    expect(await welcomeDiscounts(shop)).toHaveLength(0);
  });

  it("GIVEN the create's answer lost AND the look-up unreachable THEN 503 pending; asking again looks the code up and hands out that same code", async () => {
    const { shop, mine } = await shopWithAdvocate();
    standIn.injectFault({ kind: "http5xxAfterApply", status: 502 }, { operationName: "RewardCodeBasicCreate" });
    // Network errors are never retried by the Admin helper: one failed look-up.
    standIn.injectFault({ kind: "network" }, { operationName: "RewardCodeLookUp" });
    const first = await claim(shop, { code: mine.body.code, email: "unlucky@example.com" });
    expect(first).toMatchObject({ status: 503, body: { error: { code: "welcome_code_pending" } } });
    const [pending] = await db.referralClaim.findMany({ where: { shop } });
    expect(pending!.status).toBe("issuing");
    const again = await claim(shop, { code: mine.body.code, email: "unlucky@example.com" });
    expect(again.status).toBe(200);
    expect(again.body.welcomeCode).toBe(pending!.welcomeCode);
    expect(await welcomeDiscounts(shop)).toHaveLength(1);
  });

  it("GIVEN a fourth claim within a minute for one friend THEN 429 with Retry-After", async () => {
    const { shop, mine } = await shopWithAdvocate();
    for (let i = 0; i < 3; i += 1) expect((await claim(shop, { code: mine.body.code, email: "eager@example.com" })).status).toBe(200);
    const limited = await claim(shop, { code: mine.body.code, email: "eager@example.com" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
  });
});

describe("GET /proxy/r/CODE (the link's landing page)", () => {
  it("GIVEN a valid code THEN Liquid for the theme with the code, the cart attribute and every language's texts; GIVEN a bad one THEN the invalid-link page", async () => {
    const { shop, mine } = await shopWithAdvocate();
    const request = await signedProxyRequest(shop, `/proxy/r/${mine.body.code}`);
    const page = await landingLoader({ request, params: { code: mine.body.code }, context: {} });
    expect(page.status).toBe(200);
    expect(page.headers.get("Content-Type")).toBe("application/liquid; charset=utf-8");
    const text = await page.text();
    expect(text).toContain(`"code":"${mine.body.code}"`);
    expect(text).toContain('"attribute":"_loyalty_ref"');
    expect(text).toContain("/cart/update.js");
    expect(text).toContain("{{ request.locale.iso_code | json }}");
    for (const words of ["A welcome gift from a friend", "Prezent powitalny od znajomego", "Приветственный подарок от друга", "Un cadou de bun venit de la un prieten"]) expect(text).toContain(words);
    // As Shopify (here the demo's stand-in) renders it: the shopper's language and, for a guest, the email field.
    const rendered = await (await renderProxyLiquid(text, { customerId: null, locale: "pl" })).text();
    expect(rendered).toContain('var lang = "pl".split("-")[0]');
    expect(rendered).toContain('id="lr-email"');
    expect(rendered).not.toMatch(/{%|{{/);
    const signedIn = await (await renderProxyLiquid(text, { customerId: "7013", locale: "en" })).text();
    expect(signedIn).not.toContain('id="lr-email"');
    const bad = await landingLoader({ request: await signedProxyRequest(shop, "/proxy/r/NOPE"), params: { code: "NOPE" }, context: {} });
    expect(await bad.text()).toContain('"code":null');
    const unsigned = await landingLoader({ request: new Request(`https://app.example/proxy/r/${mine.body.code}`), params: { code: mine.body.code }, context: {} });
    expect(unsigned.status).toBe(401);
  });
});
