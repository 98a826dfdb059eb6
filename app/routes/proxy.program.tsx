import { sqlDb } from "../db.server";
import { getProgramSettings } from "../persistence/program-settings";
import { listActions } from "../persistence/earning-actions";
import { storefrontActions } from "../rules/earning-actions";
import { listStorefrontRewards } from "../persistence/storefront-catalog";
import { shopCurrency } from "../persistence/shops";
import { referralSettings } from "../persistence/referrals";
import { json, methodNotAllowed, proxyHandler, storefrontReward } from "../shopify/storefront-api.server";

// GET /proxy/program (storefront: /apps/loyalty/program): the shop's program, the same for every visitor.
export const loader = proxyHandler(async (_request, { shop }) => {
  const [settings, rewards, currency, actions, referral] = await Promise.all([
    getProgramSettings(sqlDb, shop),
    listStorefrontRewards(sqlDb, shop),
    shopCurrency(sqlDb, shop),
    listActions(sqlDb, shop),
    referralSettings(sqlDb, shop),
  ]);
  return json(
    {
      currency,
      earning: {
        pointsPerUnit: settings.pointsPerUnit,
        includeShipping: settings.includeShipping,
        includeTaxes: settings.includeTaxes,
        pendingDays: settings.pendingDays,
        rounding: "down",
      },
      waysToEarn: [
        { kind: "purchase", pointsPerUnit: settings.pointsPerUnit },
        ...(settings.signupBonus > 0 ? [{ kind: "signup", points: settings.signupBonus }] : []),
      ],
      // The other ways to earn the shop has switched on (birthday, newsletter, social, reviews, custom actions).
      actions: storefrontActions(actions),
      rewards: rewards.map(storefrontReward),
      // Referrals (one key lookup): what a member earns per friend and what the friend gets; null when off.
      referral: referral.enabled ? { advocatePoints: referral.advocatePoints, friendOffer: { type: referral.friendRewardType, value: referral.friendRewardValue } } : null,
    },
    { cache: "public" },
  );
});

export const action = methodNotAllowed("GET");
