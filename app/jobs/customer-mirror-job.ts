// The background job that writes points, tier and segment into Shopify for members whose mirror is due
// (app/persistence/customer-mirror.ts). Never on a webhook's path: orders/paid only marks the member (in the
// statement it already runs); this job, on a timer, does the Admin API calls in batches of 25 members.
// A failed batch stays due and is tried again after a pause; THROTTLED beyond the helper's own back-off ends the
// shop's run (the bucket needs time to refill), so one busy shop never holds the others up for long.
import type { SqlDb } from "../db.server";
import { chunk, customerGid, METAFIELDS_PER_CALL, MIRROR_BATCH, mirrorMetafields, packMembers, retryDelayMs, tierTagChanges } from "../rules/customer-mirror";
import { segmentOf, type SegmentThresholds } from "../rules/analytics-segments";
import { getAnalyticsSettings } from "../persistence/analytics-settings";
import { tierById } from "../rules/tiers";
import { dueMembers, heldTierNames, mirroredShops, mirrorSettings, recordMirrorRun, settleMirror, type DueMember } from "../persistence/customer-mirror";
import { shopTierRules } from "../persistence/tier-rules";
import type { CustomerMirrorWriter, MirrorWrite } from "../shopify/customer-mirror.server";
import { log } from "../log.server";

export type MirrorRunOptions = { maxBatches?: number };
export type MirrorRunResult = { shop: string; synced: number; failed: number; error: string | null };

/** One pass over every shop with the mirror on. */
export async function runCustomerMirror(
  db: SqlDb,
  writerForShop: (shop: string) => Promise<CustomerMirrorWriter | null>,
  now = new Date(),
  options: MirrorRunOptions = {},
): Promise<MirrorRunResult[]> {
  const results: MirrorRunResult[] = [];
  for (const shop of await mirroredShops(db)) {
    try {
      results.push(await mirrorShop(db, shop, writerForShop, now, options));
    } catch (error) {
      log.error("customer mirror failed", { job: "customer-mirror", shop, error });
      results.push({ shop, synced: 0, failed: 0, error: String(error) });
    }
  }
  return results;
}

export async function mirrorShop(
  db: SqlDb,
  shop: string,
  writerForShop: (shop: string) => Promise<CustomerMirrorWriter | null>,
  now = new Date(),
  { maxBatches = 40 }: MirrorRunOptions = {},
): Promise<MirrorRunResult> {
  const writer = await writerForShop(shop);
  if (!writer) {
    await recordMirrorRun(db, shop, 0, "the app has no access to the shop (not installed)", now);
    return { shop, synced: 0, failed: 0, error: "no session" };
  }
  const [settings, tiers, analytics] = await Promise.all([mirrorSettings(db, shop), shopTierRules(db, shop), getAnalyticsSettings(db, shop)]);
  const tierNames = (tiers?.rules.tiers ?? []).map((tier) => tier.names.en);
  const tierName = (id: number | null) => (tiers && id !== null ? (tierById(tiers.rules, String(id))?.names.en ?? null) : null);
  let synced = 0;
  let failed = 0;
  let error: string | null = null;
  const retryAt = new Date(now.getTime() + retryDelayMs(0));
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const due = await dueMembers(db, shop, now, MIRROR_BATCH);
    if (due.length === 0) break;
    const held = settings.tierTags ? await heldTierNames(db, shop, due.map((member) => member.id)) : new Map<number, string[]>();
    const write = await writeBatch(writer, due, tierName, settings.tierTags ? tierNames : null, held, (member) => memberSegment(member, analytics.segments, now));
    await settleMirror(db, shop, write.done, null, write.segments);
    await settleMirror(db, shop, write.failed, retryAt);
    synced += write.done.length;
    failed += write.failed.length;
    if (write.error) error = write.error;
    if (write.throttled) break;
  }
  await recordMirrorRun(db, shop, synced, error, now);
  return { shop, synced, failed, error };
}

type BatchWrite = { done: DueMember[]; failed: DueMember[]; error: string | null; throttled: boolean; segments: Map<number, string | null> };

/** The segment Shopify should hold for the member today: none for the hold-out (not the merchant's to target). */
function memberSegment(member: DueMember, thresholds: SegmentThresholds, now: Date): string | null {
  if (member.holdOut) return null;
  return segmentOf(member.stats, thresholds, now);
}

async function writeBatch(
  writer: CustomerMirrorWriter,
  due: DueMember[],
  tierName: (id: number | null) => string | null,
  tierNames: string[] | null,
  heldNames: Map<number, string[]>,
  segmentFor: (member: DueMember) => string | null,
): Promise<BatchWrite> {
  const segments = new Map(due.map((member) => [member.id, segmentFor(member)]));
  const values = due.map((member) => ({
    member,
    ...mirrorMetafields({ customerId: member.customerId, availablePoints: member.availablePoints, tierName: tierName(member.tierId), segment: segments.get(member.id) ?? null, mirroredSegment: member.mirroredSegment }),
  }));
  // metafieldsSet is all or nothing per call; a member's metafields (two or three) always travel in the same call.
  const failedIds = new Set<number>();
  let error: string | null = null;
  let throttled = false;
  const fail = (members: DueMember[], result: MirrorWrite) => {
    if (result.ok) return;
    for (const member of members) failedIds.add(member.id);
    error = result.reason;
    throttled ||= result.throttled;
  };
  for (const group of packMembers(values, METAFIELDS_PER_CALL)) {
    if (throttled) {
      fail(group.map((value) => value.member), { ok: false, throttled: true, reason: error ?? "throttled" });
      continue;
    }
    fail(group.map((value) => value.member), await writer.setMetafields(group.flatMap((value) => value.set)));
  }
  const removals = values.filter((value) => value.remove.length > 0 && !failedIds.has(value.member.id));
  for (const group of chunk(removals, METAFIELDS_PER_CALL)) {
    if (throttled) break;
    fail(group.map((value) => value.member), await writer.removeMetafields(group.flatMap((value) => value.remove)));
  }
  if (tierNames) {
    for (const { member } of values) {
      if (throttled || failedIds.has(member.id)) continue;
      // Every tier's tag but the member's own comes off, including the names their tiers had before a rename.
      const { add, remove } = tierTagChanges(tierName(member.tierId), [...new Set([...tierNames, ...(heldNames.get(member.id) ?? [])])]);
      fail([member], await writer.setTags(customerGid(member.customerId), add, remove));
    }
  }
  if (throttled) for (const { member } of values) failedIds.add(member.id);
  return { done: due.filter((member) => !failedIds.has(member.id)), failed: due.filter((member) => failedIds.has(member.id)), error, throttled, segments };
}
