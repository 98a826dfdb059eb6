// Bonus campaigns: what a campaign is, which order lines it applies to, and how several combine. Pure.
//
// A campaign runs from `startsAt` (inclusive) to `endsAt` (exclusive), instants the merchant gives as local times of
// the shop's time zone (converted with luxon in app/rules/campaign-form.ts). It applies to an order PAID inside that
// window (the order's processed_at, not when its webhook arrived: a late delivery earns what the shopper was promised).
//
// Scope (each list optional; an empty list does not narrow):
//   - products, collections, product tags: a line is in scope when its product is listed, is in a listed collection or
//     has a listed tag (any of the three). With none of them, every line is in scope, and so is shipping when it earns.
//   - tiers: the campaign applies only to members whose tier (the one held before the order) is listed.
//   - channel: "pos" applies only to orders rung up on Shopify POS (source_name "pos"), "online" only to the others;
//     absent, to both. The storefront (online) never shows a POS-only campaign.
//
// Combination rule (stated in admin too):
//   - multipliers: per line, the HIGHEST multiplier among the campaigns that apply to it wins (they never stack);
//   - fixed bonuses: every campaign with a bonus that applies to the order adds its points once per order (bonuses add);
//   - the member's tier multiplier multiplies on top of the campaign multiplier (2× campaign and a 1.5× tier: 3×);
//     fixed bonuses are not multiplied by the tier.
// Rounding: one floor per line of (line points × campaign % × tier %) / 10,000 (see earning.ts).
// Type-only: this module is also bundled into the storefront's "Earn points" block (through earning.ts), which must not
// pull in earning-actions' calendar (luxon).
import type { ActionLocale } from "./earning-actions";

const LOCALES: readonly ActionLocale[] = ["en", "pl", "ru", "ro"];

export const CAMPAIGN_LIMITS = {
  /** 10× at most: a typo of 2000 % instead of 200 % is refused rather than handing out twenty times the points. */
  maxMultiplierPercent: 1000,
  maxBonusPoints: 1_000_000,
  maxName: 80,
  maxScopeItems: 250,
  maxTag: 255,
  /** A campaign runs at most a year. */
  maxDurationMs: 366 * 24 * 60 * 60 * 1000,
} as const;

export type CampaignScope = {
  productIds: string[];
  collectionIds: string[];
  productTags: string[];
  tierIds: string[];
  /** Absent: every order. */
  channel?: CampaignChannel;
};

export type CampaignChannel = "pos" | "online";
export const CAMPAIGN_CHANNELS: readonly CampaignChannel[] = ["pos", "online"];

/** Where an order was placed, from its source_name: Shopify POS writes "pos"; everything else is online. */
export function orderChannel(sourceName: string | null | undefined): CampaignChannel {
  return sourceName === "pos" ? "pos" : "online";
}

/** Whether the campaign applies to an order of `channel` (no channel: every order). */
export function appliesToChannel(campaign: Pick<Campaign, "scope">, channel: CampaignChannel): boolean {
  return campaign.scope.channel === undefined || campaign.scope.channel === channel;
}

export type Campaign = {
  id: number;
  names: Partial<Record<ActionLocale, string>>;
  /** 100 = no multiplier; 200 = 2×; 150 = 1.5×. */
  multiplierPercent: number;
  /** Points added once per order the campaign applies to (0 = none). */
  bonusPoints: number;
  startsAt: Date;
  endsAt: Date;
  scope: CampaignScope;
};

/** What is known about a product at order time (orders/paid lines carry its id only): from the shop's product cache. */
export type ProductFacts = { collectionIds: string[]; tags: string[] };
export type ProductFactsLookup = (productId: string) => ProductFacts | undefined;

export const EMPTY_SCOPE: CampaignScope = { productIds: [], collectionIds: [], productTags: [], tierIds: [] };

export function isRunning(campaign: Pick<Campaign, "startsAt" | "endsAt">, at: Date): boolean {
  const t = at.getTime();
  return campaign.startsAt.getTime() <= t && t < campaign.endsAt.getTime();
}

export function campaignsRunningAt<C extends Pick<Campaign, "startsAt" | "endsAt">>(campaigns: readonly C[], at: Date): C[] {
  return campaigns.filter((campaign) => isRunning(campaign, at));
}

