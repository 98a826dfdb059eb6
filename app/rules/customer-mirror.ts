// What the app mirrors of a member into Shopify, so themes, emails, Segments, Flow and discount Functions can use it:
// three app-owned customer metafields (points, tier, analytics segment) and, if the merchant wants them, one customer
// tag per tier. The segment ($app.segment: vip, new, active, at_risk or lapsed; app/rules/analytics-segments.ts) is
// what Shopify Segments filter on (`metafields.app--<app id>.segment = 'vip'`), so Shopify Email and discounts for a
// customer segment can target the app's segments; the hold-out group never gets one. Pure: the job that
// writes them is app/jobs/customer-mirror-job.ts, the Shopify calls app/shopify/customer-mirror.server.ts.
//
// Namespace: `$app` (Shopify stores it as app--{client id}), the app-reserved namespace shopify.app.toml declares
// definitions in ([customer.metafields.app.points] / [customer.metafields.app.tier]). A plain `loyalty` namespace
// would be merchant-owned: not declarable in the app's TOML, and writable by any app or staff member, so the mirror
// could be overwritten with numbers the ledger never had.
export const MIRROR_NAMESPACE = "$app";
export const POINTS_KEY = "points";
export const TIER_KEY = "tier";
export const SEGMENT_KEY = "segment";
/** metafieldsSet takes at most 25 metafields per call. */
export const METAFIELDS_PER_CALL = 25;
/** Members per mirror batch. */
export const MIRROR_BATCH = 25;

export type MirroredMember = {
  customerId: string;
  availablePoints: number;
  tierName: string | null;
  /** Today's segment (null: none, or in the hold-out). */
  segment?: string | null;
  /** The segment Shopify holds now (Member.mirroredSegment): a removal is only sent when there is one to remove. */
  mirroredSegment?: string | null;
};

export type MetafieldWrite = { ownerId: string; namespace: string; key: string; type: string; value: string };
export type MetafieldRemoval = { ownerId: string; namespace: string; key: string };

export function customerGid(customerId: string): string {
  return `gid://shopify/Customer/${customerId}`;
}

/** The metafields to set, and those to delete (a member with no tier has no tier metafield: Shopify refuses blanks). */
export function mirrorMetafields(member: MirroredMember): { set: MetafieldWrite[]; remove: MetafieldRemoval[] } {
  const ownerId = customerGid(member.customerId);
  const set: MetafieldWrite[] = [{ ownerId, namespace: MIRROR_NAMESPACE, key: POINTS_KEY, type: "number_integer", value: String(member.availablePoints) }];
  const remove: MetafieldRemoval[] = [];
  if (member.tierName === null) remove.push({ ownerId, namespace: MIRROR_NAMESPACE, key: TIER_KEY });
  else set.push({ ownerId, namespace: MIRROR_NAMESPACE, key: TIER_KEY, type: "single_line_text_field", value: member.tierName });
  const segment = member.segment ?? null;
  if (segment !== null) set.push({ ownerId, namespace: MIRROR_NAMESPACE, key: SEGMENT_KEY, type: "single_line_text_field", value: segment });
  else if ((member.mirroredSegment ?? null) !== null) remove.push({ ownerId, namespace: MIRROR_NAMESPACE, key: SEGMENT_KEY });
  return { set, remove };
}

/** "Loyalty: Gold": Shopify tags are at most 255 characters and case-insensitive; commas would split one. */
export function tierTag(tierName: string): string {
  return `Loyalty: ${tierName.replace(/,/g, " ").trim()}`.slice(0, 255);
}

/** The member's tier tag to add and every other tier's tag to remove (removing an absent tag changes nothing). */
export function tierTagChanges(tierName: string | null, allTierNames: string[]): { add: string[]; remove: string[] } {
  const add = tierName === null ? [] : [tierTag(tierName)];
  const remove = allTierNames.map(tierTag).filter((tag) => !add.some((kept) => kept.toLowerCase() === tag.toLowerCase()));
  return { add, remove };
}

/** Split into calls of at most `size`. */
export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Members in order, grouped so each group's metafields to set fit in one call (`limit`); a member is never split
 * across calls, so one call's all-or-nothing answer covers whole members.
 */
export function packMembers<T extends { set: unknown[] }>(members: T[], limit: number): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const member of members) {
    if (current.length > 0 && size + member.set.length > limit) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(member);
    size += member.set.length;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** How long a member whose write failed waits before the next try: 1, 2, 4 … minutes, at most an hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempt));
}
