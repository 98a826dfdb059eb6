import { sqlDb } from "../db.server";
import { parseRowId } from "../db/row-id";
import { getHistoryPage, getMemberSummary, listIssuedRewards, redemptionView } from "../persistence/member-summary";
import { getMemberTierSummary } from "../persistence/member-tier-summary";
import { listStorefrontRewards } from "../persistence/storefront-catalog";
import { cheapestPoints } from "../rules/rewards";
import { shopCurrency, shopTimeZone } from "../persistence/shops";
import { listActions } from "../persistence/earning-actions";
import { creditedKeys } from "../persistence/action-credits";
import { getBirthday } from "../persistence/birthdays";
import { actionDone, creditSource, type PriorCredit } from "../rules/earning-actions";
import { apiError, json, methodNotAllowed, proxyHandler, storefrontReward } from "../shopify/storefront-api.server";

const PAGE_SIZE = 20;

// GET /proxy/me?before=<entry id> (storefront: /apps/loyalty/me): the signed-in shopper's points, a page of
// history, rewards with whether each is affordable, and issued codes. Only ever the customer the signature names.
export const loader = proxyHandler(async (request, { shop, customerId }) => {
  if (!customerId) return apiError(401, "sign_in_required", "Sign in to see your points");
  const beforeParam = new URL(request.url).searchParams.get("before");
  const before = beforeParam === null ? undefined : parseRowId(beforeParam);
  if (before === null) {
    return apiError(400, "invalid_cursor", "before must be an entry id from a previous page");
  }

  const summary = await getMemberSummary(sqlDb, shop, customerId);
  // The analytics hold-out group is not in the program: nothing of it is shown, only a neutral message.
  if (summary.holdOut) return apiError(403, "not_enrolled", "The rewards program is not available for this account");
  const [rewards, currency, history, issued, tier, actions, zone, credits, birthday] = await Promise.all([
    listStorefrontRewards(sqlDb, shop),
    shopCurrency(sqlDb, shop),
    summary.memberId === null ? { entries: [], nextBefore: null } : getHistoryPage(sqlDb, shop, summary.memberId, { before, limit: PAGE_SIZE }),
    summary.memberId === null ? [] : listIssuedRewards(sqlDb, shop, summary.memberId),
    getMemberTierSummary(sqlDb, shop, summary.memberId),
    listActions(sqlDb, shop),
    shopTimeZone(sqlDb, shop),
    summary.memberId === null ? new Map<string, PriorCredit[]>() : creditedKeys(sqlDb, shop, summary.memberId),
    summary.memberId === null ? null : getBirthday(sqlDb, shop, customerId),
  ]);
  const now = new Date();
  return json({
    currency,
    availablePoints: summary.availablePoints,
    pendingPoints: summary.pendingPoints,
    // null when the shop has no tiers; progress and needed are in the measure's unit (money: minor units of currency).
    tier: tier && {
      ...tier,
      periodEndsAt: tier.periodEndsAt?.toISOString() ?? null,
      holdUntil: tier.holdUntil?.toISOString() ?? null,
    },
    rewards: rewards.map((reward) => ({ ...storefrontReward(reward), affordable: summary.availablePoints >= cheapestPoints(reward) })),
    history: {
      entries: history.entries.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
      nextBefore: history.nextBefore,
    },
    // Each enabled way to earn and whether this shopper has used it up for now; their birthday as they gave it.
    actions: actions
      .filter((a) => a.enabled && a.points > 0)
      .map((a) => ({ key: a.key, done: actionDone(a, credits.get(creditSource(a.key, null)) ?? [], now, zone) })),
    birthday: birthday ? { month: birthday.month, day: birthday.day, earnsFrom: birthday.firstYear } : null,
    // A code is shown only while it can be used or once used; a failed or expired one is not the shopper's to apply.
    issuedRewards: issued.map((r) => ({ ...redemptionView(r), code: r.status === "issued" || r.status === "used" ? r.code : null })),
  });
});

export const action = methodNotAllowed("GET");
