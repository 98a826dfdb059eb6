// The expiry sweep (rules: app/rules/expiry.ts). For each shop with a policy, members with available points are read
// in id order, a batch at a time, with their entries in one query per batch; the lots are derived from the entries.
// A member with points due takes the member's lock, reads their entries again (so nothing written meanwhile is
// missed), and writes one `expire` entry plus the ExpiredLot rows saying which lots it consumed. The idempotency
// key names the member's last entry at that moment, so a second worker or a re-run after a crash writes nothing
// twice: once the expiry is in, the lots it consumed are no longer open.
//
// Nothing here runs on the webhook, redemption or storefront paths: with expiry off no query anywhere changes.
//
// Reminders (points expiring in 30 and 7 days) go to the notification outbox with a key naming the member, the
// expiry instant and the lead, so each is enqueued once.
import type { SqlDb } from "../db.server";
import { instant, lockNamed, lockNamedMany, notIndexed, readInstant } from "../db/dialect";
import { memberLockName } from "../db/lock-names";
import { appendEntries, appendEntryPerMember, type NewLedgerEntry } from "./ledger";
import { enqueueFlowTriggers, enqueueNotification } from "./notification-outbox";
import { shopTimeZone } from "./shops";
import { buildLots, dueExpiry, dueReminders, pointsExpiringWithin, readExpiryPolicy, type ExpiryPolicy, type LotEntry } from "../rules/expiry";
import { readEventSettings } from "../rules/notifications";

/** remind: the email reminder is on; flow: the shop sends Flow triggers (the "points expiring" one with it). */
type ShopPolicy = { shop: string; policy: ExpiryPolicy; changedAt: Date; zone: string; remind: boolean; flow: boolean };

async function entriesOf(db: SqlDb, shop: string, memberIds: number[]) {
  const rows = await db
    .selectFrom("LedgerEntry")
    .select(["memberId", "id", "kind", "availableDelta", "pendingDelta", "createdAt"])
    // Through the (memberId, id) index: SQLite otherwise took (shop, id) and read the shop's whole ledger per batch.
    .where(notIndexed("shop"), "=", shop)
    .where("memberId", "in", memberIds)
    .orderBy("memberId")
    .orderBy("id")
    .execute();
  const byMember = new Map<number, LotEntry[]>();
  for (const row of rows) {
    const list = byMember.get(row.memberId) ?? [];
    list.push({ id: row.id, kind: row.kind, availableDelta: Number(row.availableDelta), pendingDelta: Number(row.pendingDelta), createdAt: readInstant(row.createdAt) });
    byMember.set(row.memberId, list);
  }
  return byMember;
}

/** Expires one member's due points under their lock; returns the points expired (0 if none were due any more). */
export async function expireMember(db: SqlDb, shopPolicy: ShopPolicy, member: { id: number; customerId: string }, now: Date): Promise<number> {
  const { shop, policy, changedAt, zone } = shopPolicy;
  return db.transaction().execute(async (trx) => {
    await lockNamed(trx, memberLockName(shop, member.customerId));
    const entries = (await entriesOf(trx, shop, [member.id])).get(member.id) ?? [];
    const state = buildLots(entries);
    const due = dueExpiry(state, policy, changedAt, zone, now);
    if (due.points === 0 || policy.kind === "none") return 0;
    const lastId = entries[entries.length - 1]!.id;
    const key = `expire:${member.id}:${lastId}`;
    const written = await appendEntries(trx, shop, member.id, [expireEntry(policy, key, due.lots, due.points)], now);
    if (written.length === 0) return 0;
    await trx
      .insertInto("ExpiredLot")
      .values(due.lots.map(([lotEntryId, points]) => ({ shop, expireKey: key, lotEntryId, points })))
      .execute();
    // Never negative through expiry: a take that committed between our read and this write (a reversal under its
    // order's lock) could leave less than we expired; then undo and let the next sweep look again.
    const after = await trx.selectFrom("Member").select("availablePoints").where("shop", "=", shop).where("id", "=", member.id).executeTakeFirstOrThrow();
    if (Number(after.availablePoints) < 0) throw new ExpiryRaceError();
    return due.points;
  });
}

