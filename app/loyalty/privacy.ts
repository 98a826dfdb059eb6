// The mandatory privacy requests: export a customer's data, erase it, erase a whole shop.
import type { Db } from "../db.server";

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
      availablePoints: member.availablePoints,
      pendingPoints: member.pendingPoints,
      joinedAt: member.createdAt.toISOString(),
    },
    ledger: (member?.entries ?? []).map((e) => ({
      at: e.createdAt.toISOString(),
      kind: e.kind,
      availableDelta: e.availableDelta,
      pendingDelta: e.pendingDelta,
      reason: e.reason,
      source: `${e.sourceType}:${e.sourceId}`,
    })),
    orders: orders.map((o) => ({ orderId: o.orderId, points: o.totalPoints, paidAt: o.paidAt.toISOString() })),
  };
  return db.dataRequest.create({
    data: { shop, customerId, requestedAt, export: JSON.stringify(exported) },
  });
}

/** customers/redact: erase personal data; the ledger keeps its anonymous amounts so balances stay exact. */
export async function redactCustomer(db: Db, shop: string, customerId: string, at = new Date()) {
  await db.$transaction(async (tx) => {
    await tx.member.updateMany({
      where: { shop, customerId },
      data: { email: null, firstName: null, lastName: null, redactedAt: at },
    });
    await tx.dataRequest.deleteMany({ where: { shop, customerId } });
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
    await tx.heldOrderEvent.deleteMany({ where: { shop } });
    await tx.dataRequest.deleteMany({ where: { shop } });
    await tx.programSettings.deleteMany({ where: { shop } });
    await tx.webhookDelivery.deleteMany({ where: { shop } });
    await tx.session.deleteMany({ where: { shop } });
    await tx.shop.deleteMany({ where: { domain: shop } });
  });
}