function hasProductScope(scope: CampaignScope): boolean {
  return scope.productIds.length > 0 || scope.collectionIds.length > 0 || scope.productTags.length > 0;
}

/** Whether the campaign applies to the member's tier (no tier list: everyone). */
export function appliesToTier(campaign: Campaign, tierId: string | null): boolean {
  return campaign.scope.tierIds.length === 0 || (tierId !== null && campaign.scope.tierIds.includes(tierId));
}

/** Tags compare case-insensitively and trimmed, as Shopify treats them. */
export function normalTag(tag: string): string {
  return tag.trim().toLowerCase();
}

/** Whether a line of `productId` is in the campaign's product scope. Shipping passes `null` (in scope only when unscoped). */
export function lineInScope(scope: CampaignScope, productId: string | null, facts: ProductFactsLookup | undefined): boolean {
  if (!hasProductScope(scope)) return true;
  if (productId === null) return false;
  if (scope.productIds.includes(productId)) return true;
  const known = facts?.(productId);
  if (!known) return false;
  if (scope.collectionIds.some((id) => known.collectionIds.includes(id))) return true;
  const tags = new Set(known.tags.map(normalTag));
  return scope.productTags.some((tag) => tags.has(normalTag(tag)));
}

/** The multiplier (percent) for one line: the highest among the campaigns in scope, 100 with none. */
export function lineMultiplierPercent(campaigns: readonly Campaign[], productId: string | null, facts: ProductFactsLookup | undefined): number {
  let best = 100;
  for (const campaign of campaigns) {
    if (campaign.multiplierPercent > best && lineInScope(campaign.scope, productId, facts)) best = campaign.multiplierPercent;
  }
  return best;
}

// ── Validation ────────────────────────────────────────────────────────────────────────────────────────────

export type CampaignIssue = { field: string; code: string };

const ID = /^\d{1,20}$/;
const TIER_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function validateCampaign(campaign: Omit<Campaign, "id">): CampaignIssue[] {
  const issues: CampaignIssue[] = [];
  const { multiplierPercent, bonusPoints, startsAt, endsAt, scope } = campaign;
  if (!Number.isSafeInteger(multiplierPercent) || multiplierPercent < 100 || multiplierPercent > CAMPAIGN_LIMITS.maxMultiplierPercent) {
    issues.push({ field: "multiplier", code: "invalid_multiplier" });
  }
  if (!Number.isSafeInteger(bonusPoints) || bonusPoints < 0 || bonusPoints > CAMPAIGN_LIMITS.maxBonusPoints) {
    issues.push({ field: "bonusPoints", code: "invalid_bonus" });
  }
  if (issues.length === 0 && multiplierPercent === 100 && bonusPoints === 0) issues.push({ field: "multiplier", code: "nothing_to_give" });
  const validStart = !Number.isNaN(startsAt.getTime());
  const validEnd = !Number.isNaN(endsAt.getTime());
  if (!validStart) issues.push({ field: "startsAt", code: "invalid_date" });
  if (!validEnd) issues.push({ field: "endsAt", code: "invalid_date" });
  if (validStart && validEnd) {
    if (endsAt.getTime() <= startsAt.getTime()) issues.push({ field: "endsAt", code: "ends_before_start" });
    else if (endsAt.getTime() - startsAt.getTime() > CAMPAIGN_LIMITS.maxDurationMs) issues.push({ field: "endsAt", code: "too_long" });
  }
  const names = Object.entries(campaign.names);
  if (!names.some(([, name]) => typeof name === "string" && name.trim().length > 0)) issues.push({ field: "name_en", code: "name_required" });
  for (const [locale, name] of names) {
    if (!(LOCALES as readonly string[]).includes(locale)) issues.push({ field: `name_${locale}`, code: "unknown_locale" });
    else if (typeof name !== "string" || name.length > CAMPAIGN_LIMITS.maxName) issues.push({ field: `name_${locale}`, code: "name_too_long" });
  }
  const list = (field: keyof CampaignScope, values: string[], ok: (value: string) => boolean) => {
    if (values.length > CAMPAIGN_LIMITS.maxScopeItems) issues.push({ field, code: "too_many" });
    else if (!values.every(ok)) issues.push({ field, code: "invalid_item" });
  };
  list("productIds", scope.productIds, (id) => ID.test(id));
  list("collectionIds", scope.collectionIds, (id) => ID.test(id));
  list("productTags", scope.productTags, (tag) => tag.trim().length > 0 && tag.length <= CAMPAIGN_LIMITS.maxTag && !tag.includes(","));
  list("tierIds", scope.tierIds, (id) => TIER_ID.test(id));
  if (scope.channel !== undefined && !CAMPAIGN_CHANNELS.includes(scope.channel)) issues.push({ field: "channel", code: "invalid_channel" });
  return issues;
}