function expireEntry(policy: Exclude<ExpiryPolicy, { kind: "none" }>, key: string, lots: Array<[number, number]>, points: number): NewLedgerEntry {
  return {
    kind: "expire",
    availableDelta: -points,
    pendingDelta: 0,
    reason: policy.kind === "inactivity" ? `Points expired after ${policy.months} months without activity` : `Points expired ${policy.months} months after they were earned`,
    sourceType: "system",
    sourceId: `lots:${lots.map(([entryId]) => entryId).join(",")}`.slice(0, 500),
    idempotencyKey: key,
  };
}

/**
 * The same for a batch of members in one transaction (the sweep's usual path: one transaction per batch instead of
 * one per member). Under all their locks, their entries are read again and each due member gets its expire entry;
 * if any balance would end below zero (a concurrent take) the whole batch is undone (ExpiryRaceError) and the sweep
 * falls back to one member at a time.
 */
export async function expireBatch(db: SqlDb, shopPolicy: ShopPolicy, members: Array<{ id: number; customerId: string }>, now: Date) {
  const { shop, policy, changedAt, zone } = shopPolicy;
  if (policy.kind === "none" || members.length === 0) return { members: 0, points: 0 };
  return db.transaction().execute(async (trx) => {
    await lockNamedMany(trx, members.map((member) => memberLockName(shop, member.customerId)));
    const entries = await entriesOf(trx, shop, members.map((member) => member.id));
    const items: Array<{ memberId: number; entry: NewLedgerEntry }> = [];
    const lotRows: Array<{ shop: string; expireKey: string; lotEntryId: number; points: number }> = [];
    for (const member of members) {
      const list = entries.get(member.id) ?? [];
      const due = dueExpiry(buildLots(list), policy, changedAt, zone, now);
      if (due.points === 0) continue;
      const key = `expire:${member.id}:${list[list.length - 1]!.id}`;
      items.push({ memberId: member.id, entry: expireEntry(policy, key, due.lots, due.points) });
      for (const [lotEntryId, points] of due.lots) lotRows.push({ shop, expireKey: key, lotEntryId, points });
    }
    if (items.length === 0) return { members: 0, points: 0 };
    const written = await appendEntryPerMember(trx, shop, items, now);
    if (written !== items.length) throw new ExpiryRaceError();
    for (let i = 0; i < lotRows.length; i += 500) await trx.insertInto("ExpiredLot").values(lotRows.slice(i, i + 500)).execute();
    const negative = await trx
      .selectFrom("Member")
      .select("id")
      .where("shop", "=", shop)
      .where("id", "in", items.map((item) => item.memberId))
      .where("availablePoints", "<", 0)
      .executeTakeFirst();
    if (negative) throw new ExpiryRaceError();
    return { members: items.length, points: items.reduce((sum, item) => sum - item.entry.availableDelta, 0) };
  });
}

export class ExpiryRaceError extends Error {
  constructor() {
    super("the balance changed while expiring; the next sweep tries again");
    this.name = "ExpiryRaceError";
  }
}

async function shopPolicies(db: SqlDb): Promise<ShopPolicy[]> {
  const rows = await db
    .selectFrom("ExpirySettings")
    .leftJoin("NotificationSettings", "NotificationSettings.shop", "ExpirySettings.shop")
    .leftJoin("FlowSettings", "FlowSettings.shop", "ExpirySettings.shop")
    .select(["ExpirySettings.shop", "policy", "months", "changedAt", "NotificationSettings.events as events", "FlowSettings.shop as flowShop"])
    .where("policy", "!=", "none")
    .execute();
  const out: ShopPolicy[] = [];
  for (const row of rows) {
    const policy = readExpiryPolicy(row.policy, row.months);
    if (policy.kind === "none") continue;
    const remind = row.events !== null && readEventSettings(row.events).points_expiring.enabled;
    out.push({ shop: row.shop, policy, changedAt: readInstant(row.changedAt), zone: await shopTimeZone(db, row.shop), remind, flow: row.flowShop !== null });
  }
  return out;
}

