// The notification outbox: every message to a shopper is a durable row, written in the SAME transaction as the change
// that causes it (points released, a tier change, a referral, an expiry reminder), and sent afterwards by the sender
// job (app/jobs/notification-sender.server.ts). Nothing that talks to SMTP or Shopify runs inside a ledger transaction.
//
// ── For features that notify (referrals, tiers, expiry, …) ───────────────────────────────────────────────────────
//   await enqueueNotification(trx, shop, { memberId, kind: "referral_success", businessKey: `referral:${id}`,
//                                          payload: { points: 500 } }, now);
// inside the transaction that writes the change, and only when the shop has notifications set up (the caller's
// context read tells it: a NotificationSettings row exists — fold that read into the read you already make, so a
// shop without notifications pays nothing). One INSERT that skips a business key already there: retries, replays
// and reorderings of the change enqueue the message once. The business key must name the business event, not the
// delivery (`order:<id>:points_earned`, not a webhook id). Payloads hold values for the template, never personal
// data (names and addresses are read when sending, so customers/redact needs no outbox clean-up beyond the member).
//
// ── Sending, exactly once per key ───────────────────────────────────────────────────────────────────────────────
//   pending ──claim──▶ sending (a lease: nextAttemptAt = now + lease) ──▶ sent | pending (retry, back-off) | failed
//   pending ──(no mail transport)──▶ held (kept: sent once a transport is configured)
//   sending ──(unsubscribed, event turned off, no email)──▶ skipped
// The claim is a conditional update under the member's notification lock, so two workers never both hold a row, and
// it counts the member's messages of the last 24 hours (sent or in flight) against the shop's daily limit, deferring
// the rest. Every later transition is conditional on (status = sending, attempts = the claim's), so a worker whose
// lease ran out can no longer mark anything. The one window left is a worker that sent but died before marking it
// sent: after the lease the row is sent again (SMTP has no idempotency); the Message-ID is the business key, so the
// recipient's mail system can tell the copies apart.
//
// ── Shopify Flow triggers: the "flow" channel ───────────────────────────────────────────────────────────────────
// A Flow delivery is an outbox row of channel "flow" (kind: a FlowTriggerKind, app/rules/flow-triggers.ts), written
// by enqueueFlowTrigger in the same transaction, next to the email of the same cause. Same table, same lease and
// conditional marks, so it is durable, retried with the same back-off and delivered once per business key (prefixed
// "flow:", so it never collides with the email's key). It is not an email: the daily throttle neither defers it nor
// counts it, and the email on/off settings do not apply; only FlowSettings (a row: Flow on) does. The one window
// left is as for email: Shopify answered but the worker died before marking the row; flowTriggerReceive has no
// idempotency key, so after the lease Flow may start the workflow a second time.
import type { SqlDb } from "../db.server";
import type { FlowEventValues, FlowTriggerKind } from "../rules/flow-triggers";
import { instant, lockNamed, readInstant } from "../db/dialect";
import { MAX_SEND_ATTEMPTS, retryDelayMs, THROTTLE_WINDOW_MS, throttledUntil, type NotificationKind, type NotificationPayload } from "../rules/notifications";

export type NotificationToEnqueue = {
  memberId: number;
  kind: NotificationKind;
  /** Unique per shop: names the business event (see the top of this file). */
  businessKey: string;
  payload: NotificationPayload;
  /** Not before this instant (a reminder scheduled ahead); now by default. */
  notBefore?: Date;
};

/** Writes the message unless its business key is already in the outbox; returns whether it was written. */
export async function enqueueNotification(trx: SqlDb, shop: string, message: NotificationToEnqueue, now = new Date()): Promise<boolean> {
  return (await enqueueNotifications(trx, shop, [message], now)) === 1;
}

/** Many messages in one statement per 200 (the scheduled reminders), each unless its key is already there; how many were written. */
export async function enqueueNotifications(trx: SqlDb, shop: string, messages: NotificationToEnqueue[], now = new Date()): Promise<number> {
  return insertOutboxRows(
    trx,
    messages.map((message) => ({
      shop,
      memberId: message.memberId,
      channel: "email",
      kind: message.kind,
      businessKey: message.businessKey,
      payload: JSON.stringify(message.payload),
      notBefore: message.notBefore ?? now,
    })),
    now,
  );
}

type OutboxRow = { shop: string; memberId: number; channel: "email" | "flow"; kind: string; businessKey: string; payload: string; notBefore: Date };

