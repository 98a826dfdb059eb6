// Orders → points: orders/paid earns (pending), refunds/create and orders/cancelled take back exactly what the
// refunded lines earned. Every function runs in one transaction holding the order's lock, so deliveries of the
// same order — retries, duplicates, a refund racing its paid event — are applied one at a time, on SQLite and on
// PostgreSQL alike.
//
// Order independence: a refund or cancellation that arrives before the order's paid event is held
// (HeldOrderEvent) and applied right after the order is recorded. Because reversals use a cumulative floor per
// line (see earning.ts), the end balance is the same whatever order the events arrive in.
//
// Idempotency: the OrderRecord is the business key of orders/paid; the refund id (kept in the record's reversal
// state) of refunds/create; the record's `cancelledAt` of orders/cancelled. Ledger idempotency keys guard each
// entry on top of that.
//
// The hot path of every order: plain SQL (app/db/sql.server.ts). orders/paid for a member is one transaction of
// five statements (PostgreSQL adds the lock): settings with a count of held events, the tier program's version and
// the member's tier state, member, order record, ledger entries, balances. With tiers, one more: the member's new
// tier state (PostgreSQL also locks and re-reads it; a tier change adds its history row and entry reward).
//
// Tiers (app/rules/tiers.ts): the order earns at the multiplier of the tier held before it; its points and net sales
// are tier progress (the OrderRecord is that history); refunds and cancellations lower progress (TierActivity rows,
// written whether or not the shop has tiers, so tiers configured later count them).
import type { SqlDb } from "../db.server";
import { sql } from "kysely";
import { instant, lockNamed, readInstant, type Instant, type StoredInstant } from "../db/dialect";
import { preparedQuery } from "../db/prepared-query";
import { bonusToReverse, earnForOrder, lineNetSales, orderNetSales, pointsToReverseForRefund, shippingPointsToReverse, type EarnedBonus, type EarnedLine } from "../rules/earning";
import { applyTierActivity, combineSteps, tierById } from "../rules/tiers";
import { readCampaignCache } from "../rules/campaigns";
import { productFactsLookup } from "../rules/product-facts";
import { applyMemberTierActivity, memberTierNow, saveTierStep } from "./member-tiers";
import { tierRulesAtVersion } from "./tier-rules";
import { shopZone } from "../rules/local-calendar";
import { appendEntries, ensureMember, type NewLedgerEntry } from "./ledger";
import type { OrderCancellation, OrderRefund, PaidOrder } from "../rules/order-events";
import { orderLockName } from "../db/lock-names";
import { forgetOrderDays } from "./order-days";
import { programMemberOf } from "../rules/membership";
import { notificationEventsOf, releaseLockedOrderIfDue } from "./pending-release";
import { orderBonusesFromRow, programSettingsFromRow } from "./program-settings";
import { recordAdvocateFingerprint } from "./referrals";
import { assignsToHoldOut } from "../rules/hold-out";
import { addPaidOrder, takeBackOrder } from "./customer-stats";
import { capReversalsAfterExpiry } from "./points-expiry";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What an order earned, stored with its record so reversals never depend on today's settings. `lineNet`: each line's
 * net sales (minor units), so refunds lower money-spent tier progress by the refunded share (absent on older records).
 */
type StoredEarning = {
  lines: EarnedLine[];
  shippingPoints: number;
  shippingNetAmount: number;
  lineNet?: Record<string, number>;
  /** Order bonuses credited (first order, threshold, campaign bonuses); absent on older records and when none. */
  bonuses?: EarnedBonus[];
};

/** How much of the order has been taken back so far. */
type ReversalState = {
  /** Units refunded per line id (capped at the line's quantity). */
  lines: Record<string, number>;
  /** Shipping refunded, minor units. */
  shippingAmount: number;
  refundIds: string[];
  /** Keys of the order bonuses already taken back (each is taken back whole, once). */
  bonuses?: string[];
};