/** One sweep of every shop with a policy: expires what is due and enqueues the reminders due. */
export async function runExpirySweep(db: SqlDb, now = new Date(), batchSize = 500) {
  const totals = { members: 0, expiredMembers: 0, points: 0, reminders: 0, retried: 0 };
  for (const shopPolicy of await shopPolicies(db)) {
    let cursor = 0;
    for (;;) {
      // Keyset over the (shop, id) index; members without points are skipped here rather than in SQL, where the
      // filter made SQLite choose the balance index and scan the shop's members for every batch.
      const page = await db
        .selectFrom("Member")
        .select(["id", "customerId", "availablePoints"])
        .where("shop", "=", shopPolicy.shop)
        .where("id", ">", cursor)
        .orderBy("id")
        .limit(batchSize)
        .execute();
      if (page.length === 0) break;
      cursor = page[page.length - 1]!.id;
      const members = page.filter((member) => Number(member.availablePoints) > 0).map(({ id, customerId }) => ({ id, customerId }));
      if (members.length === 0) continue;
      totals.members += members.length;
      const entries = await entriesOf(db, shopPolicy.shop, members.map((m) => m.id));
      const due: typeof members = [];
      for (const member of members) {
        const state = buildLots(entries.get(member.id) ?? []);
        if (dueExpiry(state, shopPolicy.policy, shopPolicy.changedAt, shopPolicy.zone, now).points > 0) {
          due.push(member);
          continue;
        }
        if (!shopPolicy.remind && !shopPolicy.flow) continue;
        for (const reminder of dueReminders(state, shopPolicy.policy, shopPolicy.changedAt, shopPolicy.zone, now)) {
          const businessKey = `expiring:${member.id}:${reminder.expiresAt.toISOString()}:${reminder.lead}`;
          if (shopPolicy.remind) {
            const written = await enqueueNotification(db, shopPolicy.shop, {
              memberId: member.id,
              kind: "points_expiring",
              businessKey,
              payload: { points: reminder.points, date: reminder.lastDay, days: reminder.daysLeft },
            }, now);
            if (written) totals.reminders += 1;
          }
          if (shopPolicy.flow) {
            await enqueueFlowTriggers(db, shopPolicy.shop, [
              { memberId: member.id, kind: "points_expiring", businessKey, values: { points: reminder.points, "expiry date": reminder.lastDay, "days left": reminder.daysLeft } },
            ], now, true);
          }
        }
      }
      await expireDue(db, shopPolicy, due, now, totals);
    }
    await db.updateTable("ExpirySettings").set({ sweptAt: instant(now) }).where("shop", "=", shopPolicy.shop).execute();
  }
  return totals;
}

async function expireDue(db: SqlDb, shopPolicy: ShopPolicy, due: Array<{ id: number; customerId: string }>, now: Date, totals: { expiredMembers: number; points: number; retried: number }) {
  try {
    const batch = await expireBatch(db, shopPolicy, due, now);
    totals.expiredMembers += batch.members;
    totals.points += batch.points;
    return;
  } catch (error) {
    if (!(error instanceof ExpiryRaceError)) throw error;
  }
  for (const member of due) {
    try {
      const points = await expireMember(db, shopPolicy, member, now);
      if (points > 0) {
        totals.expiredMembers += 1;
        totals.points += points;
      }
    } catch (error) {
      if (!(error instanceof ExpiryRaceError)) throw error;
      totals.retried += 1;
    }
  }
}