/** Inserts pending rows, 200 a statement, each unless its business key is already in the outbox; how many were new. */
async function insertOutboxRows(trx: SqlDb, rows: OutboxRow[], now: Date): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += 200) {
    const result = await trx
      .insertInto("NotificationOutbox")
      .values(
        rows.slice(i, i + 200).map((row) => ({
          shop: row.shop,
          memberId: row.memberId,
          channel: row.channel,
          kind: row.kind,
          businessKey: row.businessKey.slice(0, 300),
          payload: row.payload,
          status: "pending",
          attempts: 0,
          nextAttemptAt: instant(row.notBefore),
          createdAt: instant(now),
        })),
      )
      .onConflict((conflict) => conflict.columns(["shop", "businessKey"]).doNothing())
      .executeTakeFirst();
    written += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return written;
}

/** Whether the shop sends Flow triggers (a FlowSettings row). */
export async function flowEnabled(db: SqlDb, shop: string): Promise<boolean> {
  const row = await db.selectFrom("FlowSettings").select("shop").where("shop", "=", shop).executeTakeFirst();
  return row !== undefined;
}

export type FlowTriggerToEnqueue = { memberId: number; kind: FlowTriggerKind; businessKey: string; values: FlowEventValues };

/**
 * Writes Flow deliveries (see the top of this file) in the causing transaction when the shop has Flow on; returns
 * how many were written. `enabled`: the caller's own read of FlowSettings, else one primary-key read here.
 */
export async function enqueueFlowTriggers(trx: SqlDb, shop: string, triggers: FlowTriggerToEnqueue[], now = new Date(), enabled?: boolean): Promise<number> {
  if (triggers.length === 0) return 0;
  if (!(enabled ?? (await flowEnabled(trx, shop)))) return 0;
  return insertOutboxRows(
    trx,
    triggers.map((trigger) => ({
      shop,
      memberId: trigger.memberId,
      channel: "flow",
      kind: trigger.kind,
      businessKey: `flow:${trigger.businessKey}`,
      payload: JSON.stringify(trigger.values),
      notBefore: now,
    })),
    now,
  );
}

export function notificationLockName(shop: string, memberId: number): string {
  return `notify:${shop}:${memberId}`;
}

export type ClaimedNotification = {
  id: number;
  shop: string;
  memberId: number;
  channel: string;
  kind: string;
  businessKey: string;
  payload: string;
  attempts: number;
  leaseUntil: Date;
};

const DUE_STATUSES = ["pending", "held", "sending"] as const;

/** Messages due now (oldest first): pending, held, or sending with a lease that ran out. */
export async function dueNotifications(db: SqlDb, now: Date, limit: number) {
  return db
    .selectFrom("NotificationOutbox")
    .select(["id", "shop", "memberId", "channel"])
    .where("status", "in", [...DUE_STATUSES])
    .where("nextAttemptAt", "<=", instant(now))
    .orderBy("nextAttemptAt")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/**
 * Takes the lease on one due message, or defers it when the member has had the shop's daily limit (then null, as
 * when another worker holds it or it is no longer due).
 */
export async function claimNotification(db: SqlDb, row: { id: number; shop: string; memberId: number; channel?: string }, now: Date, leaseMs: number): Promise<ClaimedNotification | null> {
  if (row.channel === "flow") return claimRow(db, row, now, leaseMs);
  return db.transaction().execute(async (trx) => {
    await lockNamed(trx, notificationLockName(row.shop, row.memberId));
    const settings = await trx.selectFrom("NotificationSettings").select("dailyLimit").where("shop", "=", row.shop).executeTakeFirst();
    const since = instant(new Date(now.getTime() - THROTTLE_WINDOW_MS));
    const recent = await trx
      .selectFrom("NotificationOutbox")
      .select(["status", "sentAt"])
      .where("shop", "=", row.shop)
      .where("memberId", "=", row.memberId)
      .where("channel", "=", "email")
      .where("id", "!=", row.id)
      .where((eb) =>
        eb.or([
          eb.and([eb("status", "=", "sent"), eb("sentAt", ">", since)]),
          eb.and([eb("status", "=", "sending"), eb("nextAttemptAt", ">", instant(now))]),
        ]),
      )
      .execute();
    const times = recent.map((r) => (r.status === "sent" && r.sentAt ? readInstant(r.sentAt) : now));
    const until = throttledUntil(times, settings?.dailyLimit ?? 3, now);
    if (until) {
      await trx
        .updateTable("NotificationOutbox")
        .set({ nextAttemptAt: instant(until), reason: "throttled" })
        .where("id", "=", row.id)
        .where("shop", "=", row.shop)
        .where("status", "in", [...DUE_STATUSES])
        .where("nextAttemptAt", "<=", instant(now))
        .execute();
      return null;
    }
    return claimRow(trx, row, now, leaseMs);
  });
}

/** The conditional update that takes the lease (alone for a Flow row: no throttle, so no lock to count under). */
async function claimRow(db: SqlDb, row: { id: number; shop: string }, now: Date, leaseMs: number): Promise<ClaimedNotification | null> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const claimed = await db
    .updateTable("NotificationOutbox")
    .set((eb) => ({ status: "sending", attempts: eb("attempts", "+", 1), nextAttemptAt: instant(leaseUntil) }))
    .where("id", "=", row.id)
    .where("shop", "=", row.shop)
    .where("status", "in", [...DUE_STATUSES])
    .where("nextAttemptAt", "<=", instant(now))
    .returning(["id", "shop", "memberId", "channel", "kind", "businessKey", "payload", "attempts"])
    .executeTakeFirst();
  return claimed ? { ...claimed, leaseUntil } : null;
}