/** The fields of an order record the reversals need. */
type OrderRow = {
  orderId: string;
  customerId: string | null;
  memberId: number | null;
  earning: string;
  reversed: string;
  releasedAt: StoredInstant | null;
  cancelledAt: StoredInstant | null;
  paidAt: StoredInstant;
};

const orderRowColumns = ["orderId", "customerId", "memberId", "earning", "reversed", "releasedAt", "cancelledAt", "paidAt"] as const;

export type OrderEventOutcome = "applied" | "duplicate" | "held";

function readEarning(row: OrderRow): StoredEarning {
  return JSON.parse(row.earning) as StoredEarning;
}

function readReversal(row: OrderRow): ReversalState {
  const parsed = JSON.parse(row.reversed) as Partial<ReversalState>;
  return { lines: parsed.lines ?? {}, shippingAmount: parsed.shippingAmount ?? 0, refundIds: parsed.refundIds ?? [], ...(parsed.bonuses ? { bonuses: parsed.bonuses } : {}) };
}

/** A reversal takes points from wherever the order's points are now: pending before release, available after. */
function reversal(row: OrderRow, points: number, fields: Omit<NewLedgerEntry, "kind" | "availableDelta" | "pendingDelta">): NewLedgerEntry {
  const released = readInstant(row.releasedAt) !== null;
  return {
    kind: "reverse",
    availableDelta: released ? -points : 0,
    pendingDelta: released ? 0 : -points,
    ...fields,
  };
}

async function holdEvent(trx: SqlDb, shop: string, orderId: string, eventKey: string, payload: unknown, now: Date) {
  await trx
    .insertInto("HeldOrderEvent")
    .values({ shop, orderId, eventKey, payload: JSON.stringify(payload), receivedAt: instant(now) })
    .onConflict((conflict) => conflict.columns(["shop", "orderId", "eventKey"]).doNothing())
    .execute();
}

async function loadOrder(trx: SqlDb, shop: string, orderId: string): Promise<OrderRow | undefined> {
  return trx.selectFrom("OrderRecord").select(orderRowColumns).where("shop", "=", shop).where("orderId", "=", orderId).executeTakeFirst();
}

async function saveReversal(trx: SqlDb, shop: string, orderId: string, state: ReversalState, now: Date, cancelledAt?: Date) {
  await trx
    .updateTable("OrderRecord")
    .set({ reversed: JSON.stringify(state), updatedAt: instant(now), ...(cancelledAt ? { cancelledAt: instant(cancelledAt) } : {}) })
    .where("shop", "=", shop)
    .where("orderId", "=", orderId)
    .execute();
}