// ── What shoppers see ────────────────────────────────────────────────────────────────────────────────────

/**
 * A running campaign as the storefront gets it: its name, what it gives and until when, and its scope (the "Earn N
 * points" block computes with it through the same earnForOrder, from the product's id, collections and tags).
 */
export type StorefrontCampaign = {
  id: number;
  startsAt: string;
  scope: CampaignScope;
  names: Partial<Record<ActionLocale, string>>;
  multiplierPercent: number;
  bonusPoints: number;
  endsAt: string;
  /** Whether it applies only to some products (the panel then says "on selected products"). */
  scoped: boolean;
  /** Whether it applies only to some tiers. */
  tiersOnly: boolean;
};

export function storefrontCampaigns(campaigns: readonly Campaign[], now: Date): StorefrontCampaign[] {
  // The storefront is online: a POS-only campaign is not promised there.
  return campaignsRunningAt(campaigns, now).filter((campaign) => appliesToChannel(campaign, "online")).map((campaign) => ({
    id: campaign.id,
    startsAt: campaign.startsAt.toISOString(),
    scope: campaign.scope,
    names: campaign.names,
    multiplierPercent: campaign.multiplierPercent,
    bonusPoints: campaign.bonusPoints,
    endsAt: campaign.endsAt.toISOString(),
    scoped: hasProductScope(campaign.scope),
    tiersOnly: campaign.scope.tierIds.length > 0,
  }));
}

// ── The cache the orders/paid context reads ──────────────────────────────────────────────────────────────

/**
 * Campaigns kept in the shop's settings row (ProgramSettings.campaigns) so orders/paid reads them with the settings it
 * already reads: no query is added, with or without campaigns. Rewritten on every campaign write. Campaigns that ended
 * more than CACHE_GRACE_MS ago are left out: a webhook is retried for at most ~4 hours by Shopify and about a day by
 * the app's own inbox, so an order paid during a campaign still earns its points however late it is applied.
 */
export const CACHE_GRACE_MS = 30 * 24 * 60 * 60 * 1000;

type CachedCampaign = Omit<Campaign, "startsAt" | "endsAt"> & { startsAt: number; endsAt: number };

export function campaignCache(campaigns: readonly Campaign[], now: Date): string {
  const kept = campaigns
    .filter((campaign) => campaign.endsAt.getTime() > now.getTime() - CACHE_GRACE_MS)
    .map((campaign): CachedCampaign => ({ ...campaign, startsAt: campaign.startsAt.getTime(), endsAt: campaign.endsAt.getTime() }));
  return JSON.stringify(kept);
}

/** The storefront's campaigns back as the earning function takes them (the "Earn N points" block). */
export function campaignsFromStorefront(shown: readonly StorefrontCampaign[]): Campaign[] {
  return shown.map((c) => ({ id: c.id, names: c.names, multiplierPercent: c.multiplierPercent, bonusPoints: c.bonusPoints, startsAt: new Date(c.startsAt), endsAt: new Date(c.endsAt), scope: c.scope }));
}

/** The cached campaigns; "[]" (the column's default) parses without work. */
export function readCampaignCache(text: string | null | undefined): Campaign[] {
  if (!text || text === "[]") return [];
  return (JSON.parse(text) as CachedCampaign[]).map((cached) => ({ ...cached, startsAt: new Date(cached.startsAt), endsAt: new Date(cached.endsAt) }));
}
