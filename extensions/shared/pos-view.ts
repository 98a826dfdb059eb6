// What the POS extension (extensions/pos-rewards) shows and does, as pure functions of the app's answers and of the
// POS cart: the customer's summary for the customer-details block, the rewards redeemable into this cart (the same
// rule as the cart and checkout, extensions/shared/rewards-view.ts), which of the codes we applied the cart no
// longer holds (those are cancelled: the points come back), and the query string that tells the app where the
// request comes from. No DOM, no fetch: unit-tested in tests/unit/extensions/pos-view.test.ts.
import { rewardOptions, tierProgress, type ListedReward, type RewardOption } from "./rewards-view";

/** A code this extension put into the POS cart, remembered until the sale ends or the code is taken off. */
export type AppliedCode = { redemptionId: number; code: string; customerId: string };

/** A cart discount as POS lists it (Cart.cartDiscounts): a code discount carries its code as the description. */
export type PosCartDiscount = { type?: string; discountDescription?: string };

/** The POS cart's subtotal ("12.50", in the shop's currency) in minor units; null when POS gives none. */
export function subtotalMinor(subtotal: string | undefined, minorDigits = 2): number | null {
  if (subtotal === undefined || !/^\d+(\.\d+)?$/.test(subtotal.trim())) return null;
  const [whole = "0", fraction = ""] = subtotal.trim().split(".");
  return Number(whole) * 10 ** minorDigits + Number(fraction.padEnd(minorDigits, "0").slice(0, minorDigits) || "0");
}

/** The codes of the cart's discounts, upper-cased (codes are case-insensitive in Shopify). */
export function cartCodes(discounts: readonly PosCartDiscount[] | undefined): string[] {
  return (discounts ?? []).map((d) => d.discountDescription?.trim().toUpperCase() ?? "").filter(Boolean);
}

/** Our applied codes that are no longer in the cart: taken off by staff, or the cart was cleared. */
export function removedCodes(applied: readonly AppliedCode[], discounts: readonly PosCartDiscount[] | undefined): AppliedCode[] {
  const inCart = new Set(cartCodes(discounts));
  return applied.filter((a) => !inCart.has(a.code.toUpperCase()));
}

/** The rewards a staff member can redeem for the customer into this cart, each with why not when it cannot. */
export function posRewardOptions(rewards: ReadonlyArray<ListedReward & { tierLocked?: boolean }>, availablePoints: number, cartSubtotal: string | undefined): RewardOption[] {
  // A reward for a higher tier is refused by the app as online; it is not offered.
  const open = rewards.filter((r) => !r.tierLocked);
  return rewardOptions(open, { signedIn: true, availablePoints, subtotalMinor: subtotalMinor(cartSubtotal) });
}

export type HistoryEntry = { id: number; kind: string; availableDelta: number; pendingDelta: number; reason: string; createdAt: string };

export type PosSummary = {
  availablePoints: number;
  pendingPoints: number;
  /** The tier's name in the staff member's language (the shop's default when it has none), null without tiers. */
  tierName: string | null;
  nextTierName: string | null;
  progress: { percent: number; remaining: number } | null;
  affordableCount: number;
  recent: HistoryEntry[];
};

type TierNames = { names: Record<string, string> } | null;
type MemberForSummary = {
  availablePoints: number;
  pendingPoints: number;
  rewards: ReadonlyArray<ListedReward & { tierLocked?: boolean }>;
  history: { entries: readonly HistoryEntry[] };
  tier: { current: TierNames; next: TierNames; progress: number; needed: number; measure: string } | null;
};

function tierName(tier: TierNames, locale: string): string | null {
  if (!tier) return null;
  const language = locale.split("-")[0]!.toLowerCase();
  return tier.names[locale] ?? tier.names[language] ?? tier.names.en ?? Object.values(tier.names)[0] ?? null;
}

/** The customer-details block: balance, pending, tier and progress, how many rewards fit, the last `recentCount` entries. */
export function posSummary(member: MemberForSummary, locale: string, cartSubtotal: string | undefined, recentCount = 3): PosSummary {
  return {
    availablePoints: member.availablePoints,
    pendingPoints: member.pendingPoints,
    tierName: tierName(member.tier?.current ?? null, locale),
    nextTierName: tierName(member.tier?.next ?? null, locale),
    progress: tierProgress(member.tier),
    affordableCount: posRewardOptions(member.rewards, member.availablePoints, cartSubtotal).filter((o) => o.disabled === null).length,
    recent: member.history.entries.slice(0, recentCount),
  };
}

/** `?location=…&staff=…` from POS's session (numbers), for the app's staff/location rule and audit. */
export function posQuery(session: { locationId?: number; staffMemberId?: number }, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  if (session.locationId) params.set("location", String(session.locationId));
  if (session.staffMemberId) params.set("staff", String(session.staffMemberId));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The enrolment form, checked before it is sent (the app checks again): the first field that is wrong. */
export function enrolProblem(form: { firstName: string; email: string }): "first_name_required" | "email_invalid" | null {
  if (!form.firstName.trim()) return "first_name_required";
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email.trim())) return "email_invalid";
  return null;
}
