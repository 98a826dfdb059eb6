// Referrals, stored and applied (the rules are app/rules/referrals.ts).
//
//   advocate   A member gets a referral code the first time their link is shown (ensureReferralCode). From then on
//              orders/paid records a fingerprint of their orders (recordAdvocateFingerprint, folded into the order's
//              transaction: the order's context read already tells whether the customer has a code).
//   attribute  A friend's order that carries a welcome code or the referral cart attribute (read from the payload,
//              no query otherwise) gets one Referral row: every check decided there and written with its reason;
//              at most one row per friend and per order, by unique keys, so redeliveries and races write nothing more.
//   release    After the pending period the sweep (releaseDueReferrals, scheduled like pending points) re-reads the
//              friend's order under the order's lock — the lock refunds and cancellations take — and either rewards
//              the advocate (one ledger entry whose key names the friend: once per friend, ever) or cancels.
//   review     Suspicious referrals wait in admin's queue; approve/reject records the staff member and their reason.
import type { SqlDb } from "../db.server";
import { sql } from "kysely";
import { instant, lockNamed, readBoolean, readInstant, type StoredInstant } from "../db/dialect";
import { orderLockName, referralAdvocateLockName } from "../db/lock-names";
import { formatMinorUnits } from "../rules/money";
import {
  capMonth,
  DEFAULT_REFERRAL_SETTINGS,
  friendKey as friendKeyOf,
  generateReferralCode,
  initialStatus,
  normaliseEmail,
  referralFindings,
  referralRewardKey,
  releaseDecision,
  remainingSubtotal,
  rewardDueAt,
  type Finding,
  type OrderFingerprint,
  type ReferralSettings,
  type ReferralSignal,
  type ReferralStatus,
} from "../rules/referrals";
import type { PaidOrder } from "../rules/order-events";
import { orderNetSales } from "../rules/earning";
import { appendEntries } from "./ledger";
import { enqueueFlowTriggers, enqueueNotification } from "./notification-outbox";
import { noteBalanceRise } from "./notification-events";
import { readEventSettings } from "../rules/notifications";

// ---- settings ----

type SettingsRow = {
  enabled: boolean | number;
  advocatePoints: number;
  friendRewardType: string;
  friendRewardValue: number;
  minSubtotalMinor: number;
  monthlyCapPerAdvocate: number;
  linkLifetimeDays: number;
  pendingDays: number;
};

function settingsFromRow(row: SettingsRow | undefined): ReferralSettings {
  if (!row) return DEFAULT_REFERRAL_SETTINGS;
  return {
    enabled: readBoolean(row.enabled),
    advocatePoints: Number(row.advocatePoints),
    friendRewardType: row.friendRewardType === "fixed_amount" ? "fixed_amount" : "percentage",
    friendRewardValue: row.friendRewardValue,
    minSubtotalMinor: Number(row.minSubtotalMinor),
    monthlyCapPerAdvocate: row.monthlyCapPerAdvocate,
    linkLifetimeDays: row.linkLifetimeDays,
    pendingDays: row.pendingDays,
  };
}

const settingsColumns = [
  "enabled",
  "advocatePoints",
  "friendRewardType",
  "friendRewardValue",
  "minSubtotalMinor",
  "monthlyCapPerAdvocate",
  "linkLifetimeDays",
  "pendingDays",
] as const;

export async function referralSettings(db: SqlDb, shop: string): Promise<ReferralSettings> {
  const row = await db.selectFrom("ReferralSettings").select(settingsColumns).where("shop", "=", shop).executeTakeFirst();
  return settingsFromRow(row);
}

export async function saveReferralSettings(db: SqlDb, shop: string, settings: ReferralSettings, now = new Date()) {
  const values = { ...settings, updatedAt: instant(now) };
  await db
    .insertInto("ReferralSettings")
    .values({ shop, ...values })
    .onConflict((conflict) => conflict.column("shop").doUpdateSet(values))
    .execute();
}

// ---- codes ----

/** The member's referral code, created on first use. A collision with another member's code just draws again. */
export async function ensureReferralCode(db: SqlDb, shop: string, memberId: number, now = new Date()): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const existing = await db.selectFrom("ReferralCode").select("code").where("shop", "=", shop).where("memberId", "=", memberId).executeTakeFirst();
    if (existing) return existing.code;
    await db
      .insertInto("ReferralCode")
      .values({ shop, memberId, code: generateReferralCode(), createdAt: instant(now) })
      .onConflict((conflict) => conflict.doNothing())
      .execute();
  }
  throw new Error("could not draw a free referral code");
}

