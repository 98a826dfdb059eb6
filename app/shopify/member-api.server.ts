// What a signed-in shopper sees of their membership and of the program, redeeming / cancelling a reward, the ways-to-
// earn actions (birthday, social follow) and the referral link: one implementation for every surface that has a
// shopper in it. The app proxy (/proxy/*: the panel and the cart block), the UI extensions' endpoints (/extension/*:
// checkout, thank-you, customer account) and the headless API (/api/v1/*: app/shopify/headless-api.server.ts) differ
// only in how they learn who the shopper is; each passes the customer id it verified and never one the client sent.
// The *For functions take the parsed JSON body, so a caller that has already read it (the headless API, which
// bounds its size) passes it on; the *FromRequest ones read it from the request.
//
// Answers throw a Response (apiError) for a refusal of the request itself, and domain errors (answered by the
// caller's handler through app/domain-errors.server.ts) for refusals of the redemption.
import { sqlDb } from "../db.server";
import { isHeldOut } from "../persistence/analytics-settings";
import { parseRowId } from "../db/row-id";
import { redeemReward } from "../persistence/redemption";
import { cancelRedemption } from "../persistence/redemption-cancel";
import { getHistoryPage, getMemberSummary, listIssuedRewards, redemptionView } from "../persistence/member-summary";
import { getMemberTierSummary, rewardTierLocked } from "../persistence/member-tier-summary";
import { listStorefrontRewards } from "../persistence/storefront-catalog";
import { cheapestPoints } from "../rules/rewards";
import { shopCurrency, shopTimeZone } from "../persistence/shops";
import { listActions } from "../persistence/earning-actions";
import { creditedKeys } from "../persistence/action-credits";
import { getBirthday } from "../persistence/birthdays";
import { actionDone, creditSource, isValidBirthday, SOCIAL_NETWORKS, storefrontActions, type PriorCredit } from "../rules/earning-actions";
import { getOrderBonuses, getProgramSettings } from "../persistence/program-settings";
import { cachedCampaigns } from "../persistence/campaigns";
import { storefrontCampaigns } from "../rules/campaigns";
import { shopTierRules } from "../persistence/tier-rules";
import { ensureReferralCode, referralSettings } from "../persistence/referrals";
import { referralLink } from "../rules/referrals";
import { setBirthday } from "../persistence/birthdays";
import { creditAction } from "../persistence/action-credits";
import { createRateLimiter, REDEEM_LIMIT, takeSlot } from "./rate-limit.server";
import { rewardIssuerForShop } from "./reward-issuer.server";
import { apiError, storefrontReward } from "./storefront-api.server";

const PAGE_SIZE = 20;

/** The analytics hold-out group is not in the program: every surface answers it this one neutral refusal. */
function notEnrolled() {
  return apiError(403, "not_enrolled", "The rewards program is not available for this account");
}

/** A code redeemed into a cart or a checkout lives this long: left there unused, it expires and its points return. */
export const CART_CODE_VALID_MS = 24 * 60 * 60 * 1000;

// Shared by every app instance on PostgreSQL (app/shopify/rate-limit.server.ts), and by every surface: a shopper
// redeeming from the panel, the cart and the checkout at once takes slots from one budget.
const limiter = createRateLimiter(REDEEM_LIMIT);
// Cancelling gives points back, so it must not be refused because the shopper just redeemed (their own budget), but
// it calls Shopify twice: bounded on its own, more loosely.
const cancelLimiter = createRateLimiter({ points: 10, durationSeconds: 60, keyPrefix: "cancel" });

/** The `before` cursor of the history page: an entry id, or a 400 answer. */
export function historyCursor(url: URL): number | undefined {
  const beforeParam = url.searchParams.get("before");
  const before = beforeParam === null ? undefined : parseRowId(beforeParam);
  if (before === null) throw apiError(400, "invalid_cursor", "before must be an entry id from a previous page");
  return before;
}

/**
 * The shopper's points, a page of history, rewards with whether each is affordable, issued codes, tier, ways to earn
 * done, birthday (docs/proxy-api.md, GET /me).
 */
