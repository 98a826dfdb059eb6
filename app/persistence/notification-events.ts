// The notifications of balance and tier moves, and the scheduled reminders (rules: app/rules/notification-events.ts;
// the outbox: ./notification-outbox.ts).
//
//   reward_ready         inside the transaction that raises a balance (release, staff adjustment, action credit,
//                        referral reward): the balance crossed the cheapest reward the member may redeem. Key: the
//                        cause's ledger key, so a retried or replayed cause (which writes no entry) enqueues nothing.
//   tier_up / tier_down  inside the transaction that saves the tier step (member-tiers.ts saveTierSteps). Key: the
//                        member, the change's instant and its from→to, so catching a member up twice enqueues once.
//   reward_code_expiring a scheduled pass over issued, unused codes CODE_EXPIRY_LEAD_DAYS before they expire. Key:
//                        the redemption.
//   balance_reminder     a scheduled pass (opt-in): members whose balance is enough for a reward. Key: the member and
//                        the shop-local month, so at most one a month.
//
// Every writer first reads the shop's NotificationSettings (no row: notifications off, nothing else is read).
import type { SqlDb } from "../db.server";
import { instant, readInstant } from "../db/dialect";
import { bestAffordable, codeExpiryReminder, CODE_EXPIRY_LEAD_DAYS, openRewards, reminderMonth, rewardReadyCrossing, tierChangeKind, tierNames, type NotifiableReward } from "../rules/notification-events";
import { readEventSettings, type EventSettingsMap, type NotificationKind } from "../rules/notifications";
import type { TierChange, TierRules } from "../rules/tiers";
import { enqueueFlowTriggers, enqueueNotification, enqueueNotifications, type NotificationToEnqueue } from "./notification-outbox";
import { shopTimeZone } from "./shops";
import { shopTierRules } from "./tier-rules";

/** The shop's event settings, or null when it has no notifications set up. */
export async function shopNotificationEvents(db: SqlDb, shop: string): Promise<EventSettingsMap | null> {
  const row = await db.selectFrom("NotificationSettings").select("events").where("shop", "=", shop).executeTakeFirst();
  return row ? readEventSettings(row.events) : null;
}

/** The shop's redeemable catalogue: enabled, not archived. */
async function notifiableRewards(db: SqlDb, shop: string): Promise<NotifiableReward[]> {
  const rows = await db
    .selectFrom("Reward")
    .select(["id", "title", "type", "pointsCost", "minPoints", "maxPoints", "amountMinor", "minTierId"])
    .where("shop", "=", shop)
    .where("enabled", "=", true)
    .where("archivedAt", "is", null)
    .orderBy("sortOrder")
    .orderBy("id")
    .execute();
  return rows.map((row) => ({ ...row, pointsCost: Number(row.pointsCost) }));
}

/** The tier rules, read only when a reward is limited to a tier (most catalogues have none). */
async function rulesIfGated(db: SqlDb, shop: string, rewards: NotifiableReward[]): Promise<TierRules | null> {
  if (!rewards.some((reward) => reward.minTierId !== null)) return null;
  return (await shopTierRules(db, shop))?.rules ?? null;
}

/**
 * Call right after a write in `trx` raised the member's available balance by `rise` (the entry was fresh).
 * `events`: the shop's settings when the caller already read them (undefined: read here; null: notifications off).
 */
export async function noteBalanceRise(
  trx: SqlDb,
  shop: string,
  memberId: number,
  rise: number,
  causeKey: string,
  now: Date,
  events?: EventSettingsMap | null,
): Promise<boolean> {
  if (rise <= 0) return false;
  const settings = events === undefined ? await shopNotificationEvents(trx, shop) : events;
  if (!settings?.reward_ready.enabled) return false;
  const rewards = await notifiableRewards(trx, shop);
  if (rewards.length === 0) return false;
  const member = await trx
    .selectFrom("Member")
    .leftJoin("MemberTier", "MemberTier.memberId", "Member.id")
    .select(["Member.availablePoints", "MemberTier.tierId"])
    .where("Member.shop", "=", shop)
    .where("Member.id", "=", memberId)
    .executeTakeFirst();
  if (!member) return false;
  const after = Number(member.availablePoints);
  const rules = await rulesIfGated(trx, shop, rewards);
  const open = openRewards(rewards, rules, member.tierId === null ? null : String(member.tierId));
  const reward = rewardReadyCrossing(open, after - rise, after);
  if (!reward) return false;
  return enqueueNotification(
    trx,
    shop,
    { memberId, kind: "reward_ready", businessKey: `reward_ready:${memberId}:${causeKey}`, payload: { reward: reward.title, points: after } },
    now,
  );
}

/**
 * Call inside the transaction that saves tier steps (member-tiers.ts): one tier_up / tier_down per change. Reads
 * the settings only when some step changed a tier, so the order path pays nothing otherwise.
 */
