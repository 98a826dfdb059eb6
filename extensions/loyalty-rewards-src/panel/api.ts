// The app proxy API (docs/proxy-api.md) as the storefront sees it. Every call goes to the shop's own domain
// (/apps/loyalty/…); Shopify signs it and names the customer, so nothing here says who the shopper is.

export type RewardType = "fixed_amount" | "percentage" | "free_shipping" | "free_product" | "variable_amount" | "store_credit";

export type Reward = {
  id: number;
  type: RewardType;
  title: string;
  pointsCost: number;
  amountMinor: number | null;
  percentage: number | null;
  minPoints: number | null;
  maxPoints: number | null;
  minimumSubtotalMinor: number | null;
  cheapestPoints: number;
  /** Only for this tier and above (a tier id as in Me.tier.tiers); null for everyone. */
  minTierId?: string | null;
  /** /proxy/me: the shopper's tier is below minTierId. */
  tierLocked?: boolean;
};

export type WayToEarn = { kind: string; pointsPerUnit?: number; points?: number };

/** A way to earn besides orders the shop has switched on (birthday, newsletter, social follow, review, custom). */
export type EarnAction = {
  key: string;
  kind: string;
  points: number;
  limit: { type: "once" | "yearly" | "per_period"; count?: number; period?: "day" | "week" | "month" };
  names: Record<string, string | undefined>;
  network: string | null;
  url: string | null;
  photoBonus: number;
};

/** Present when the shop's program offers referrals: what the member earns and what the friend gets. */
export type ReferralOffer = { advocatePoints: number; friendOffer: { type: "percentage" | "fixed_amount"; value: number } };

/** A running bonus campaign (app/rules/campaigns.ts storefrontCampaigns). */
export type ShopperCampaign = { names: Record<string, string | undefined>; multiplierPercent: number; bonusPoints: number; endsAt: string; scoped: boolean; tiersOnly: boolean };

export type Program = {
  currency: string;
  waysToEarn: WayToEarn[];
  actions?: EarnAction[];
  campaigns?: ShopperCampaign[];
  rewards: Reward[];
  /** The tiers' names (lowest first), present when a reward is limited to a tier: what guests see it needs. */
  tiers?: Array<Pick<TierView, "id" | "names">>;
  referral?: ReferralOffer | null;
};

export type HistoryEntry = { id: number; kind: string; availableDelta: number; pendingDelta: number; reason: string; createdAt: string };

export type IssuedReward = {
  title: string;
  type: RewardType;
  status: "reserved" | "issued" | "used" | "expired" | "failed" | "revoked" | "refunded";
  code: string | null;
  valueMinor: number | null;
  currency: string;
  expiresAt: string | null;
};

export type TierView = { id: string; names: Record<string, string> & { en: string }; threshold: number };

export type Tier = {
  measure: "points_earned" | "money_spent" | "orders_placed";
  current: TierView | null;
  next: TierView | null;
  progress: number;
  needed: number;
  periodEndsAt: string | null;
  /** Every tier, lowest first. */
  tiers?: TierView[];
};

export type Me = {
  currency: string;
  availablePoints: number;
  pendingPoints: number;
  /** null when the shop has no tiers. */
  tier?: Tier | null;
  rewards: Reward[];
  history: { entries: HistoryEntry[]; nextBefore: number | null };
  issuedRewards: IssuedReward[];
  /** Whether each way to earn is used up for now. */
  actions?: Array<{ key: string; done: boolean }>;
  birthday?: { month: number; day: number; earnsFrom: number } | null;
};

export type Redeemed = { redemption: IssuedReward; availablePoints: number };

/** A failed call: the API's stable error code ("network" when unreachable, "generic" when unknown), status, Retry-After. */
export type ApiError = { code: string; status: number; retryAfter?: number };
export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export async function call<T>(base: string, path: string, init?: RequestInit): Promise<Result<T>> {
  let response: Response;
  try {
    response = await fetch(base + path, { ...init, headers: { Accept: "application/json", "Content-Type": "application/json" } });
  } catch {
    return { ok: false, error: { code: "network", status: 0 } };
  }
  // A proxy error page or an empty answer is not JSON: reported by its status.
  const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
  if (response.ok && body) return { ok: true, data: body as T };
  return { ok: false, error: { code: body?.error?.code || "generic", status: response.status, retryAfter: Number(response.headers.get("Retry-After")) } };
}
