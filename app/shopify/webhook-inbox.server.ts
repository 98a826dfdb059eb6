// The webhook inbox: accept fast, apply right after, retry until applied.
//
// Shopify waits at most 5 s for an answer, retries anything but a 2xx and, after repeated failures, removes the
// subscription. So the route only verifies, validates and stores the delivery (one insert), answers 200, and the
// work is applied in this process straight away (`applyInBackground`). If the process dies first or the work fails,
// the row stays unapplied and `sweepWebhookInbox` (scheduled, every instance) picks it up again.
//
// Claims are leases on the row (`nextAttemptAt`), taken with a conditional update, so two instances — or the live
// queue and a sweep — do not apply the same delivery at the same time. Applying twice would still be harmless
// (every topic is idempotent on its business key); the lease just avoids the wasted work.
//
// On the path of every webhook: plain SQL (app/db/sql.server.ts). A delivery costs two statements of its own, the
// insert and the final mark, around the topic's work: the insert is born leased to the process that received it
// (for SWEEP_GRACE_MS, the time a sweep would leave it alone anyway), so the live path needs no claim of its own.
import { activeDatabase, sqlDb, type SqlDb } from "../db.server";
import { runAsBackgroundWork } from "../db/background-priority";
import { sql } from "kysely";
import { instant, instantValue, readInstant, type Instant } from "../db/dialect";
import { preparedQuery } from "../db/prepared-query";
import { WorkQueue } from "../jobs/work-queue";
import { isKnownShop } from "../persistence/shops";
import { webhookTopics, isWebhookTopic, type WebhookTopic } from "./webhook-topics.server";
import { parseWebhookJson } from "./webhook-json";
import { deliveryErrorCode, isDeliveryErrorCode, UnknownTopicError, type DeliveryErrorCode } from "./delivery-errors";
import { log } from "../log.server";

export type AcceptedDelivery = {
  shop: string;
  webhookId: string;
  topic: WebhookTopic;
  payload: unknown;
  /** The topic's parse of the payload, when the receiver already validated it (saves parsing it again). */
  parsed?: unknown;
};
/** A stored delivery and until when the process that stored it holds its lease. */
export type LeasedDelivery = AcceptedDelivery & { leasedUntil: Date };

/** How long a claim keeps others off a delivery; longer than any single apply takes. */
const CLAIM_LEASE_MS = 2 * 60 * 1000;
/** A sweep leaves fresh deliveries to the instance that received them. */
const SWEEP_GRACE_MS = 30 * 1000;
/** After this many failed attempts a delivery is left for a person to look at (lastError says why). */
export const MAX_ATTEMPTS = 12;

/** Back-off after the n-th failure: 30 s, 1 min, 2 min … capped at 1 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60 * 1000);
}

export type Acceptance =
  | { outcome: "accepted"; delivery: LeasedDelivery }
  /** This delivery (same X-Shopify-Webhook-Id) was accepted before: a retry of something we already hold. */
  | { outcome: "duplicate" }
  /** `onlyForKnownShop` and the shop has no Shop row (never installed, or erased by shop/redact). */
  | { outcome: "unknown_shop" };

/**
 * Stores a verified, validated delivery, in one statement: with `onlyForKnownShop` the insert itself checks that the
 * shop is a tenant (app/persistence/shops.ts), so a webhook costs no separate read for it.
 */
export async function acceptDelivery(
  client: SqlDb,
  delivery: AcceptedDelivery,
  rawBody: string,
  now = new Date(),
  options: { leaseToThisProcess?: boolean; onlyForKnownShop?: boolean } = {},
): Promise<Acceptance> {
  // The route stores the delivery already leased to itself (attempt 1 of MAX_ATTEMPTS), for as long as a sweep
  // would leave a fresh delivery alone anyway; without the option the row waits unclaimed for any worker.
  const leased = options.leaseToThisProcess === true;
  const leasedUntil = leased ? new Date(now.getTime() + SWEEP_GRACE_MS) : now;
  const { shop, webhookId, topic } = delivery;
  const insert = options.onlyForKnownShop ? insertDeliveryOfKnownShop : insertDelivery;
  const stored = await insert(client, shop, webhookId, topic, rawBody, instant(now), leased ? 1 : 0, leased ? instant(leasedUntil) : null);
  if (stored.numAffectedRows === 1n) return { outcome: "accepted", delivery: { ...delivery, leasedUntil } };
  // Nothing stored: a repeat, or a shop that is not a tenant. Rare, so the second read is only made here.
  if (!options.onlyForKnownShop) return { outcome: "duplicate" };
  return (await isKnownShop(client, shop)) ? { outcome: "duplicate" } : { outcome: "unknown_shop" };
}