/** Who a referral code belongs to: the advocate member, or null. */
export async function advocateByCode(db: SqlDb, shop: string, code: string) {
  return (
    (await db
      .selectFrom("ReferralCode")
      .innerJoin("Member", (join) => join.onRef("Member.id", "=", "ReferralCode.memberId").on("Member.shop", "=", shop))
      .select(["Member.id as memberId", "Member.customerId", "Member.email", "ReferralCode.code"])
      .where("ReferralCode.shop", "=", shop)
      .where("ReferralCode.code", "=", code)
      .executeTakeFirst()) ?? null
  );
}

// ---- advocates' orders ----

/** Called inside orders/paid's transaction, only for a customer who has a referral code. Repeats write nothing. */
export async function recordAdvocateFingerprint(trx: SqlDb, shop: string, memberId: number, orderId: string, fingerprint: OrderFingerprint, now: Date) {
  await trx
    .insertInto("ReferralFingerprint")
    .values({
      shop,
      orderId,
      memberId,
      emailKey: fingerprint.emailKey,
      addressKey: fingerprint.addressKey,
      browserIp: fingerprint.browserIp,
      clientKey: fingerprint.clientKey,
      createdAt: instant(now),
    })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
}

// ---- attribution ----

export type AttributionOutcome =
  | { kind: "off" }
  | { kind: "unknown_code" }
  | { kind: "no_friend" }
  /** This order, or this friend, already has its referral. */
  | { kind: "duplicate" }
  | { kind: "recorded"; referralId: number; status: ReferralStatus; findings: Finding[] };

type Advocate = { memberId: number; customerId: string; email: string | null; code: string; welcomeCode: string | null };

async function resolveAdvocate(trx: SqlDb, shop: string, signal: ReferralSignal): Promise<Advocate | null> {
  // The welcome code is the stronger signal: it was handed out for one advocate's link.
  if (signal.welcomeCodes.length > 0) {
    const claim = await trx
      .selectFrom("ReferralClaim")
      .innerJoin("Member", (join) => join.onRef("Member.id", "=", "ReferralClaim.advocateMemberId").on("Member.shop", "=", shop))
      .select(["Member.id as memberId", "Member.customerId", "Member.email", "ReferralClaim.referralCode as code", "ReferralClaim.welcomeCode"])
      .where("ReferralClaim.shop", "=", shop)
      .where("ReferralClaim.welcomeCode", "in", signal.welcomeCodes)
      .executeTakeFirst();
    if (claim) return claim;
  }
  if (!signal.referralCode) return null;
  const byCode = await advocateByCode(trx, shop, signal.referralCode);
  return byCode ? { ...byCode, welcomeCode: null } : null;
}

/**
 * orders/paid for an order whose payload carries a referral (readReferralSignal was not null). Its own transaction,
 * after the order's: the order record it reads (the friend's earlier orders) is then written.
 */