async function refundLocked(trx: SqlDb, shop: string, row: OrderRow, refund: OrderRefund, now: Date): Promise<OrderEventOutcome> {
  const state = readReversal(row);
  if (state.refundIds.includes(refund.refundId)) return "duplicate";
  const earning = readEarning(row);
  const entries: NewLedgerEntry[] = [];
  let refundedMoney = 0;
  // After a cancellation everything is already taken back; the refund is only remembered.
  if (!row.cancelledAt) {
    for (const refunded of refund.lines) {
      const line = earning.lines.find((candidate) => candidate.lineItemId === refunded.lineItemId);
      if (!line) continue; // a line this order never had (or a tip/fee line): nothing was earned on it
      const before = state.lines[line.lineItemId] ?? 0;
      const points = pointsToReverseForRefund(line.points, line.quantity, before, refunded.quantity);
      refundedMoney += pointsToReverseForRefund(Math.max(0, earning.lineNet?.[line.lineItemId] ?? 0), line.quantity, before, refunded.quantity);
      state.lines[line.lineItemId] = Math.min(line.quantity, before + refunded.quantity);
      entries.push(
        reversal(row, points, {
          reason: `Refund of ${refunded.quantity} × line ${line.lineItemId}`,
          sourceType: "refund",
          sourceId: refund.refundId,
          orderId: row.orderId,
          lineItemId: line.lineItemId,
          idempotencyKey: `refund:${refund.refundId}:line:${line.lineItemId}`,
        }),
      );
    }
    if (refund.shippingAmount > 0) {
      const points = shippingPointsToReverse(
        earning.shippingPoints,
        earning.shippingNetAmount,
        state.shippingAmount,
        refund.shippingAmount,
      );
      state.shippingAmount = Math.min(earning.shippingNetAmount, state.shippingAmount + refund.shippingAmount);
      entries.push(
        reversal(row, points, {
          reason: "Shipping refunded",
          sourceType: "refund",
          sourceId: refund.refundId,
          orderId: row.orderId,
          idempotencyKey: `refund:${refund.refundId}:shipping`,
        }),
      );
    }
  }
  if (!row.cancelledAt) entries.push(...bonusReversals(row, earning, state, { refundId: refund.refundId }));
  state.refundIds.push(refund.refundId);
  // Analytics (app/persistence/customer-stats.ts): members and hold-out alike.
  // Analytics rows are written after the member's: orders/paid locks Member before CustomerStats, and the other
  // order would deadlock a refund with a concurrent payment of another order of the same customer (PostgreSQL).
  const takeBack = () => (row.customerId !== null ? takeBackOrder(trx, shop, row.customerId, 0, refundedMoney, instant(now)) : undefined);
  if (row.memberId === null) await takeBack();
  else {
    // After release, a refund takes back only what of the order did not expire (app/persistence/points-expiry.ts);
    // tier progress still drops by the whole refund.
    const taken = readInstant(row.releasedAt) !== null ? await capReversalsAfterExpiry(trx, shop, row.orderId, row.memberId, entries) : entries;
    await appendEntries(trx, shop, row.memberId, taken, now);
    await takeBack();
    const points = entries.reduce((sum, e) => sum - e.availableDelta - e.pendingDelta, 0);
    if (points !== 0 || refundedMoney !== 0) {
      const activity = { at: refund.createdAt.getTime(), countsAt: readInstant(row.paidAt).getTime(), points: -points, moneyMinor: -refundedMoney, orders: 0 };
      await applyMemberTierActivity(trx, shop, row.memberId, activity, `refund:${refund.refundId}`, now);
    }
  }
  await saveReversal(trx, shop, row.orderId, state, now);
  return "applied";
}

async function cancelLocked(trx: SqlDb, shop: string, row: OrderRow, cancellation: OrderCancellation, now: Date): Promise<OrderEventOutcome> {
  if (row.cancelledAt) return "duplicate";
  const earning = readEarning(row);
  const state = readReversal(row);
  const entries: NewLedgerEntry[] = [];
  let cancelledMoney = 0;
  for (const line of earning.lines) {
    const before = state.lines[line.lineItemId] ?? 0;
    const points = pointsToReverseForRefund(line.points, line.quantity, before, line.quantity - before);
    cancelledMoney += pointsToReverseForRefund(Math.max(0, earning.lineNet?.[line.lineItemId] ?? 0), line.quantity, before, line.quantity - before);
    state.lines[line.lineItemId] = line.quantity;
    entries.push(
      reversal(row, points, {
        reason: `Order cancelled: line ${line.lineItemId}`,
        sourceType: "cancellation",
        sourceId: row.orderId,
        orderId: row.orderId,
        lineItemId: line.lineItemId,
        idempotencyKey: `order:${row.orderId}:cancel:line:${line.lineItemId}`,
      }),
    );
  }
  const shippingPoints = shippingPointsToReverse(
    earning.shippingPoints,
    earning.shippingNetAmount,
    state.shippingAmount,
    earning.shippingNetAmount - state.shippingAmount,
  );
  state.shippingAmount = earning.shippingNetAmount;
  entries.push(...bonusReversals(row, earning, state, "cancellation"));
  // After the member's row, as in refundLocked (lock order: Member, then CustomerStats, as orders/paid takes them).
  const takeBack = () => (row.customerId !== null ? takeBackOrder(trx, shop, row.customerId, 1, cancelledMoney, instant(now)) : undefined);
  entries.push(
    reversal(row, shippingPoints, {
      reason: "Order cancelled: shipping",
      sourceType: "cancellation",
      sourceId: row.orderId,
      orderId: row.orderId,
      idempotencyKey: `order:${row.orderId}:cancel:shipping`,
    }),
  );
  if (row.memberId === null) await takeBack();
  else {
    const taken = readInstant(row.releasedAt) !== null ? await capReversalsAfterExpiry(trx, shop, row.orderId, row.memberId, entries) : entries;
    await appendEntries(trx, shop, row.memberId, taken, now);
    await takeBack();
    const points = entries.reduce((sum, e) => sum - e.availableDelta - e.pendingDelta, 0);
    // A cancelled order no longer counts as an order placed, and whatever it had not refunded stops counting.
    const activity = { at: cancellation.cancelledAt.getTime(), countsAt: readInstant(row.paidAt).getTime(), points: -points, moneyMinor: -cancelledMoney, orders: -1 };
    await applyMemberTierActivity(trx, shop, row.memberId, activity, `cancel:${row.orderId}`, now);
  }
  await saveReversal(trx, shop, row.orderId, state, now, cancellation.cancelledAt);
  // The order no longer counts on the day it was paid, which Home may have summed already.
  await forgetOrderDays(trx, shop, [readInstant(row.paidAt)], now);
  return "applied";
}