/** The inbox insert, as INSERT … SELECT so that it can carry a condition (see insertDeliveryOfKnownShop). */
function deliveryRow(db: SqlDb, shop: string, webhookId: string, topic: string, payload: string, receivedAt: Instant, attempts: number, nextAttemptAt: Instant | null) {
  return db.selectNoFrom((eb) => [
    eb.val(shop).as("shop"),
    eb.val(webhookId).as("webhookId"),
    eb.val(topic).as("topic"),
    eb.val(payload).as("payload"),
    instantValue(receivedAt).as("receivedAt"),
    sql<number>`CAST(${attempts} AS INTEGER)`.as("attempts"),
    instantValue(nextAttemptAt).as("nextAttemptAt"),
  ]);
}

type DeliveryValues = Parameters<typeof deliveryRow> extends [SqlDb, ...infer Rest] ? Rest : never;

const insertDeliveryInto = (db: SqlDb, select: ReturnType<typeof deliveryRow>) =>
  db
    .insertInto("WebhookDelivery")
    .columns(["shop", "webhookId", "topic", "payload", "receivedAt", "attempts", "nextAttemptAt"])
    .expression(select)
    .onConflict((conflict) => conflict.columns(["shop", "webhookId"]).doNothing());

// SQLite needs a WHERE before ON CONFLICT in an INSERT … SELECT (else ON is read as a join's); `1 = 1` is that.
const insertDelivery = preparedQuery((db, ...values: DeliveryValues) =>
  insertDeliveryInto(db, deliveryRow(db, ...values).where(sql<boolean>`1 = 1`)),
);

/** Stores the delivery only if its shop is a tenant (has a Shop row). */
const insertDeliveryOfKnownShop = preparedQuery((db, ...values: DeliveryValues) =>
  insertDeliveryInto(db, deliveryRow(db, ...values).where((eb) => eb.exists(eb.selectFrom("Shop").select("domain").where("domain", "=", values[0])))),
);

const markApplied = preparedQuery((db, processedAt: Instant, shop: string, webhookId: string) =>
  db
    .updateTable("WebhookDelivery")
    .set({ processedAt, payload: null, nextAttemptAt: null, lastError: null, errorCode: null })
    .where("shop", "=", shop)
    .where("webhookId", "=", webhookId),
);

/** Time kept in hand before a lease runs out: less than this left, the holder renews it before applying. */
const LEASE_MARGIN_MS = 10_000;

/**
 * Takes the lease on an unapplied delivery; returns what applying it needs, or undefined if it is applied, leased
 * by someone else, or given up on. The stored payload is read only when the caller does not hold it already.
 */
async function claim(client: SqlDb, key: { shop: string; webhookId: string }, withPayload: boolean, now: Date) {
  const due = instant(now);
  return client
    .updateTable("WebhookDelivery")
    .set((eb) => ({ nextAttemptAt: instant(new Date(now.getTime() + CLAIM_LEASE_MS)), attempts: eb("attempts", "+", 1) }))
    .where("shop", "=", key.shop)
    .where("webhookId", "=", key.webhookId)
    .where("processedAt", "is", null)
    .where("attempts", "<", MAX_ATTEMPTS)
    .where((eb) => eb.or([eb("nextAttemptAt", "is", null), eb("nextAttemptAt", "<=", due)]))
    .returning(withPayload ? ["topic", "attempts", "payload"] : ["topic", "attempts"])
    .executeTakeFirst() as Promise<{ topic: string; attempts: number; payload?: string | null } | undefined>;
}

/**
 * Claims and applies one delivery. `payload` is passed by the process that just accepted it (saving a read);
 * the sweep reads it from the row. Returns whether this call applied it.
 */
