import { sqlDb } from "../db.server";
import { getMemberSummary } from "../persistence/member-summary";
import { ensureReferralCode, referralSettings } from "../persistence/referrals";
import { referralLink } from "../rules/referrals";
import { apiError, json, methodNotAllowed, proxyHandler } from "../shopify/storefront-api.server";

// GET /proxy/referral (storefront: /apps/loyalty/referral): the signed-in member's referral code and link, and what
// the friend and the advocate get. Its own endpoint rather than a part of /proxy/me, so the panel's every view pays
// nothing for referrals: the panel asks for this only when the shopper opens the referral section. The code is
// created on the first ask.
export const loader = proxyHandler(async (_request, { shop, customerId }) => {
  if (!customerId) return apiError(401, "sign_in_required", "Sign in to get your referral link");
  const settings = await referralSettings(sqlDb, shop);
  if (!settings.enabled) return apiError(404, "referrals_off", "This shop has no referral program right now");
  const { memberId, holdOut } = await getMemberSummary(sqlDb, shop, customerId);
  if (memberId === null) return apiError(404, "not_a_member", "Join the program to get a referral link");
  // The analytics hold-out group has no program, so no link to earn referral points with (the same answer as /proxy/me).
  if (holdOut) return apiError(403, "not_enrolled", "The rewards program is not available for this account");
  const code = await ensureReferralCode(sqlDb, shop, memberId);
  return json({
    code,
    link: referralLink(shop, code),
    advocatePoints: settings.advocatePoints,
    friendOffer: { type: settings.friendRewardType, value: settings.friendRewardValue },
    linkLifetimeDays: settings.linkLifetimeDays,
  });
});

export const action = methodNotAllowed("GET");
