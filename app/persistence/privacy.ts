// The mandatory privacy requests: export a customer's data, erase it, erase a whole shop.
import type { Db } from "../db.server";
import { numberFromBigInt } from "../db/big-int";

/** customers/data_request: everything we hold about the customer, recorded for the merchant to hand over. */
export async function recordDataRequest(db: Db, shop: string, customerId: string, requestedAt = new Date()) {
  const member = await db.member.findUnique({
    where: { shop_customerId: { shop, customerId } },
    include: { entries: { orderBy: { id: "asc" } } },
  });
  const orders = await db.orderRecord.findMany({ where: { shop, customerId }, orderBy: { paidAt: "asc" } });
  const exported = {
    shop,
    customerId,
    generatedAt: requestedAt.toISOString(),
    member: member && {
      email: member.email,
      firstName: member.firstName,
      lastName: member.lastName,
      availablePoints: numberFromBigInt(member.availablePoints),
      pendingPoints: numberFromBigInt(member.pendingPoints),
      joinedAt: member.createdAt.toISOString(),
    },
    ledger: (member?.entries ?? []).map((e) => ({
      at: e.createdAt.toISOString(),
      kind: e.kind,
      availableDelta: numberFromBigInt(e.availableDelta),
      pendingDelta: numberFromBigInt(e.pendingDelta),
      reason: e.reason,
      source: `${e.sourceType}:${e.sourceId}`,
    })),
    orders: orders.map((o) => ({ orderId: o.orderId, points: numberFromBigInt(o.totalPoints), paidAt: o.paidAt.toISOString() })),
  };
  return db.dataRequest.create({
    data: { shop, customerId, requestedAt, export: JSON.stringify(exported) },
  });
}

/** Who customers/redact erases: the customer, and the orders Shopify names (`orders_to_redact`). */
export type CustomerErasure = { customerId: string; orderIds: readonly string[] };

/**
 * Rewrites a stored webhook body of `topic` without the personal data of the customer being erased, or returns null
 * when the body is not about them. Reading Shopify's bodies is Shopify knowledge: app/shopify/delivery-redaction.ts.
 */
export type DeliveryEraser = (
  topic: string,
  payload: string,
  who: { customerId: string; orderIds: ReadonlySet<string> },
) => string | null;

/** Unapplied deliveries are read in batches this size (a body can be up to a few MB). */
const DELIVERY_BATCH = 20;

/**
 * customers/redact: erase personal data; the ledger keeps its anonymous amounts so balances stay exact.
 *
 * Besides the member and their data requests, personal data waits in two other places:
 * - webhook deliveries not applied yet (failed, or waiting for their retry) keep Shopify's whole body; those about
 *   the customer keep only what applying them needs (`eraseFromDelivery`), so they still apply, anonymously;
 * - held refunds and cancellations of the customer's orders (HeldOrderEvent) are deleted: Shopify sends
 *   customers/redact 10 days to 6 months after the request, long after it stopped retrying the orders/paid they wait
 *   for, and an applied one is never read again.
 */
export async function redactCustomer(
  db: Db,
  shop: string,
  erasure: CustomerErasure,
  eraseFromDelivery: DeliveryEraser,
  at = new Date(),
) {
  const { customerId } = erasure;
  await db.$transaction(async (tx) => {
    await tx.member.updateMany({
      where: { shop, customerId },
      // The birthday is personal data too; its yearly credits stay in the ledger as anonymous amounts.
      data: { email: null, firstName: null, lastName: null, birthdayMonth: null, birthdayDay: null, birthdayFirstYear: null, locale: null, redactedAt: at },
    });
    // Remembered (the id only), also when there is no member yet: one made later is made without personal data.
    await tx.redactedCustomer.upsert({
      where: { shop_customerId: { shop, customerId } },
      create: { shop, customerId, redactedAt: at },
      update: {},
    });
    await tx.dataRequest.deleteMany({ where: { shop, customerId } });
    // The POS audit names the customer; the redemptions it points at keep what the ledger needs.
    await tx.posActivity.deleteMany({ where: { shop, customerId } });
    // Referrals: the customer's email keys (as friend or claimant) and their orders' fingerprints (as advocate) go;
    // the referral rows stay as anonymous history, still one per friend (the friend key names the customer id).
    await tx.referral.updateMany({ where: { shop, friendCustomerId: customerId }, data: { friendEmailKey: null } });
    await tx.referralClaim.updateMany({ where: { shop, customerId }, data: { emailKey: null } });
    const advocate = await tx.member.findUnique({ where: { shop_customerId: { shop, customerId } }, select: { id: true } });
    if (advocate) await tx.referralFingerprint.deleteMany({ where: { shop, memberId: advocate.id } });

    const recorded = await tx.orderRecord.findMany({ where: { shop, customerId }, select: { orderId: true } });
    const orderIds = new Set([...erasure.orderIds, ...recorded.map((order) => order.orderId)]);
    await tx.heldOrderEvent.deleteMany({ where: { shop, orderId: { in: [...orderIds] } } });

    // A body about the customer names their id or one of their orders' ids: only those are read and rewritten.
    const mentions = [customerId, ...orderIds].map((id) => ({ payload: { contains: id } }));
    let after: string | undefined;
    for (;;) {
      const batch = await tx.webhookDelivery.findMany({
        where: { shop, processedAt: null, OR: mentions, ...(after === undefined ? {} : { webhookId: { gt: after } }) },
        select: { webhookId: true, topic: true, payload: true },
        orderBy: { webhookId: "asc" },
        take: DELIVERY_BATCH,
      });
      for (const delivery of batch) {
        const erased = delivery.payload === null ? null : eraseFromDelivery(delivery.topic, delivery.payload, { customerId, orderIds });
        if (erased !== null) {
          await tx.webhookDelivery.update({
            where: { shop_webhookId: { shop, webhookId: delivery.webhookId } },
            data: { payload: erased },
          });
        }
      }
      if (batch.length < DELIVERY_BATCH) break;
      after = batch.at(-1)!.webhookId;
    }
  });
}

