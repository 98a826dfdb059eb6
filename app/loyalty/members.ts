// Members from the customer lifecycle: sign-up bonus on customers/create, profile kept current on update.
import type { Db } from "../db.server";
import { appendEntries, ensureMember } from "./ledger";
import type { CustomerProfile } from "./order-events";
import { getProgramSettings } from "./program-settings";

export type CustomerEvent = CustomerProfile;

/** customers/create: the member exists from now on and gets the sign-up bonus, once ever. */
export async function applyCustomerCreated(db: Db, shop: string, customer: CustomerEvent) {
  const { customerId, ...profile } = customer;
  const { signupBonus } = await getProgramSettings(db, shop);
  // One transaction: ensureMember takes the member's lock, which then also covers the bonus entry.
  return db.$transaction(async (tx) => {
    const member = await ensureMember(tx, shop, customerId, profile);
    await appendEntries(tx, shop, member.id, [
      {
        kind: "action_bonus",
        availableDelta: signupBonus,
        pendingDelta: 0,
        reason: "Sign-up bonus",
        sourceType: "action",
        sourceId: `signup:${customerId}`,
        idempotencyKey: `customer:${customerId}:signup`,
      },
    ]);
    return member;
  });
}

/** customers/update: keep name and email current (never for a member whose data was erased). */
export async function applyCustomerUpdated(db: Db, shop: string, customer: CustomerEvent) {
  const { customerId, ...profile } = customer;
  await ensureMember(db, shop, customerId, profile);
  await db.member.updateMany({ where: { shop, customerId, redactedAt: null }, data: profile });
}
