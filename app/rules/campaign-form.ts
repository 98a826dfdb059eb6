// The Campaigns page's form: what the merchant typed, checked field by field (stable codes admin translates), local
// times of the shop's zone turned into instants, and the sample order preview. Pure; saving checks again.
import { DateTime } from "luxon";
import { ACTION_LOCALES } from "./earning-actions";
import { CAMPAIGN_CHANNELS, normalTag, validateCampaign, type Campaign, type CampaignChannel, type CampaignIssue } from "./campaigns";
import { earnForOrder, type OrderEarning } from "./earning";
import { shopZone } from "./local-calendar";
import { currencyExponent } from "./money";
import type { PaidOrder } from "./order-events";
import type { OrderBonusSettings, ProgramSettings } from "./program-settings";

export const CAMPAIGN_FORM_FIELDS = [
  "name_en",
  "name_pl",
  "name_ru",
  "name_ro",
  "multiplier",
  "bonusPoints",
  "startsAt",
  "endsAt",
  "productIds",
  "collectionIds",
  "productTags",
  "tierIds",
  "channel",
] as const;
export type CampaignFormField = (typeof CAMPAIGN_FORM_FIELDS)[number];
export type CampaignFormValues = Record<CampaignFormField, string>;

/** "2026-12-05T00:00" in the shop's zone (what <input type="datetime-local"> gives) → the instant; null if not one. */
// A local time DST skips (02:30 on a spring-forward night) is the instant luxon moves it to (03:30); one DST repeats
// (the autumn hour) is its first occurrence.
export function localInputToInstant(text: string, zone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  if (year < 2000 || year > 2100) return null;
  const dt = DateTime.fromObject({ year, month, day, hour, minute }, { zone: shopZone(zone) });
  return dt.isValid ? new Date(dt.toMillis()) : null;
}

export function instantToLocalInput(at: Date, zone: string): string {
  const dt = DateTime.fromMillis(at.getTime(), { zone: shopZone(zone) });
  const two = (n: number) => String(n).padStart(2, "0");
  return `${String(dt.year).padStart(4, "0")}-${two(dt.month)}-${two(dt.day)}T${two(dt.hour)}:${two(dt.minute)}`;
}

/** "2×", "1.5×": a multiplier as typed; percent = round(× 100), two decimals at most. */
export function parseMultiplier(text: string): number | null {
  const trimmed = text.trim().replace(",", ".").replace(/[×x]$/i, "");
  if (!/^\d{1,3}(?:\.\d{1,2})?$/.test(trimmed)) return null;
  return Math.round(Number(trimmed) * 100);
}

export function formatMultiplier(percent: number): string {
  return String(percent / 100);
}

const GID = /^(?:gid:\/\/shopify\/(?:Product|Collection)\/)?(\d{1,20})$/;

/** Ids as typed or picked (numbers or GIDs), separated by commas, spaces or new lines; null if any is not an id. */
export function parseIds(text: string): string[] | null {
  const ids: string[] = [];
  for (const item of text.split(/[\s,;]+/).filter(Boolean)) {
    const match = GID.exec(item);
    if (!match) return null;
    if (!ids.includes(match[1]!)) ids.push(match[1]!);
  }
  return ids;
}

/** Tags separated by commas (Shopify's own separator); compared case-insensitively, kept as typed. */
export function parseTags(text: string): string[] {
  const tags: string[] = [];
  for (const tag of text.split(",").map((t) => t.trim()).filter(Boolean)) {
    if (!tags.some((known) => normalTag(known) === normalTag(tag))) tags.push(tag);
  }
  return tags;
}

export function campaignToForm(campaign: Campaign | null, zone: string, now: Date): CampaignFormValues {
  const start = campaign?.startsAt ?? now;
  const end = campaign?.endsAt ?? new Date(now.getTime() + 3 * 24 * 60 * 60 * 1000);
  return {
    name_en: campaign?.names.en ?? "",
    name_pl: campaign?.names.pl ?? "",
    name_ru: campaign?.names.ru ?? "",
    name_ro: campaign?.names.ro ?? "",
    multiplier: formatMultiplier(campaign?.multiplierPercent ?? 200),
    bonusPoints: String(campaign?.bonusPoints ?? 0),
    startsAt: instantToLocalInput(start, zone),
    endsAt: instantToLocalInput(end, zone),
    productIds: campaign?.scope.productIds.join(", ") ?? "",
    collectionIds: campaign?.scope.collectionIds.join(", ") ?? "",
    productTags: campaign?.scope.productTags.join(", ") ?? "",
    tierIds: campaign?.scope.tierIds.join(",") ?? "",
    channel: campaign?.scope.channel ?? "all",
  };
}

export type ParsedCampaign = { ok: true; value: Omit<Campaign, "id"> } | { ok: false; issues: CampaignIssue[] };

