// "Rewards only for that tier and above" through the real storefront routes, with requests signed as Shopify's app
// proxy signs them: /proxy/me shows the reward locked below its tier, /proxy/redeem refuses it with nothing
// reserved, and a member of the tier (or above) redeems it. Runs on SQLite and PostgreSQL (TEST_DATABASE).
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { appendEntries, ensureMember } from "../../../app/persistence/ledger";
import { createReward } from "../../../app/persistence/reward-catalog";
import { recordShopSeen } from "../../../app/persistence/shops";
import { saveTierProgram } from "../../../app/persistence/tier-program";
import { runTierJob } from "../../../app/persistence/tier-reevaluation";
import { assignMemberTier } from "../../../app/persistence/tier-assignment";
import { REWARD_DEFAULTS, type RewardDefinition } from "../../../app/rules/rewards";
import { validateTierForm, type TierFormTier } from "../../../app/rules/tiers";
import { loader as meLoader } from "../../../app/routes/proxy.me";
import { loader as programLoader } from "../../../app/routes/proxy.program";
import { action as redeemAction } from "../../../app/routes/proxy.redeem";
import { installShop, posRequest, signedProxyRequest, uniqueShop } from "../../support/shopify-requests";
import { action as posRedeemAction } from "../../../app/routes/extension.pos.redeem";
import { loader as posMeLoader } from "../../../app/routes/extension.pos.me";
import { expectCachedBalancesMatchLedger } from "../../support/ledger-invariants";
import { lockNamed } from "../../../app/db/dialect";
import { memberTierLockName } from "../../../app/db/lock-names";
import { memberTierNow, saveTierStep } from "../../../app/persistence/member-tiers";
import { shopTierRules } from "../../../app/persistence/tier-rules";
import { assignTier, combineSteps } from "../../../app/rules/tiers";
import { jsonRouteResponse as call } from "../../support/route-response";

const standIn = installAdminApiStandIn();

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any


const me = async (shop: string, customerId: string) => call(meLoader, await signedProxyRequest(shop, "/proxy/me", { customerId }));
const redeem = async (shop: string, customerId: string, rewardId: number) =>
  call(
    redeemAction,
    await signedProxyRequest(shop, "/proxy/redeem", {
      customerId,
      init: { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ rewardId }) },
    }),
  );

const formTier = (position: number, en: string, threshold: string): TierFormTier => ({
  id: "",
  position: String(position),
  names: { en, pl: en === "Gold" ? "Złoto" : en },
  threshold,
  multiplier: "1",
  entryReward: "0",
  freeShipping: false,
  birthdayMultiplier: "1",
});

async function shopWithTiers() {
  const shop = uniqueShop("tier-rewards");
  await installShop(shop);
  await recordShopSeen(sqlDb, shop, "USD", new Date(), "America/Los_Angeles");
  standIn.seedShop(shop, { name: "Tea House", currencyCode: "USD" });
  const form = validateTierForm(
    { measure: "money_spent", period: "calendar_year", graceDays: "0", tiers: [formTier(1, "Silver", "100"), formTier(2, "Gold", "500"), formTier(3, "Platinum", "2000")] },
    "USD",
  );
  if (!form.ok) throw new Error(JSON.stringify(form.issues));
  expect(await runTierJob(sqlDb, shop, await saveTierProgram(sqlDb, shop, form.rules, "staff-1"))).toBe("done");
  const tiers = await db.tier.findMany({ where: { shop }, orderBy: { position: "asc" } });
  const ids = Object.fromEntries(tiers.map((tier) => [(JSON.parse(tier.names) as { en: string }).en, tier.id]));
  return { shop, ids: ids as Record<"Silver" | "Gold" | "Platinum", number> };
}

async function memberWith(shop: string, customerId: string, points: number) {
  standIn.seedCustomer(shop, { id: customerId });
  const member = await ensureMember(sqlDb, shop, customerId);
  await sqlDb.transaction().execute((tx) =>
    appendEntries(tx, shop, member.id, [
      { kind: "adjust", availableDelta: points, pendingDelta: 0, reason: "grant", sourceType: "staff", sourceId: "t", idempotencyKey: `grant:${customerId}` },
    ]),
  );
  return member.id;
}