/**
 * The order bonuses a refund (or, with `all`, the cancellation) now takes back: each whole, once (app/rules/earning.ts
 * bonusToReverse), recorded in the reversal state. Orders without bonuses: nothing, no work.
 */
function bonusReversals(row: OrderRow, earning: StoredEarning, state: ReversalState, source: { refundId: string } | "cancellation"): NewLedgerEntry[] {
  const all = source === "cancellation";
  if (!earning.bonuses?.length) return [];
  const done = new Set(state.bonuses ?? []);
  const quantities = Object.fromEntries(earning.lines.map((line) => [line.lineItemId, line.quantity]));
  const entries: NewLedgerEntry[] = [];
  for (const bonus of earning.bonuses) {
    if (done.has(bonus.key) || !(all || bonusToReverse(bonus, state.lines, quantities, earning.lineNet))) continue;
    done.add(bonus.key);
    entries.push(
      reversal(row, bonus.points, {
        reason: `Order bonus taken back: ${bonus.key}`,
        sourceType: all ? "cancellation" : "refund",
        sourceId: source === "cancellation" ? row.orderId : source.refundId,
        orderId: row.orderId,
        idempotencyKey: `order:${row.orderId}:bonus:${bonus.key}:reverse`,
      }),
    );
  }
  state.bonuses = [...done];
  return entries;
}

type HeldPayload = { kind: "refund"; refund: OrderRefund } | { kind: "cancel"; cancellation: OrderCancellation };

function revive(held: HeldPayload): HeldPayload {
  // Dates went through JSON.
  if (held.kind === "refund") return { kind: "refund", refund: { ...held.refund, createdAt: new Date(held.refund.createdAt) } };
  return { kind: "cancel", cancellation: { ...held.cancellation, cancelledAt: new Date(held.cancellation.cancelledAt) } };
}

/**
 * What orders/paid needs before it writes, in one statement: the shop's settings and how many refunds or cancellations
 * of this order are waiting for it. Read under the order's lock, so no event can be held for it meanwhile.
 */