/** The admin's preview: points that would expire within 30 and 90 days under `policy` if it were saved now. */
export async function previewExpiry(db: SqlDb, shop: string, policy: ExpiryPolicy, changedAt: Date, now = new Date()) {
  const result = { days30: 0, days90: 0, members30: 0, members90: 0 };
  if (policy.kind === "none") return result;
  const zone = await shopTimeZone(db, shop);
  let cursor = 0;
  for (;;) {
    const page = await db.selectFrom("Member").select(["id", "availablePoints"]).where("shop", "=", shop).where("id", ">", cursor).orderBy("id").limit(1000).execute();
    if (page.length === 0) return result;
    cursor = page[page.length - 1]!.id;
    const members = page.filter((member) => Number(member.availablePoints) > 0);
    if (members.length === 0) continue;
    const entries = await entriesOf(db, shop, members.map((m) => m.id));
    for (const member of members) {
      const state = buildLots(entries.get(member.id) ?? []);
      const in30 = pointsExpiringWithin(state, policy, changedAt, zone, now, 30);
      const in90 = pointsExpiringWithin(state, policy, changedAt, zone, now, 90);
      result.days30 += in30;
      result.days90 += in90;
      if (in30 > 0) result.members30 += 1;
      if (in90 > 0) result.members90 += 1;
    }
  }
}

/**
 * Saves the shop's policy. `changedAt` moves only when the policy or its months change (so re-saving the same
 * policy does not postpone expiries); the 30-day grace runs from it.
 */
export async function saveExpiryPolicy(db: SqlDb, shop: string, policy: ExpiryPolicy, now = new Date()) {
  const current = await db.selectFrom("ExpirySettings").select(["policy", "months"]).where("shop", "=", shop).executeTakeFirst();
  const months = policy.kind === "none" ? (current?.months ?? 12) : policy.months;
  const same = current && current.policy === policy.kind && current.months === months;
  await db
    .insertInto("ExpirySettings")
    .values({ shop, policy: policy.kind, months, changedAt: instant(now), updatedAt: instant(now) })
    .onConflict((conflict) =>
      conflict.column("shop").doUpdateSet(same ? { updatedAt: instant(now) } : { policy: policy.kind, months, changedAt: instant(now), updatedAt: instant(now) }),
    )
    .execute();
}

export async function getExpirySettings(db: SqlDb, shop: string) {
  const row = await db.selectFrom("ExpirySettings").select(["policy", "months", "changedAt", "sweptAt"]).where("shop", "=", shop).executeTakeFirst();
  return {
    policy: readExpiryPolicy(row?.policy, row?.months),
    months: row?.months ?? 12,
    changedAt: row ? readInstant(row.changedAt) : null,
    sweptAt: row?.sweptAt ? readInstant(row.sweptAt) : null,
  };
}

/**
 * A refund or cancellation after the order's points were released takes back only what did not expire: at most the
 * order's released points, less what was already taken back, less what of its lot expired (ExpiredLot). Points the
 * member spent are still taken back, as before expiry existed. One query, on refunds of released orders only.
 */
export async function capReversalsAfterExpiry<E extends { availableDelta: number }>(trx: SqlDb, shop: string, orderId: string, memberId: number, entries: E[]): Promise<E[]> {
  const takes = entries.reduce((sum, e) => sum - Math.min(0, e.availableDelta), 0);
  if (takes === 0) return entries;
  const expiredRow = await trx
    .selectFrom("ExpiredLot")
    .innerJoin("LedgerEntry", "LedgerEntry.id", "ExpiredLot.lotEntryId")
    .select((eb) => eb.fn.sum<number | null>("ExpiredLot.points").as("expired"))
    .where("ExpiredLot.shop", "=", shop)
    .where("LedgerEntry.shop", "=", shop)
    .where("LedgerEntry.orderId", "=", orderId)
    .where("LedgerEntry.memberId", "=", memberId)
    .executeTakeFirstOrThrow();
  const expired = Number(expiredRow.expired ?? 0);
  if (expired === 0) return entries;
  // What of the order is still available to take: its release less what was taken back before.
  const net = await trx
    .selectFrom("LedgerEntry")
    .select((eb) => eb.fn.sum<number | null>("availableDelta").as("net"))
    .where("shop", "=", shop)
    .where("orderId", "=", orderId)
    .where("memberId", "=", memberId)
    .executeTakeFirstOrThrow();
  let left = Math.max(0, Number(net.net ?? 0) - expired);
  return entries.map((entry) => {
    if (entry.availableDelta >= 0) return entry;
    const take = Math.min(-entry.availableDelta, left);
    left -= take;
    return { ...entry, availableDelta: -take };
  });
}