type Settle = { status: "sent" | "pending" | "failed" | "skipped" | "held"; reason: string | null; nextAttemptAt?: Date; sentAt?: Date };

/** Ends the claim `claimed` made; false when its lease was taken over meanwhile (then nothing changes). */
async function settle(db: SqlDb, claimed: ClaimedNotification, outcome: Settle, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("NotificationOutbox")
    .set({
      status: outcome.status,
      reason: outcome.reason?.slice(0, 500) ?? null,
      sentAt: outcome.sentAt ? instant(outcome.sentAt) : null,
      nextAttemptAt: instant(outcome.nextAttemptAt ?? now),
    })
    .where("id", "=", claimed.id)
    .where("shop", "=", claimed.shop)
    .where("status", "=", "sending")
    .where("attempts", "=", claimed.attempts)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export const markSent = (db: SqlDb, claimed: ClaimedNotification, now: Date) => settle(db, claimed, { status: "sent", reason: null, sentAt: now }, now);

export const markSkipped = (db: SqlDb, claimed: ClaimedNotification, reason: string, now: Date) => settle(db, claimed, { status: "skipped", reason }, now);

/** Not sent: no mail transport (a Flow row: no sender). Kept; looked at again in 15 minutes, sent once there is one. */
export const markHeld = (db: SqlDb, claimed: ClaimedNotification, now: Date, reason = "no_mail_transport") =>
  settle(db, claimed, { status: "held", reason, nextAttemptAt: new Date(now.getTime() + 15 * 60_000) }, now);

/** A failed send: tried again after the back-off, given up after MAX_SEND_ATTEMPTS. */
export const markFailedAttempt = (db: SqlDb, claimed: ClaimedNotification, reason: string, now: Date) =>
  settle(
    db,
    claimed,
    claimed.attempts >= MAX_SEND_ATTEMPTS
      ? { status: "failed", reason }
      : { status: "pending", reason, nextAttemptAt: new Date(now.getTime() + retryDelayMs(claimed.attempts)) },
    now,
  );

export async function isUnsubscribed(db: SqlDb, shop: string, memberId: number): Promise<boolean> {
  const row = await db.selectFrom("NotificationUnsubscribe").select("memberId").where("shop", "=", shop).where("memberId", "=", memberId).executeTakeFirst();
  return row !== undefined;
}

/** The unsubscribe link was used: recorded once (a second click changes nothing). */
export async function unsubscribeMember(db: SqlDb, shop: string, memberId: number, now = new Date()): Promise<boolean> {
  const member = await db.selectFrom("Member").select("id").where("shop", "=", shop).where("id", "=", memberId).executeTakeFirst();
  if (!member) return false;
  await db
    .insertInto("NotificationUnsubscribe")
    .values({ shop, memberId, at: instant(now) })
    .onConflict((conflict) => conflict.columns(["shop", "memberId"]).doNothing())
    .execute();
  return true;
}

/** The shop's outbox, newest first (admin). */
export async function recentNotifications(db: SqlDb, shop: string, limit = 50) {
  return db
    .selectFrom("NotificationOutbox")
    .select(["id", "memberId", "channel", "kind", "status", "attempts", "reason", "createdAt", "sentAt"])
    .where("shop", "=", shop)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}