async function paidOrderContext(trx: SqlDb, shop: string, orderId: string, customerId: string | null) {
  const { rows } = await readPaidOrderContext(trx, shop, orderId, customerId);
  const row = rows[0]!;
  const settings = programSettingsFromRow(row.pointsPerUnit === null ? null : (row as Parameters<typeof programSettingsFromRow>[0]));
  const memberState = row.tierState === null || row.tierState === undefined ? null : { state: row.tierState, version: Number(row.tierStateVersion ?? 0) };
  const tiers = row.tierVersion === null ? null : { version: Number(row.tierVersion), zone: shopZone(row.timeZone), memberState };
  const bonuses = orderBonusesFromRow(row);
  // "[]" (no campaigns, the column's default) costs no parse.
  const campaigns = readCampaignCache(row.campaigns);
  // Exclusions by collection or tag and the product facts they need; "[]" and "{}" (unused) cost no parse.
  const scoped = {
    excludedCollectionIds: row.excludedCollectionIds && row.excludedCollectionIds !== "[]" ? (JSON.parse(row.excludedCollectionIds) as string[]) : [],
    excludedProductTags: row.excludedProductTags && row.excludedProductTags !== "[]" ? (JSON.parse(row.excludedProductTags) as string[]) : [],
  };
  // Analytics: whether the customer is known (and held out), and the shop's hold-out share for one seen first now.
  const holdOut = {
    known: row.knownMemberId !== null && row.knownMemberId !== undefined,
    settings: row.holdOutPercent ? { holdOutPercent: Number(row.holdOutPercent), holdOutSince: readInstant(row.holdOutSince ?? null) } : null,
  };
  return { settings, bonuses, campaigns, scoped, productFacts: productFactsLookup(row.productFacts), firstOrder: Number(row.earlierOrders ?? 0) === 0, heldEvents: Number(row.heldEvents ?? 0), tiers, isAdvocate: row.referralCode != null, holdOut, notify: notificationEventsOf(row.notificationEvents), flow: row.flowShop != null };
}

/**
 * Settings, held events, and for tiers: the program's version (the rules themselves are cached per version), the
 * shop's time zone and the customer's tier state. One statement.
 */
const readPaidOrderContext = preparedQuery((db, shop: string, orderId: string, customerId: string | null) =>
  db
    .selectFrom(sql<{ one: number }>`(SELECT 1 AS one)`.as("one"))
    .leftJoin("ProgramSettings", (join) => join.on("ProgramSettings.shop", "=", shop))
    .leftJoin("TierProgram", (join) => join.on("TierProgram.shop", "=", shop))
    .leftJoin("Shop", (join) => join.on("Shop.domain", "=", shop))
    // At most one member per shop and customer (unique), so these joins keep the one row; no customer, no match.
    .leftJoin("Member", (join) => join.on("Member.shop", "=", shop).on("Member.customerId", "=", customerId))
    .leftJoin("MemberTier", "MemberTier.memberId", "Member.id")
    // Referrals: whether the customer is an advocate (has a referral code), so their orders' fingerprints are kept.
    .leftJoin("ReferralCode", (join) => join.on("ReferralCode.shop", "=", shop).onRef("ReferralCode.memberId", "=", "Member.id"))
    .select("ReferralCode.code as referralCode")
    .leftJoin("AnalyticsSettings", (join) => join.on("AnalyticsSettings.shop", "=", shop))
    .select(["Member.id as knownMemberId", "AnalyticsSettings.holdOutPercent", "AnalyticsSettings.holdOutSince"])
    // Notifications: the shop's per-event settings (no row: none), for the "points earned" email at release.
    .leftJoin("NotificationSettings", (join) => join.on("NotificationSettings.shop", "=", shop))
    .select("NotificationSettings.events as notificationEvents")
    // Shopify Flow: whether the shop sends triggers (a row: on), for the "points earned" trigger at release.
    .leftJoin("FlowSettings", (join) => join.on("FlowSettings.shop", "=", shop))
    .select("FlowSettings.shop as flowShop")
    .select(["pointsPerUnit", "includeShipping", "includeTaxes", "excludedProductIds", "pendingDays", "signupBonus", "returnRewardPointsOnRefund"])
    .select(["firstOrderBonus", "orderThresholdMinor", "orderThresholdBonus", "campaigns", "excludedCollectionIds", "excludedProductTags", "productFacts"])
    // Whether the customer has an earlier order (first-order bonus): only looked up when the bonus is on (CASE is lazy
    // on both databases), by the OrderRecord (shop, memberId) index.
    .select(
      sql<number | null>`CASE WHEN "ProgramSettings"."firstOrderBonus" > 0 THEN (SELECT COUNT(*) FROM (SELECT 1 FROM "OrderRecord" WHERE "OrderRecord"."shop" = ${shop} AND "OrderRecord"."memberId" = "Member"."id" AND "OrderRecord"."orderId" <> ${orderId} LIMIT 1) AS "earlier") END`.as("earlierOrders"),
    )
    .select(["TierProgram.version as tierVersion", "Shop.ianaTimezone as timeZone"])
    .select(["MemberTier.state as tierState", "MemberTier.version as tierStateVersion"])
    .select((eb) =>
      eb
        .selectFrom("HeldOrderEvent")
        .select((inner) => inner.fn.countAll<number>().as("held"))
        .where("HeldOrderEvent.shop", "=", shop)
        .where("HeldOrderEvent.orderId", "=", orderId)
        .where("HeldOrderEvent.appliedAt", "is", null)
        .as("heldEvents"),
    ),
);