export async function attributeReferral(
  db: SqlDb,
  shop: string,
  order: PaidOrder,
  signal: ReferralSignal,
  fingerprint: OrderFingerprint,
  now = new Date(),
): Promise<AttributionOutcome> {
  const settings = await referralSettings(db, shop);
  if (!settings.enabled) return { kind: "off" };
  const friend = friendKeyOf(fingerprint);
  if (!friend) return { kind: "no_friend" };
  const outcome = await db.transaction().execute(async (trx): Promise<AttributionOutcome> => {
    const advocate = await resolveAdvocate(trx, shop, signal);
    if (!advocate) return { kind: "unknown_code" };
    // The advocate's lock keeps the monthly cap exact when several friends' orders arrive at once.
    await lockNamed(trx, referralAdvocateLockName(shop, advocate.memberId));
    const taken = await trx
      .selectFrom("Referral")
      .leftJoin("OrderRecord", (join) => join.onRef("OrderRecord.orderId", "=", "Referral.orderId").on("OrderRecord.shop", "=", shop))
      .select(["Referral.id", "Referral.orderId", "Referral.status", "OrderRecord.paidAt"])
      .where("Referral.shop", "=", shop)
      .where((eb) =>
        eb.or([
          eb("Referral.orderId", "=", order.orderId),
          eb("Referral.friendKey", "=", friend),
          ...(fingerprint.customerId ? [eb("Referral.friendCustomerId", "=", fingerprint.customerId)] : []),
          ...(fingerprint.emailKey ? [eb("Referral.friendEmailKey", "=", fingerprint.emailKey)] : []),
        ]),
      )
      .execute();
    if (taken.some((row) => row.orderId === order.orderId)) return { kind: "duplicate" };
    // Webhooks have no order: a later order of the friend may have been attributed before this, their first, arrived.
    // The referral then moves to this order and is decided again (unless it was already paid, which the release's
    // own first-order check prevents for an order that is not the first).
    const later = taken.find((row) => row.status !== "rewarded" && row.paidAt !== null && readInstant(row.paidAt) > order.paidAt);
    if (taken.length > 0 && (!later || taken.length > 1)) return { kind: "duplicate" };
    const month = capMonth(order.paidAt);
    const [advocateOrders, earlier, thisMonth] = await Promise.all([
      trx
        .selectFrom("ReferralFingerprint")
        .select(["emailKey", "addressKey", "browserIp", "clientKey"])
        .where("shop", "=", shop)
        .where("memberId", "=", advocate.memberId)
        .execute(),
      earlierOrdersOf(trx, shop, fingerprint.customerId, order.orderId, order.paidAt),
      trx
        .selectFrom("Referral")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("shop", "=", shop)
        .where("advocateMemberId", "=", advocate.memberId)
        .where("capMonth", "=", month)
        .where("status", "not in", ["rejected", "cancelled"])
        .where("id", "!=", later?.id ?? -1)
        .executeTakeFirstOrThrow(),
    ]);
    const subtotal = orderNetSales(order);
    const findings = referralFindings({
      advocate: { customerId: advocate.customerId, emailKey: normaliseEmail(advocate.email) },
      advocateOrders: advocateOrders.map((row) => ({ customerId: advocate.customerId, ...row })),
      friendOrder: fingerprint,
      friendOrderSubtotalMinor: subtotal,
      friendEarlierOrders: earlier,
      advocateReferralsThisMonth: Number(thisMonth.n),
      settings,
      formatMoney: (minor) => `${formatMinorUnits(minor, order.currency)} ${order.currency}`,
    });
    const status = initialStatus(findings);
    const values = {
      advocateMemberId: advocate.memberId,
      referralCode: advocate.code,
      welcomeCode: advocate.welcomeCode,
      friendCustomerId: fingerprint.customerId,
      friendEmailKey: fingerprint.emailKey,
      friendKey: friend,
      orderId: order.orderId,
      subtotalMinor: subtotal,
      currency: order.currency,
      status,
      capMonth: month,
      rewardAt: instant(rewardDueAt(order.paidAt, settings.pendingDays)),
      rewardPoints: settings.advocatePoints,
      decidedBy: status === "rejected" ? "system" : null,
      decidedAt: status === "rejected" ? instant(now) : null,
      updatedAt: instant(now),
    };
    if (later) {
      const moved: Note[] = [{ check: "first_order", severity: "info", reason: `Moved from order ${later.orderId}: order ${order.orderId} is the friend's first.` }];
      const updated = await trx
        .updateTable("Referral")
        .set({ ...values, reasons: JSON.stringify([...moved, ...findings]) })
        .where("shop", "=", shop)
        .where("id", "=", later.id)
        .where("status", "!=", "rewarded")
        .executeTakeFirst();
      if (updated.numUpdatedRows !== 1n) return { kind: "duplicate" };
      return { kind: "recorded", referralId: later.id, status, findings };
    }
    const inserted = await trx
      .insertInto("Referral")
      .values({ shop, ...values, reasons: JSON.stringify(findings), createdAt: instant(now) })
      // Another delivery of this order, or another order of this friend, got there first (unique keys).
      .onConflict((conflict) => conflict.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return { kind: "duplicate" };
    return { kind: "recorded", referralId: inserted.id, status, findings };
  });
  // Like an order's points: an order paid longer ago than the pending period (or pending days 0) is released at once
  // rather than at the next sweep.
  if (outcome.kind === "recorded" && outcome.status === "pending" && rewardDueAt(order.paidAt, settings.pendingDays) <= now) {
    await db.transaction().execute((trx) => releaseReferral(trx, shop, outcome.referralId, now));
  }
  return outcome;
}

/** The friend's orders paid before `paidAt` that the app recorded (a customer's; a guest's cannot be told apart). */
async function earlierOrdersOf(trx: SqlDb, shop: string, customerId: string | null, orderId: string, paidAt: Date): Promise<number> {
  if (!customerId) return 0;
  const row = await trx
    .selectFrom("OrderRecord")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("shop", "=", shop)
    .where("customerId", "=", customerId)
    .where("orderId", "!=", orderId)
    .where("paidAt", "<", instant(paidAt))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- release ----

/** What a referral's `reasons` hold: its findings, then each later decision (release, review), in words. */
export type Note = { check: string; severity: "reject" | "review" | "info"; reason: string };

type ReferralRow = {
  id: number;
  shop: string;
  advocateMemberId: number;
  friendKey: string;
  friendCustomerId: string | null;
  orderId: string;
  status: string;
  reasons: string;
  rewardAt: StoredInstant;
  rewardPoints: number | null;
};

type OrderState = { earning: string; reversed: string; netSalesMinor: number | null; cancelledAt: StoredInstant | null; paidAt: StoredInstant };

function orderOutcome(order: OrderState | undefined) {
  if (!order) return null;
  const earning = JSON.parse(order.earning) as { lines: Array<{ lineItemId: string; quantity: number }>; lineNet?: Record<string, number> };
  const reversed = JSON.parse(order.reversed) as { lines?: Record<string, number> };
  return {
    cancelled: order.cancelledAt !== null,
    remainingSubtotalMinor: remainingSubtotal(Number(order.netSalesMinor ?? 0), earning.lines, earning.lineNet ?? {}, reversed.lines ?? {}),
  };
}

/**
 * "Your friend's order earned you N points" (app/persistence/notification-outbox.ts): queued inside the reward's
 * transaction, once per reward written (the business key names the referral), and only when the shop has
 * notifications set up with this event on. The release sweep is off the webhook path, so the settings read is its own.
 */
export async function enqueueReferralRewardNotification(trx: SqlDb, shop: string, advocateMemberId: number, points: number, referralId: number, now: Date) {
  // Flow first: it does not depend on the email settings.
  await enqueueFlowTriggers(trx, shop, [{ memberId: advocateMemberId, kind: "referral_completed", businessKey: `referral:${referralId}:reward`, values: { points } }], now);
  const settings = await trx.selectFrom("NotificationSettings").select("events").where("shop", "=", shop).executeTakeFirst();
  if (!settings) return;
  const events = readEventSettings(settings.events);
  if (events.referral_success.enabled) {
    await enqueueNotification(trx, shop, { memberId: advocateMemberId, kind: "referral_success", businessKey: `referral:${referralId}:reward`, payload: { points } }, now);
  }
  await noteBalanceRise(trx, shop, advocateMemberId, points, `referral:${referralId}:reward`, now, events);
}

export type ReleaseOutcome = "rewarded" | "cancelled" | "waiting" | "skipped";

/** One referral's release under its order's lock (the lock refunds and cancellations of that order take). */
export async function releaseReferral(trx: SqlDb, shop: string, referralId: number, now: Date): Promise<ReleaseOutcome> {
  const first = await trx.selectFrom("Referral").select("orderId").where("shop", "=", shop).where("id", "=", referralId).executeTakeFirst();
  if (!first) return "skipped";
  await lockNamed(trx, orderLockName(shop, first.orderId));
  const referral: ReferralRow | undefined = await trx
    .selectFrom("Referral")
    .select(["id", "shop", "advocateMemberId", "friendKey", "friendCustomerId", "orderId", "status", "reasons", "rewardAt", "rewardPoints"])
    .where("shop", "=", shop)
    .where("id", "=", referralId)
    .executeTakeFirst();
  if (!referral) return "skipped";
  const order = await trx
    .selectFrom("OrderRecord")
    .select(["earning", "reversed", "netSalesMinor", "cancelledAt", "paidAt"])
    .where("shop", "=", shop)
    .where("orderId", "=", referral.orderId)
    .executeTakeFirst();
  const settings = await referralSettings(trx, shop);
  let decision = releaseDecision(referral.status as ReferralStatus, readInstant(referral.rewardAt), now, orderOutcome(order), settings.minSubtotalMinor);
  // An earlier order of the friend may have arrived after this one was attributed (webhooks have no order).
  if (decision.kind === "reward" && order && (await earlierOrdersOf(trx, shop, referral.friendCustomerId, referral.orderId, readInstant(order.paidAt))) > 0) {
    decision = { kind: "cancel", reason: "The referred order turned out not to be the friend's first order." };
  }
  if (decision.kind === "wait") return "waiting";
  const reasons = JSON.parse(referral.reasons) as Note[];
  if (decision.kind === "cancel") {
    reasons.push({ check: "release", severity: "reject", reason: decision.reason });
    await finish(trx, shop, referral.id, "cancelled", reasons, now);
    return "cancelled";
  }
  // An advocate in the analytics hold-out group earns nothing (app/rules/hold-out.ts); /proxy/referral gives them no
  // link, but a code it handed out before it refused them must not pay them either.
  const advocate = await trx.selectFrom("Member").select("holdOut").where("shop", "=", shop).where("id", "=", referral.advocateMemberId).executeTakeFirst();
  if (advocate && readBoolean(advocate.holdOut)) {
    reasons.push({ check: "release", severity: "reject", reason: "The advocate is in the analytics hold-out group, which earns no points." });
    await finish(trx, shop, referral.id, "cancelled", reasons, now);
    return "cancelled";
  }
  const points = Number(referral.rewardPoints ?? 0);
  const written = await appendEntries(
    trx,
    shop,
    referral.advocateMemberId,
    [
      {
        kind: "action_bonus",
        availableDelta: points,
        pendingDelta: 0,
        reason: "Referral: your friend's first order",
        sourceType: "action",
        sourceId: `referral:${referral.id}`,
        orderId: null,
        idempotencyKey: referralRewardKey(referral.friendKey),
      },
    ],
    now,
  );
  reasons.push({ check: "release", severity: "info", reason: `The friend's order passed its pending period: ${points} points to the advocate.` });
  await finish(trx, shop, referral.id, "rewarded", reasons, now);
  if (written.length > 0) await enqueueReferralRewardNotification(trx, shop, referral.advocateMemberId, points, referral.id, now);
  return "rewarded";
}

async function finish(trx: SqlDb, shop: string, id: number, status: ReferralStatus, reasons: Note[], now: Date) {
  await trx
    .updateTable("Referral")
    .set({ status, reasons: JSON.stringify(reasons), decidedBy: sql<string>`coalesce(${sql.ref("decidedBy")}, 'system')`, decidedAt: instant(now), updatedAt: instant(now) })
    .where("shop", "=", shop)
    .where("id", "=", id)
    .where("status", "in", ["pending", "qualified"])
    .execute();
}

/** One sweep over due referrals of every shop (scheduled with the pending-points release). */
export async function releaseDueReferrals(db: SqlDb, options: { now?: Date; limit?: number } = {}) {
  const now = options.now ?? new Date();
  const due = await db
    .selectFrom("Referral")
    .select(["shop", "id"])
    .where("status", "in", ["pending", "qualified"])
    .where("rewardAt", "<=", instant(now))
    .orderBy("rewardAt", "asc")
    .limit(options.limit ?? 500)
    .execute();
  const counts = { examined: due.length, rewarded: 0, cancelled: 0 };
  for (const { shop, id } of due) {
    const outcome = await db.transaction().execute((trx) => releaseReferral(trx, shop, id, now));
    if (outcome === "rewarded") counts.rewarded += 1;
    if (outcome === "cancelled") counts.cancelled += 1;
  }
  return counts;
}

// ---- review queue ----

export type ReviewDecision = "approve" | "reject";

/**
 * A staff member's decision on a referral in review, with their reason (required: it is the audit). Approving makes it
 * qualified, to be rewarded when its pending period ends like any other; rejecting ends it. Only a referral still in
 * review changes; the answer says whether this call decided it.
 */
export async function decideReview(db: SqlDb, shop: string, id: number, decision: ReviewDecision, staff: string, note: string, now = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("Referral").select(["reasons", "status"]).where("shop", "=", shop).where("id", "=", id).executeTakeFirst();
    if (!row || row.status !== "review") return false;
    const reasons = JSON.parse(row.reasons) as Note[];
    reasons.push({ check: "review", severity: decision === "approve" ? "info" : "reject", reason: `${decision === "approve" ? "Approved" : "Rejected"} by ${staff}: ${note}` });
    const result = await trx
      .updateTable("Referral")
      .set({ status: decision === "approve" ? "qualified" : "rejected", reasons: JSON.stringify(reasons), decidedBy: staff, decidedAt: instant(now), updatedAt: instant(now) })
      .where("shop", "=", shop)
      .where("id", "=", id)
      .where("status", "=", "review")
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  });
}