export async function applyDelivery(
  client: SqlDb,
  key: { shop: string; webhookId: string },
  payload?: unknown,
  now = new Date(),
  leased?: { topic: WebhookTopic; leasedUntil: Date; parsed?: unknown },
): Promise<boolean> {
  // The process that stored the delivery holds its first lease; close to its end it renews it like any claim (from
  // the lease's end, so only a sweep that already took the delivery over can stop it).
  const ownLease = leased !== undefined && now.getTime() < leased.leasedUntil.getTime() - LEASE_MARGIN_MS;
  const row = ownLease
    ? { topic: leased!.topic as string, attempts: 1, payload: undefined }
    : await claim(client, key, payload === undefined, leased && now < leased.leasedUntil ? leased.leasedUntil : now);
  if (!row) return false; // applied, leased elsewhere, given up on — or erased by shop/redact meanwhile
  try {
    if (!isWebhookTopic(row.topic)) throw new UnknownTopicError(row.topic);
    const handler = webhookTopics[row.topic];
    const body = payload === undefined ? parseWebhookJson(row.payload ?? "null") : payload;
    const parsed = ownLease && leased!.parsed !== undefined ? leased!.parsed : handler.parse(body, key.shop);
    await handler.apply(key.shop, parsed);
  } catch (error) {
    await client
      .updateTable("WebhookDelivery")
      .set({
        lastError: String(error instanceof Error ? error.stack ?? error.message : error).slice(0, 2000),
        errorCode: deliveryErrorCode(error),
        nextAttemptAt: instant(new Date(now.getTime() + retryDelayMs(row.attempts))),
      })
      .where("shop", "=", key.shop)
      .where("webhookId", "=", key.webhookId)
      .execute();
    throw error;
  }
  // No row to update if shop/redact deleted the shop's rows, this one included, meanwhile.
  await markApplied(client, instant(new Date()), key.shop, key.webhookId);
  return true;
}

// Deliveries are applied as they come, one at a time while requests keep arriving and several at once when none
// has arrived for a moment. The answer is what Shopify times, so request work keeps precedence where the two
// compete: on SQLite the writer lock serves a waiting request before background work (app/db/sqlite-writer.ts).
// Applying is cheap enough now (a few ms of CPU, and on SQLite a transaction that never yields the event loop
// half-way) that it no longer waits for gaps in the traffic: under a steady 100/s an earlier version, which did,
// let the whole minute pile up in the inbox (bench:webhooks --open-loop).
const IDLE_CONCURRENCY = Number(process.env.WEBHOOK_CONCURRENCY ?? 4);
const QUIET_MS = 100;
let lastArrivalAt = 0;
let requestsInHandler = 0;

// Under traffic: on SQLite one at a time is all the one writer can use; on PostgreSQL an apply spends most of its
// time waiting for round trips to the server, so several at once keep up with arrivals for the same CPU.
const BUSY_CONCURRENCY = activeDatabase === "postgresql" ? IDLE_CONCURRENCY : 1;

function concurrencyNow(): number {
  if (requestsInHandler === 0 && Date.now() - lastArrivalAt > QUIET_MS) return IDLE_CONCURRENCY;
  return BUSY_CONCURRENCY;
}

declare global {
  var __loyaltyWebhookQueue: WorkQueue | undefined;
}

const queue: WorkQueue = (globalThis.__loyaltyWebhookQueue ??= new WorkQueue(concurrencyNow));

/** Runs one webhook request's handling, counted as traffic (see QUIET_MS) from its arrival to its answer. */
export async function asWebhookTraffic<T>(handle: () => Promise<T>): Promise<T> {
  lastArrivalAt = Date.now();
  requestsInHandler += 1;
  try {
    return await handle();
  } finally {
    requestsInHandler -= 1;
    lastArrivalAt = Date.now();
  }
}

/** Applies a delivery this process accepted (leased to itself) after the response. */
export function applyInBackground(delivery: LeasedDelivery): void {
  queue.add(async () => {
    try {
      await runAsBackgroundWork(() =>
        applyDelivery(sqlDb, { shop: delivery.shop, webhookId: delivery.webhookId }, delivery.payload, new Date(), delivery),
      );
    } catch (error) {
      const context = { shop: delivery.shop, webhookId: delivery.webhookId, topic: delivery.topic, error };
      log.error("webhook delivery failed; the inbox sweep will retry it", context);
    }
  });
}

/** Resolves when every delivery handed to `applyInBackground` so far has been applied or has failed. */
export function backgroundWebhooksIdle(): Promise<void> {
  return queue.idle();
}