type OrderRecordValues = {
  shop: string;
  orderId: string;
  customerId: string | null;
  memberId: number | null;
  currency: string;
  earning: string;
  totalPoints: number;
  netSalesMinor: number;
  paidAt: Instant;
  releaseAt: Instant;
  now: Instant;
};

/** The order's record, unless it exists (then this delivery was applied before): returns whether it was written. */
const insertOrderRecord = preparedQuery(
  (db, shop: string, orderId: string, customerId: string | null, memberId: number | null, currency: string, earning: string, totalPoints: number, netSalesMinor: number, paidAt: Instant, releaseAt: Instant, now: Instant) =>
    db
      .insertInto("OrderRecord")
      .values({ shop, orderId, customerId, memberId, currency, earning, reversed: "{}", totalPoints, netSalesMinor, paidAt, releaseAt, createdAt: now, updatedAt: now })
      .onConflict((conflict) => conflict.columns(["shop", "orderId"]).doNothing())
      .returning("orderId"),
);

async function recordOrder(trx: SqlDb, v: OrderRecordValues): Promise<boolean> {
  const { rows } = await insertOrderRecord(trx, v.shop, v.orderId, v.customerId, v.memberId, v.currency, v.earning, v.totalPoints, v.netSalesMinor, v.paidAt, v.releaseAt, v.now);
  return rows.length === 1;
}

async function applyHeldEvents(trx: SqlDb, shop: string, orderId: string, now: Date) {
  const held = await trx
    .selectFrom("HeldOrderEvent")
    .select(["eventKey", "payload"])
    .where("shop", "=", shop)
    .where("orderId", "=", orderId)
    .where("appliedAt", "is", null)
    .execute();
  if (held.length === 0) return;
  const events = held.map((row) => ({ row, event: revive(JSON.parse(row.payload) as HeldPayload) }));
  // Refunds first (oldest first), the cancellation last; the result does not depend on it, the history reads better.
  events.sort((a, b) => {
    if (a.event.kind !== b.event.kind) return a.event.kind === "refund" ? -1 : 1;
    const at = (e: HeldPayload) => (e.kind === "refund" ? e.refund.createdAt.getTime() : e.cancellation.cancelledAt.getTime());
    return at(a.event) - at(b.event);
  });
  for (const { row, event } of events) {
    const current = (await loadOrder(trx, shop, orderId))!;
    if (event.kind === "refund") await refundLocked(trx, shop, current, event.refund, now);
    else await cancelLocked(trx, shop, current, event.cancellation, now);
    await trx
      .updateTable("HeldOrderEvent")
      .set({ appliedAt: instant(now) })
      .where("shop", "=", shop)
      .where("orderId", "=", orderId)
      .where("eventKey", "=", row.eventKey)
      .execute();
  }
}