/** Every problem of the form, or the campaign it describes. */
export function parseCampaignForm(values: CampaignFormValues, zone: string): ParsedCampaign {
  const issues: CampaignIssue[] = [];
  const multiplierPercent = parseMultiplier(values.multiplier);
  if (multiplierPercent === null) issues.push({ field: "multiplier", code: "invalid_multiplier" });
  const bonusText = values.bonusPoints.trim() || "0";
  const bonusPoints = /^\d{1,9}$/.test(bonusText) ? Number(bonusText) : null;
  if (bonusPoints === null) issues.push({ field: "bonusPoints", code: "invalid_bonus" });
  const startsAt = localInputToInstant(values.startsAt, zone);
  if (!startsAt) issues.push({ field: "startsAt", code: "invalid_date" });
  const endsAt = localInputToInstant(values.endsAt, zone);
  if (!endsAt) issues.push({ field: "endsAt", code: "invalid_date" });
  const productIds = parseIds(values.productIds);
  if (!productIds) issues.push({ field: "productIds", code: "invalid_item" });
  const collectionIds = parseIds(values.collectionIds);
  if (!collectionIds) issues.push({ field: "collectionIds", code: "invalid_item" });
  // "all" or nothing (a form without the field): every order.
  const channelText = values.channel.trim() || "all";
  if (channelText !== "all" && !(CAMPAIGN_CHANNELS as readonly string[]).includes(channelText)) issues.push({ field: "channel", code: "invalid_channel" });
  const channel = (CAMPAIGN_CHANNELS as readonly string[]).includes(channelText) ? (channelText as CampaignChannel) : undefined;
  const names = Object.fromEntries(
    ACTION_LOCALES.map((lang) => [lang, values[`name_${lang}`].trim()] as const).filter(([, name]) => name.length > 0),
  );
  const campaign: Omit<Campaign, "id"> = {
    names,
    multiplierPercent: multiplierPercent ?? 100,
    bonusPoints: bonusPoints ?? 0,
    startsAt: startsAt ?? new Date(NaN),
    endsAt: endsAt ?? new Date(NaN),
    scope: {
      productIds: productIds ?? [],
      collectionIds: collectionIds ?? [],
      productTags: parseTags(values.productTags),
      tierIds: values.tierIds.split(",").map((id) => id.trim()).filter(Boolean),
      ...(channel ? { channel } : {}),
    },
  };
  // The model's own checks for whatever parsed; a field already refused is not reported twice.
  for (const issue of validateCampaign(campaign)) {
    if (!issues.some((known) => known.field === issue.field)) issues.push(issue);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: campaign };
}

// ── Preview ──────────────────────────────────────────────────────────────────────────────────────────────

export type SampleOrderInput = {
  /** The sample's amount in whole units of the shop currency (e.g. 100 → $100.00). */
  amount: number;
  /** Whether the sample's product is in the campaign's scope (a scoped campaign otherwise gives it nothing). */
  inScope: boolean;
  /** The tier the sample member holds, with its multiplier. */
  tier: { id: string; multiplierPercent: number } | null;
};

/**
 * What a sample order of one line earns with and without the campaign, through the same earnForOrder the ledger uses.
 * Paid in the middle of the campaign's window; the product in or out of scope as the merchant asks.
 */
export function previewCampaign(
  campaign: Omit<Campaign, "id">,
  settings: Pick<ProgramSettings, "pointsPerUnit" | "includeShipping" | "includeTaxes" | "excludedProductIds"> & OrderBonusSettings,
  currency: string,
  sample: SampleOrderInput,
): { without: OrderEarning; with: OrderEarning } {
  const minor = Math.round(sample.amount * 10 ** currencyExponent(currency));
  const productId = "1";
  const order: PaidOrder = {
    orderId: "preview",
    customer: { customerId: "preview", email: null, firstName: null, lastName: null },
    currency,
    taxesIncluded: false,
    lines: [{ lineItemId: "1", productId, quantity: 1, giftCard: false, grossAmount: minor, discountAmount: 0, taxAmount: 0 }],
    shipping: { netAmount: 0, taxAmount: 0 },
    paidAt: new Date((campaign.startsAt.getTime() + campaign.endsAt.getTime()) / 2),
    discountCodes: [],
  };
  const scoped = campaign.scope.productIds.length + campaign.scope.collectionIds.length + campaign.scope.productTags.length > 0;
  const previewCampaign: Campaign = {
    ...campaign,
    id: 0,
    // The sample's product stands for "a product in scope" or "one outside it".
    scope: { ...campaign.scope, productIds: scoped && sample.inScope ? [productId] : scoped ? ["0"] : [], collectionIds: [], productTags: [] },
  };
  const context = { tierPercent: sample.tier?.multiplierPercent ?? 100, tierId: sample.tier?.id ?? null, firstOrder: false, member: true };
  return {
    without: earnForOrder(order, settings, context),
    with: earnForOrder(order, settings, { ...context, campaigns: [previewCampaign] }),
  };
}