export async function noteTierChanges(trx: SqlDb, shop: string, rules: TierRules, steps: Array<{ memberId: number; changes: TierChange[] }>, now: Date) {
  const changed = steps.flatMap(({ memberId, changes }) => changes.map((change) => ({ memberId, change, kind: tierChangeKind(rules, change) })));
  const notifiable = changed.filter((item): item is typeof item & { kind: NotificationKind } => item.kind !== null);
  if (notifiable.length === 0) return 0;
  // The Flow trigger "tier changed" for the same changes (same key), independent of the email settings.
  await enqueueFlowTriggers(
    trx,
    shop,
    notifiable.map(({ memberId, change, kind }) => ({
      memberId,
      kind: "tier_changed",
      businessKey: `tier:${memberId}:${change.at}:${change.from ?? "none"}>${change.to ?? "none"}`,
      values: { "previous tier": tierNames(rules, change.from)?.en ?? "", "new tier": tierNames(rules, change.to)?.en ?? "", direction: kind === "tier_up" ? "up" : "down" },
    })),
    now,
  );
  const settings = await shopNotificationEvents(trx, shop);
  if (!settings) return 0;
  const messages: NotificationToEnqueue[] = notifiable
    .filter(({ kind }) => settings[kind].enabled)
    .map(({ memberId, change, kind }) => {
      const names = tierNames(rules, change.to) ?? tierNames(rules, change.from);
      return {
        memberId,
        kind,
        businessKey: `tier:${memberId}:${change.at}:${change.from ?? "none"}>${change.to ?? "none"}`,
        // Down to no tier at all: the message names the tier left ("your tier is now …" reads the lowest's name).
        payload: { tier: names?.en ?? "", tierNames: names },
      };
    });
  return enqueueNotifications(trx, shop, messages, now);
}

const PAGE = 1000;

/** The scheduled pass: code expiry reminders and (where on) the monthly balance reminders of every notifying shop. */
export async function runReminderSweep(db: SqlDb, now = new Date(), options: { shop?: string } = {}) {
  const totals = { codes: 0, balances: 0 };
  const shops = await db
    .selectFrom("NotificationSettings")
    .select(["shop", "events"])
    // One shop only (its tests); every shop by default.
    .$if(options.shop !== undefined, (query) => query.where("shop", "=", options.shop!))
    .execute();
  for (const row of shops) {
    const events = readEventSettings(row.events);
    if (!events.reward_code_expiring.enabled && !events.balance_reminder.enabled) continue;
    const zone = await shopTimeZone(db, row.shop);
    if (events.reward_code_expiring.enabled) totals.codes += await remindExpiringCodes(db, row.shop, zone, now);
    if (events.balance_reminder.enabled) totals.balances += await remindBalances(db, row.shop, zone, now);
  }
  return totals;
}

async function remindExpiringCodes(db: SqlDb, shop: string, zone: string, now: Date): Promise<number> {
  const rows = await db
    .selectFrom("Redemption")
    .select(["id", "memberId", "reward", "valueMinor", "currency", "expiresAt"])
    .where("shop", "=", shop)
    .where("status", "=", "issued")
    .where("code", "is not", null)
    .where("expiresAt", ">", instant(now))
    .where("expiresAt", "<=", instant(new Date(now.getTime() + CODE_EXPIRY_LEAD_DAYS * 24 * 3600_000)))
    .execute();
  const messages: NotificationToEnqueue[] = [];
  for (const row of rows) {
    const expiresAt = readInstant(row.expiresAt);
    const due = expiresAt ? codeExpiryReminder(expiresAt, now, zone) : null;
    if (!due) continue;
    let title = "";
    try {
      title = String((JSON.parse(row.reward) as { title?: unknown }).title ?? "");
    } catch {
      title = "";
    }
    messages.push({
      memberId: row.memberId,
      kind: "reward_code_expiring",
      businessKey: `code:${row.id}:expiring`,
      payload: { reward: title, date: due.date, days: due.days, ...(row.valueMinor !== null ? { valueMinor: Number(row.valueMinor), currency: row.currency } : {}) },
    });
  }
  return enqueueNotifications(db, shop, messages, now);
}

async function remindBalances(db: SqlDb, shop: string, zone: string, now: Date): Promise<number> {
  const rewards = await notifiableRewards(db, shop);
  if (rewards.length === 0) return 0;
  const rules = await rulesIfGated(db, shop, rewards);
  const threshold = Math.min(...rewards.map((reward) => (reward.type === "variable_amount" ? Math.max(reward.pointsCost, reward.minPoints ?? 0) : reward.pointsCost)));
  const month = reminderMonth(now, zone);
  let written = 0;
  let cursor = 0;
  for (;;) {
    // Keyset over (shop, id), as the expiry sweep reads members; the balance test is made here, not in SQL.
    const page = await db
      .selectFrom("Member")
      .leftJoin("MemberTier", "MemberTier.memberId", "Member.id")
      .select(["Member.id", "Member.availablePoints", "Member.redactedAt", "Member.holdOut", "MemberTier.tierId"])
      .where("Member.shop", "=", shop)
      .where("Member.id", ">", cursor)
      .orderBy("Member.id")
      .limit(PAGE)
      .execute();
    if (page.length === 0) return written;
    cursor = page[page.length - 1]!.id;
    const messages: NotificationToEnqueue[] = [];
    for (const member of page) {
      const balance = Number(member.availablePoints);
      if (balance < threshold || member.redactedAt !== null || Number(member.holdOut)) continue;
      const best = bestAffordable(openRewards(rewards, rules, member.tierId === null ? null : String(member.tierId)), balance);
      if (!best) continue;
      messages.push({
        memberId: member.id,
        kind: "balance_reminder",
        businessKey: `balance:${member.id}:${month}`,
        payload: { points: balance, reward: best.reward.title, ...(best.valueMinor !== null ? { valueMinor: best.valueMinor } : {}) },
      });
    }
    written += await enqueueNotifications(db, shop, messages, now);
  }
}
