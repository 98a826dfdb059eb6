import { sqlDb } from "../db.server";
import { getOrderBonuses, getProgramSettings } from "../persistence/program-settings";
import { listActions } from "../persistence/earning-actions";
import { storefrontActions } from "../rules/earning-actions";
import { cachedCampaigns } from "../persistence/campaigns";
import { storefrontCampaigns } from "../rules/campaigns";
import { listStorefrontRewards } from "../persistence/storefront-catalog";
import { shopCurrency } from "../persistence/shops";
import { shopTierRules } from "../persistence/tier-rules";
import { referralSettings } from "../persistence/referrals";
import { json, methodNotAllowed, proxyHandler, storefrontReward } from "../shopify/storefront-api.server";

// GET /proxy/program (storefront: /apps/loyalty/program): the shop's program, the same for every visitor.
export const loader = proxyHandler(async (_request, { shop }) => {
  const [settings, rewards, currency, actions, referral, campaigns, bonuses] = await Promise.all([
    getProgramSettings(sqlDb, shop),
    listStorefrontRewards(sqlDb, shop),
    shopCurrency(sqlDb, shop),
    listActions(sqlDb, shop),
    referralSettings(sqlDb, shop),
    cachedCampaigns(sqlDb, shop),
    getOrderBonuses(sqlDb, shop),
  ]);
  // The tiers' names, so a guest sees "For Gold and above" on a tier reward as a member does: read only when a reward
  // is limited to a tier (the rules come from the per-process cache keyed by the program's version).
  const tierRules = rewards.some((reward) => reward.minTierId !== null) ? await shopTierRules(sqlDb, shop) : null;
  return json(
    {
      currency,
      earning: {
        pointsPerUnit: settings.pointsPerUnit,
        includeShipping: settings.includeShipping,
        includeTaxes: settings.includeTaxes,
        pendingDays: settings.pendingDays,
        rounding: "down",
        // The "Earn N points" block computes with the same earning function: what never earns, and order bonuses.
        excludedProductIds: settings.excludedProductIds,
        orderThresholdMinor: bonuses.orderThresholdMinor,
        orderThresholdBonus: bonuses.orderThresholdBonus,
      },
      waysToEarn: [
        { kind: "purchase", pointsPerUnit: settings.pointsPerUnit },
        ...(settings.signupBonus > 0 ? [{ kind: "signup", points: settings.signupBonus }] : []),
      ],
      // The other ways to earn the shop has switched on (birthday, newsletter, social, reviews, custom actions).
      actions: storefrontActions(actions),
      // Campaigns running now ("2× points until Sunday"); the answer is cached 60 s, the panel also drops ended ones.
      campaigns: storefrontCampaigns(campaigns, new Date()),
      rewards: rewards.map(storefrontReward),
      // Every tier, lowest first (id as in a reward's minTierId); absent when no reward is limited to a tier.
      ...(tierRules ? { tiers: tierRules.rules.tiers.map((tier) => ({ id: tier.id, names: tier.names })) } : {}),
      // Referrals (one key lookup): what a member earns per friend and what the friend gets; null when off.
      referral: referral.enabled ? { advocatePoints: referral.advocatePoints, friendOffer: { type: referral.friendRewardType, value: referral.friendRewardValue } } : null,
    },
    { cache: "public" },
  );
});

export const action = methodNotAllowed("GET");