export async function memberView(shop: string, customerId: string, before: number | undefined) {
  const summary = await getMemberSummary(sqlDb, shop, customerId);
  // The analytics hold-out group is not in the program: no surface shows it anything of it, only a neutral message.
  if (summary.holdOut) throw notEnrolled();
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
  return {
    currency,
    availablePoints: summary.availablePoints,
    pendingPoints: summary.pendingPoints,
    // null when the shop has no tiers; progress and needed are in the measure's unit (money: minor units of currency).
    tier: tier && {
      ...tier,
      periodEndsAt: tier.periodEndsAt?.toISOString() ?? null,
      holdUntil: tier.holdUntil?.toISOString() ?? null,
    },
    // tierLocked: the reward is for a tier above the shopper's (minTierId and higher); redeeming it is refused.
    rewards: rewards.map((reward) => ({
      ...storefrontReward(reward),
      affordable: summary.availablePoints >= cheapestPoints(reward),
      tierLocked: rewardTierLocked(tier, reward.minTierId),
    })),
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
  };
}

/** Where the code will be used: "cart"/"checkout"/"pos" codes are short-lived (CART_CODE_VALID_MS). */
export type RedeemChannel = "panel" | "cart" | "checkout" | "pos";

type RedeemBody = { rewardId: number; points?: number; applyTo?: "cart" };

export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw apiError(400, "invalid_request", "the body must be JSON");
  }
  return jsonObject(body);
}

function jsonObject(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw apiError(400, "invalid_request", "the body must be a JSON object");
  return body as Record<string, unknown>;
}

function parseRedeemBody(body: Record<string, unknown>): RedeemBody {
  const { rewardId, points, applyTo } = body;
  if (parseRowId(rewardId) === null || typeof rewardId !== "number") throw apiError(400, "invalid_request", "rewardId must be a reward's id");
  if (points !== undefined && !(Number.isSafeInteger(points) && (points as number) > 0)) throw apiError(400, "invalid_request", "points must be a positive whole number");
  if (applyTo !== undefined && applyTo !== "cart") throw apiError(400, "invalid_request", 'applyTo must be "cart" when given');
  return { rewardId, points: points as number | undefined, applyTo };
}

async function takeRedeemSlot(shop: string, customerId: string, from = limiter) {
  const limit = await takeSlot(from, `${shop}\n${customerId}`);
  if (!limit.allowed) {
    throw apiError(429, "rate_limited", "Too many redemptions; try again in a minute", { "Retry-After": String(limit.retryAfterSeconds) });
  }
}

/**
 * POST { rewardId, points?, applyTo? } → the code (or credit) and the new balance. `channel` "checkout" (the
 * checkout extension), or a body saying applyTo "cart" (the cart block), makes the code short-lived.
 */
export async function redeemFromRequest(request: Request, shop: string, customerId: string, channel: RedeemChannel) {
  return redeemFor(shop, customerId, await readJsonObject(request), channel);
}

/** redeemFromRequest with the body already parsed as JSON (anything: it is checked here). */
export async function redeemFor(shop: string, customerId: string, body: unknown, channel: RedeemChannel) {
  const parsed = parseRedeemBody(jsonObject(body));
  // The hold-out never has points (every credit path refuses it), so a redemption would fail anyway; it gets the same
  // neutral answer as /me rather than "not enough points", which would tell it there is a program.
  if (await isHeldOut(sqlDb, shop, customerId)) throw notEnrolled();
  await takeRedeemSlot(shop, customerId);
  const issuer = await rewardIssuerForShop(shop);
  const currency = await shopCurrency(sqlDb, shop);
  // A POS code goes straight into the register's cart: if the sale is not completed it must not stay spendable.
  const inCart = channel === "checkout" || channel === "pos" || parsed.applyTo === "cart";
  const { redemption, availablePoints } = await redeemReward(sqlDb, issuer, {
    shop,
    customerId,
    currency,
    rewardId: parsed.rewardId,
    points: parsed.points,
    ...(inCart ? { validForMs: CART_CODE_VALID_MS } : {}),
  });
  return { redemption: redemptionView(redemption), availablePoints };
}

/** POST { redemptionId } → the code deactivated and its points back (app/persistence/redemption-cancel.ts). */
export async function cancelFromRequest(request: Request, shop: string, customerId: string) {
  return cancelFor(shop, customerId, await readJsonObject(request));
}

/** cancelFromRequest with the body already parsed as JSON. */
export async function cancelFor(shop: string, customerId: string, body: unknown) {
  const { redemptionId } = jsonObject(body);
  if (parseRowId(redemptionId) === null || typeof redemptionId !== "number") throw apiError(400, "invalid_request", "redemptionId must be a redemption's id");
  await takeRedeemSlot(shop, customerId, cancelLimiter);
  const result = await cancelRedemption(sqlDb, await rewardIssuerForShop(shop), { shop, customerId, redemptionId });
  if (!result) throw apiError(404, "unknown_redemption", "No such redemption of yours");
  return { redemption: redemptionView(result.redemption), pointsReturned: result.pointsReturned, availablePoints: result.availablePoints };
}