/** orders/paid: record the order, credit its points as pending, apply anything that arrived before it. */
export async function applyPaidOrder(db: SqlDb, shop: string, order: PaidOrder, now = new Date()): Promise<OrderEventOutcome> {
  return db.transaction().execute(async (trx) => {
    await lockNamed(trx, orderLockName(shop, order.orderId));
    const { settings, bonuses, campaigns, scoped, productFacts, firstOrder, heldEvents, tiers, isAdvocate, holdOut, notify, flow } = await paidOrderContext(trx, shop, order.orderId, order.customer?.customerId ?? null);
    const rules = tiers ? await tierRulesAtVersion(trx, shop, tiers.version) : null;
    const shopTiers = rules && rules.tiers.length > 0 && tiers ? { rules, zone: tiers.zone, version: tiers.version } : null;
    // Taken before the record is written, which needs its id; a repeated delivery finds the member as it is.
    // Who the order credits (app/rules/membership.ts); Home's members vs guests reads the memberId written here.
    const customer = programMemberOf(order);
    // A customer seen for the first time may join the analytics hold-out group (app/rules/hold-out.ts): recorded as a
    // member row for staff to see, but the order credits no one (no memberId on its record, no entries, no tier).
    const joinsHoldOut = customer !== null && !holdOut.known && assignsToHoldOut(shop, customer.customerId, holdOut.settings, now);
    const customerRow = customer
      ? await ensureMember(trx, shop, customer.customerId, { email: customer.email, firstName: customer.firstName, lastName: customer.lastName, locale: customer.locale }, now, joinsHoldOut)
      : null;
    const heldOut = customerRow !== null && Boolean(Number(customerRow.holdOut ?? 0));
    const member = heldOut ? null : customerRow;
    // The tier held before this order (after any period end since the member's last event) sets its multiplier.
    const tierBefore = member && shopTiers ? await memberTierNow(trx, shop, member.id, shopTiers, now, tiers!.memberState) : null;
    // One pure function for lines, campaigns, the tier multiplier and order bonuses (app/rules/earning.ts).
    const tierId = tierBefore?.state.tierId ?? null;
    const tierPercent = shopTiers ? (tierById(shopTiers.rules, tierId)?.multiplierPercent ?? 100) : 100;
    const earning = earnForOrder(order, { ...settings, ...bonuses, ...scoped }, { tierPercent, tierId, campaigns, productFacts, firstOrder, member: member !== null });
    const netSales = orderNetSales(order);
    const stored: StoredEarning = {
      lines: earning.lines,
      shippingPoints: earning.shippingPoints,
      shippingNetAmount: order.shipping.netAmount,
      lineNet: lineNetSales(order),
      ...(earning.bonuses.length > 0 ? { bonuses: earning.bonuses } : {}),
    };
    const releaseAt = new Date(order.paidAt.getTime() + settings.pendingDays * DAY_MS);
    // The record is the business key of orders/paid: if it exists this delivery was already applied.
    const recorded = await recordOrder(trx, {
      shop,
      orderId: order.orderId,
      customerId: customer?.customerId ?? null,
      memberId: member?.id ?? null,
      currency: order.currency,
      earning: JSON.stringify(stored),
      totalPoints: earning.totalPoints,
      netSalesMinor: netSales,
      paidAt: instant(order.paidAt),
      releaseAt: instant(releaseAt),
      now: instant(now),
    });
    if (!recorded) return "duplicate";
    if (customer) await addPaidOrder(trx, shop, customer.customerId, heldOut, netSales, instant(order.paidAt), instant(now));
    if (member) {
      const earned: NewLedgerEntry[] = earning.lines.map((line) => ({
        kind: "earn_pending",
        availableDelta: 0,
        pendingDelta: line.points,
        reason: `Order paid: ${line.quantity} × line ${line.lineItemId}`,
        sourceType: "order_line",
        sourceId: line.lineItemId,
        orderId: order.orderId,
        lineItemId: line.lineItemId,
        idempotencyKey: `order:${order.orderId}:line:${line.lineItemId}:earn`,
      }));
      earned.push({
        kind: "earn_pending",
        availableDelta: 0,
        pendingDelta: earning.shippingPoints,
        reason: "Order paid: shipping",
        sourceType: "order",
        sourceId: order.orderId,
        orderId: order.orderId,
        idempotencyKey: `order:${order.orderId}:shipping:earn`,
      });
      for (const bonus of earning.bonuses) {
        earned.push({
          kind: "earn_pending",
          availableDelta: 0,
          pendingDelta: bonus.points,
          reason: `Order bonus: ${bonus.key}`,
          sourceType: "order",
          sourceId: order.orderId,
          orderId: order.orderId,
          // The first-order bonus is once per customer across orders: two first orders applied at once credit one.
          idempotencyKey: bonus.key === "first_order" ? `customer:${customer!.customerId}:first_order` : `order:${order.orderId}:bonus:${bonus.key}:earn`,
        });
      }
      const fresh = await appendEntries(trx, shop, member.id, earned, now);
      if (isAdvocate && order.referral) await recordAdvocateFingerprint(trx, shop, member.id, order.orderId, order.referral.fingerprint, now);
      if (stored.bonuses?.some((bonus) => bonus.key === "first_order") && !fresh.some((e) => e.idempotencyKey.endsWith(":first_order"))) {
        // Another order of this customer took the first-order bonus meanwhile: this record must not reverse it later.
        stored.bonuses = stored.bonuses.filter((bonus) => bonus.key !== "first_order");
        await trx.updateTable("OrderRecord").set({ earning: JSON.stringify(stored) }).where("shop", "=", shop).where("orderId", "=", order.orderId).execute();
      }
      if (tierBefore && shopTiers) {
        const activity = { at: order.paidAt.getTime(), countsAt: order.paidAt.getTime(), points: earning.totalPoints, moneyMinor: netSales, orders: 1 };
        const step = combineSteps(tierBefore, applyTierActivity(tierBefore.state, shopTiers.rules, shopTiers.zone, activity));
        await saveTierStep(trx, shop, member.id, step, shopTiers, now);
      }
    }
    if (heldEvents > 0) await applyHeldEvents(trx, shop, order.orderId, now);
    // Pending days 0 (or an order paid longer ago than the pending period): spendable at once. Held events
    // change neither the member nor the release fields, so the record as written is still current for this.
    await releaseLockedOrderIfDue(trx, shop, { orderId: order.orderId, memberId: member?.id ?? null, releaseAt, releasedAt: null }, now, notify, flow);
    // Delivered late (paid on a day Home has summed already): that day is summed again. Last, as its lock must be.
    await forgetOrderDays(trx, shop, [order.paidAt], now);
    return "applied";
  });
}