const holdUntil = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

async function setTier(shop: string, memberId: number, tierId: number) {
  const result = await assignMemberTier(sqlDb, shop, { memberId, tierId: String(tierId), holdUntil: holdUntil(), reason: "test", staffUserId: "staff-1" });
  expect(result).toEqual({ ok: true });
}

const definition = (overrides: Partial<RewardDefinition> = {}): RewardDefinition => ({
  ...REWARD_DEFAULTS,
  type: "fixed_amount",
  title: "$20 off",
  pointsCost: 100,
  amountMinor: 2000,
  ...overrides,
});

describe("rewards for a tier and above", () => {
  it("GIVEN a Gold reward THEN at the point of sale exactly as online: locked and refused for Silver, redeemed for Gold", async () => {
    const { shop, ids } = await shopWithTiers();
    const gold = await createReward(db, shop, definition({ minTierId: ids.Gold }));
    const silver = await memberWith(shop, "9101", 1000);
    await setTier(shop, silver, ids.Silver);
    const goldMember = await memberWith(shop, "9102", 1000);
    await setTier(shop, goldMember, ids.Gold);
    const posMe = async (customerId: string) => call(posMeLoader, await posRequest(`/extension/pos/me?customer=${customerId}`, { shop }));
    const posRedeem = async (customerId: string) =>
      call(posRedeemAction, await posRequest("/extension/pos/redeem", { shop, init: { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ customerId, rewardId: gold.id }) } }));
    expect(((await posMe("9101")).body.member.rewards as Json[]).find((r) => r.id === gold.id)?.tierLocked).toBe(true);
    const refused = await posRedeem("9101");
    expect(refused).toMatchObject({ status: 403, body: { error: { code: "tier_required" } } });
    expect(refused.body).toEqual((await redeem(shop, "9101", gold.id)).body);
    expect(await db.redemption.count({ where: { shop } })).toBe(0);
    expect((await posRedeem("9102")).status).toBe(200);
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN a Gold reward THEN a Silver member sees it locked and is refused with nothing reserved; Gold and Platinum members redeem it", async () => {
    const { shop, ids } = await shopWithTiers();
    const gold = await createReward(db, shop, definition({ minTierId: ids.Gold }));
    const open = await createReward(db, shop, definition({ title: "$5 off", amountMinor: 500 }));
    const silver = await memberWith(shop, "9001", 1000);
    await setTier(shop, silver, ids.Silver);

    const page = await me(shop, "9001");
    expect(page.status).toBe(200);
    const listed = Object.fromEntries((page.body.rewards as Json[]).map((r) => [r.id, r]));
    expect(listed[gold.id]).toMatchObject({ minTierId: String(ids.Gold), affordable: true, tierLocked: true });
    expect(listed[open.id]).toMatchObject({ minTierId: null, tierLocked: false });
    // The panel names the tier from the same answer.
    expect((page.body.tier.tiers as Json[]).find((t) => t.id === String(ids.Gold))?.names).toMatchObject({ en: "Gold", pl: "Złoto" });

    const refused = await redeem(shop, "9001", gold.id);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("tier_required");
    expect(refused.body.error.message).toMatch(/Gold/);
    expect(await db.redemption.count({ where: { shop } })).toBe(0);
    expect(Number((await db.member.findUniqueOrThrow({ where: { id: silver } })).availablePoints)).toBe(1000);

    // The open reward is not affected.
    expect((await redeem(shop, "9001", open.id)).status).toBe(200);

    const goldMember = await memberWith(shop, "9002", 1000);
    await setTier(shop, goldMember, ids.Gold);
    expect(((await me(shop, "9002")).body.rewards as Json[]).find((r) => r.id === gold.id)?.tierLocked).toBe(false);
    const redeemed = await redeem(shop, "9002", gold.id);
    expect(redeemed.status).toBe(200);
    expect(redeemed.body.availablePoints).toBe(900);

    const platinum = await memberWith(shop, "9003", 1000);
    await setTier(shop, platinum, ids.Platinum);
    expect((await redeem(shop, "9003", gold.id)).status).toBe(200);
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN a reward for a tier THEN /proxy/program names the tiers for guests; without one it carries none", async () => {
    const { shop, ids } = await shopWithTiers();
    const program = async () => call(programLoader, await signedProxyRequest(shop, "/proxy/program"));
    await createReward(db, shop, definition({ title: "$5 off", amountMinor: 500 }));
    expect((await program()).body).not.toHaveProperty("tiers");

    await createReward(db, shop, definition({ minTierId: ids.Gold }));
    const answer = await program();
    expect(answer.status).toBe(200);
    expect(answer.body.tiers).toEqual([
      { id: String(ids.Silver), names: { en: "Silver", pl: "Silver" } },
      { id: String(ids.Gold), names: { en: "Gold", pl: "Złoto" } },
      { id: String(ids.Platinum), names: { en: "Platinum", pl: "Platinum" } },
    ]);
    expect((answer.body.rewards as Json[]).map((reward) => reward.minTierId).sort()).toEqual([String(ids.Gold), null].sort());
  });

  it("GIVEN a shopper with no tier yet THEN refused; GIVEN the tier is deleted THEN the limit is gone everywhere", async () => {
    const { shop, ids } = await shopWithTiers();
    const reward = await createReward(db, shop, definition({ minTierId: ids.Platinum }));
    await memberWith(shop, "9010", 500);
    expect((await redeem(shop, "9010", reward.id)).body.error.code).toBe("tier_required");

    // Remove Platinum: the reward row says "everyone" again, and redemption agrees.
    const form = validateTierForm(
      { measure: "money_spent", period: "calendar_year", graceDays: "0", tiers: [{ ...formTier(1, "Silver", "100"), id: String(ids.Silver) }, { ...formTier(2, "Gold", "500"), id: String(ids.Gold) }] },
      "USD",
    );
    if (!form.ok) throw new Error(JSON.stringify(form.issues));
    await runTierJob(sqlDb, shop, await saveTierProgram(sqlDb, shop, form.rules, "staff-1"));
    expect((await db.reward.findUniqueOrThrow({ where: { id: reward.id } })).minTierId).toBeNull();
    expect(((await me(shop, "9010")).body.rewards as Json[])[0]).toMatchObject({ minTierId: null, tierLocked: false });
    expect((await redeem(shop, "9010", reward.id)).status).toBe(200);
  });

  it("GIVEN a downgrade committing while the redemption waits THEN the redemption sees it and is refused (checked under the tier lock)", async () => {
    const { shop, ids } = await shopWithTiers();
    const reward = await createReward(db, shop, definition({ minTierId: ids.Gold }));
    const memberId = await memberWith(shop, "9020", 1000);
    await setTier(shop, memberId, ids.Gold);
    const tiers = (await shopTierRules(sqlDb, shop))!;

    let pending: Promise<{ status: number; body: Json }> | null = null;
    await sqlDb.transaction().execute(async (trx) => {
      // The tier check / staff move: holds the member's tier lock while it writes the lower tier.
      await lockNamed(trx, memberTierLockName(shop, memberId));
      pending = redeem(shop, "9020", reward.id);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const now = new Date();
      const current = await memberTierNow(trx, shop, memberId, tiers, now);
      const step = combineSteps(current, assignTier(current.state, tiers.rules, String(ids.Silver), now.getTime() + 86_400_000, now.getTime()));
      await saveTierStep(trx, shop, memberId, step, tiers, now);
    });
    const answer = await pending!;
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe("tier_required");
    expect(await db.redemption.count({ where: { shop } })).toBe(0);
    await expectCachedBalancesMatchLedger(shop);
  });
});