/**
 * The shop's program, the same for every visitor (docs/proxy-api.md, GET /program): how points are earned, the ways
 * to earn switched on, running campaigns, rewards, tiers (when a reward is limited to one) and referrals.
 */
export async function programView(shop: string) {
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
  return {
    currency,
    earning: {
      pointsPerUnit: settings.pointsPerUnit,
      includeShipping: settings.includeShipping,
      includeTaxes: settings.includeTaxes,
      pendingDays: settings.pendingDays,
      rounding: "down" as const,
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
    // Campaigns running now ("2× points until Sunday"); the proxy's answer is cached 60 s, the panel also drops ended ones.
    campaigns: storefrontCampaigns(campaigns, new Date()),
    rewards: rewards.map(storefrontReward),
    // Every tier, lowest first (id as in a reward's minTierId); absent when no reward is limited to a tier.
    ...(tierRules ? { tiers: tierRules.rules.tiers.map((tier) => ({ id: tier.id, names: tier.names })) } : {}),
    // Referrals (one key lookup): what a member earns per friend and what the friend gets; null when off.
    referral: referral.enabled ? { advocatePoints: referral.advocatePoints, friendOffer: { type: referral.friendRewardType, value: referral.friendRewardValue } } : null,
  };
}

/**
 * POST { month, day } → the birthday and the first year it earns. A birthday set or changed shortly before it falls
 * earns from next year (app/rules/earning-actions.ts birthdayFirstYear); the points come on the day from a job.
 */
export async function birthdayFor(shop: string, customerId: string, body: unknown) {
  const { month, day } = (typeof body === "object" && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  if (!isValidBirthday(month, day)) {
    throw Response.json(
      { error: { code: "invalid_birthday", message: "month (1–12) and day must be a real date", field: "day" } },
      { status: 400, headers: { "Cache-Control": "private, no-store" } },
    );
  }
  const birthday = await setBirthday(sqlDb, shop, customerId, month as number, day as number);
  return { birthday: { month: birthday.month, day: birthday.day, earnsFrom: birthday.firstYear } };
}

/**
 * POST { network } → the points credited for following the shop on that network, once per network. Honour-based
 * (the admin says so): no network tells us whether they followed.
 */
export async function followFor(shop: string, customerId: string, body: unknown) {
  const network = typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>).network : undefined;
  if (typeof network !== "string" || !(SOCIAL_NETWORKS as readonly string[]).includes(network)) {
    throw apiError(400, "invalid_network", `network must be one of ${SOCIAL_NETWORKS.join(", ")}`);
  }
  const outcome = await creditAction(sqlDb, { shop, customerId, actionKey: `social_${network}` });
  switch (outcome.status) {
    case "credited":
      return { credited: { points: outcome.points }, availablePoints: outcome.availablePoints };
    case "held_out":
      // The same neutral answer memberView gives the hold-out on every surface (the panel shows nothing of the program).
      throw notEnrolled();
    case "limit_reached":
      throw apiError(409, "already_earned", "You have already earned points for this");
    default:
      throw apiError(404, "unknown_action", "This way to earn is not offered");
  }
}

/** The member's referral code and link (created on the first ask), and what the friend and the advocate get. */
export async function referralFor(shop: string, customerId: string) {
  const settings = await referralSettings(sqlDb, shop);
  if (!settings.enabled) throw apiError(404, "referrals_off", "This shop has no referral program right now");
  const { memberId, holdOut } = await getMemberSummary(sqlDb, shop, customerId);
  if (memberId === null) throw apiError(404, "not_a_member", "Join the program to get a referral link");
  // The analytics hold-out group has no program, so no link to earn referral points with (the same answer as /me).
  if (holdOut) throw notEnrolled();
  const code = await ensureReferralCode(sqlDb, shop, memberId);
  return {
    code,
    link: referralLink(shop, code),
    advocatePoints: settings.advocatePoints,
    friendOffer: { type: settings.friendRewardType, value: settings.friendRewardValue },
    linkLifetimeDays: settings.linkLifetimeDays,
  };
}