/** refunds/create: take back the refunded units' points, or hold the refund until its order is known. */
export async function applyRefund(db: SqlDb, shop: string, refund: OrderRefund, now = new Date()): Promise<OrderEventOutcome> {
  return db.transaction().execute(async (trx) => {
    await lockNamed(trx, orderLockName(shop, refund.orderId));
    const row = await loadOrder(trx, shop, refund.orderId);
    if (!row) {
      await holdEvent(trx, shop, refund.orderId, `refund:${refund.refundId}`, { kind: "refund", refund } satisfies HeldPayload, now);
      return "held";
    }
    return refundLocked(trx, shop, row, refund, now);
  });
}

/** orders/cancelled: take back whatever the order still holds, or hold the cancellation until the order is known. */
export async function applyCancellation(db: SqlDb, shop: string, cancellation: OrderCancellation, now = new Date()): Promise<OrderEventOutcome> {
  return db.transaction().execute(async (trx) => {
    await lockNamed(trx, orderLockName(shop, cancellation.orderId));
    const row = await loadOrder(trx, shop, cancellation.orderId);
    if (!row) {
      await holdEvent(trx, shop, cancellation.orderId, "cancel", { kind: "cancel", cancellation } satisfies HeldPayload, now);
      return "held";
    }
    return cancelLocked(trx, shop, row, cancellation, now);
  });
}