/** shop/redact (48 hours after uninstall): delete everything the app holds for the shop. */
export async function redactShop(db: Db, shop: string) {
  await db.$transaction(async (tx) => {
    await tx.ledgerEntry.deleteMany({ where: { shop } });
    await tx.ledgerDay.deleteMany({ where: { shop } });
    // Staff adjustments' audit rows go with their members (cascade; the audit table refuses any other delete).
    await tx.member.deleteMany({ where: { shop } });
    await tx.redemption.deleteMany({ where: { shop } });
    await tx.reward.deleteMany({ where: { shop } });
    // Import jobs hold the uploaded files (customers' emails); their row errors go with them (cascade).
    await tx.importJob.deleteMany({ where: { shop } });
    await tx.storefrontSettings.deleteMany({ where: { shop } });
    await tx.orderRecord.deleteMany({ where: { shop } });
    await tx.orderDay.deleteMany({ where: { shop } });
    await tx.heldOrderEvent.deleteMany({ where: { shop } });
    await tx.dataRequest.deleteMany({ where: { shop } });
    await tx.programSettings.deleteMany({ where: { shop } });
    await tx.memberTier.deleteMany({ where: { shop } });
    await tx.tierActivity.deleteMany({ where: { shop } });
    await tx.tierChange.deleteMany({ where: { shop } });
    await tx.tierJob.deleteMany({ where: { shop } });
    await tx.tier.deleteMany({ where: { shop } });
    await tx.tierProgram.deleteMany({ where: { shop } });
    await tx.earningAction.deleteMany({ where: { shop } });
    await tx.posSettings.deleteMany({ where: { shop } });
    await tx.posActivity.deleteMany({ where: { shop } });
    await tx.actionRequest.deleteMany({ where: { shop } });
    await tx.apiKey.deleteMany({ where: { shop } });
    await tx.apiAllowedOrigin.deleteMany({ where: { shop } });
    await tx.referral.deleteMany({ where: { shop } });
    await tx.referralClaim.deleteMany({ where: { shop } });
    await tx.referralCode.deleteMany({ where: { shop } });
    await tx.referralFingerprint.deleteMany({ where: { shop } });
    await tx.referralSettings.deleteMany({ where: { shop } });
    await tx.webhookDelivery.deleteMany({ where: { shop } });
    await tx.webhookRetry.deleteMany({ where: { shop } });
    await tx.redactedCustomer.deleteMany({ where: { shop } });
    await tx.session.deleteMany({ where: { shop } });
    await tx.shop.deleteMany({ where: { domain: shop } });
  });
}

export type DataRequestListing = { id: number; customerId: string; requestedAt: Date; bytes: number };

/** The shop's data requests, newest first (the admin's list; the exports themselves are read one at a time). */
export async function listDataRequests(db: Db, shop: string, limit = 100): Promise<DataRequestListing[]> {
  const rows = await db.dataRequest.findMany({
    where: { shop },
    orderBy: { id: "desc" },
    take: limit,
    select: { id: true, customerId: true, requestedAt: true, export: true },
  });
  return rows.map((row) => ({ id: row.id, customerId: row.customerId, requestedAt: row.requestedAt, bytes: Buffer.byteLength(row.export) }));
}

/** One stored export of the shop, as recorded (JSON text); null if the shop has no such request. */
export async function getDataRequestExport(db: Db, shop: string, id: number) {
  return db.dataRequest.findFirst({ where: { shop, id }, select: { id: true, customerId: true, requestedAt: true, export: true } });
}