/** Applies every delivery that is due and unapplied (crashed, failed, or never started), in batches. */
export async function sweepWebhookInbox(client: SqlDb, now = new Date(), batchSize = 200, onlyShop?: string) {
  const result = { applied: 0, failed: 0 };
  const seen = new Set<string>();
  const due = instant(now);
  for (;;) {
    const rows = await client
      .selectFrom("WebhookDelivery")
      .select(["shop", "webhookId"])
      .where("processedAt", "is", null)
      .where("attempts", "<", MAX_ATTEMPTS)
      .where("receivedAt", "<=", instant(new Date(now.getTime() - SWEEP_GRACE_MS)))
      .where((eb) => eb.or([eb("nextAttemptAt", "is", null), eb("nextAttemptAt", "<=", due)]))
      // One shop's backlog only (its counts are then that shop's alone); every shop's by default.
      .$if(onlyShop !== undefined, (query) => query.where("shop", "=", onlyShop!))
      .orderBy("receivedAt", "asc")
      .limit(batchSize)
      .execute();
    const fresh = rows.filter((row) => !seen.has(`${row.shop}\n${row.webhookId}`));
    if (fresh.length === 0) return result;
    for (const row of fresh) {
      seen.add(`${row.shop}\n${row.webhookId}`);
      try {
        if (await runAsBackgroundWork(() => applyDelivery(client, row, undefined, now))) result.applied += 1;
      } catch (error) {
        result.failed += 1;
        log.error("webhook delivery failed again; will retry", { shop: row.shop, webhookId: row.webhookId, job: "webhook-inbox-sweep", error });
      }
    }
  }
}

// Deliveries that need attention: MAX_ATTEMPTS failed applies, after which the sweep leaves them alone (Shopify has
// long since stopped retrying, so nothing else will bring them back). The admin lists them with why they failed
// (app/routes/app.attention.tsx), and staff can send one back to the inbox once the cause is dealt with.

export type DeliveryNeedingAttention = {
  webhookId: string;
  topic: string;
  receivedAt: Date;
  attempts: number;
  errorCode: DeliveryErrorCode;
  /** The error's first line, for whoever looks deeper (stack traces stay in the row). */
  errorDetail: string | null;
};

/** The shop's given-up deliveries, oldest first. */
export async function deliveriesNeedingAttention(client: SqlDb, shop: string, limit = 100): Promise<DeliveryNeedingAttention[]> {
  const rows = await client
    .selectFrom("WebhookDelivery")
    .select(["webhookId", "topic", "receivedAt", "attempts", "errorCode", "lastError"])
    .where("shop", "=", shop)
    .where("attempts", ">=", MAX_ATTEMPTS)
    .where("processedAt", "is", null)
    .orderBy("receivedAt", "asc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    webhookId: row.webhookId,
    topic: row.topic,
    receivedAt: readInstant(row.receivedAt),
    attempts: row.attempts,
    errorCode: isDeliveryErrorCode(row.errorCode) ? row.errorCode : "unexpected",
    errorDetail: row.lastError?.split("\n")[0]?.slice(0, 300) ?? null,
  }));
}

/** How many of the shop's deliveries need attention (the Home page and the nav can say so). */
export async function countDeliveriesNeedingAttention(client: SqlDb, shop: string): Promise<number> {
  const row = await client
    .selectFrom("WebhookDelivery")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("shop", "=", shop)
    .where("attempts", ">=", MAX_ATTEMPTS)
    .where("processedAt", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Sends a given-up delivery back to the inbox with a fresh set of attempts, recording which staff member did it and
 * what it had failed with (WebhookRetry), then applies it in the background. Returns false (nothing written) unless
 * the shop has that delivery and it has given up.
 */
export async function retryDeliveryNeedingAttention(client: SqlDb, shop: string, webhookId: string, staffUserId: string, now = new Date()) {
  const retried = await client.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("WebhookDelivery")
      .set({ attempts: 0, nextAttemptAt: instant(now) })
      .where("shop", "=", shop)
      .where("webhookId", "=", webhookId)
      .where("attempts", ">=", MAX_ATTEMPTS)
      .where("processedAt", "is", null)
      .returning(["errorCode"])
      .executeTakeFirst();
    if (!row) return false;
    await trx.insertInto("WebhookRetry").values({ shop, webhookId, staffUserId, errorCode: row.errorCode, createdAt: instant(now) }).execute();
    return true;
  });
  if (retried) {
    queue.add(async () => {
      await runAsBackgroundWork(() => applyDelivery(sqlDb, { shop, webhookId }, undefined, new Date()));
    });
  }
  return retried;
}
