// Members from the customer lifecycle: sign-up bonus on customers/create, profile kept current on update.
import type { Db } from "../db.server";
import { lockNamed } from "../db/locks";
import { appendEntries, ensureMember } from "./ledger";
import { memberLockName } from "./lock-names";
import type { CustomerProfile } from "./order-events";
import { getProgramSettings } from "./program-settings";

export type CustomerEvent = CustomerProfile;

/** customers/create: the member exists from now on and gets the sign-up bonus, once ever. */
export async function applyCustomerCreated(db: Db, shop: string, customer: CustomerEvent) {
  const { customerId, ...profile } = customer;
  const member = await ensureMember(db, shop, customerId, profile);
  const { signupBonus } = await getProgramSettings(db, shop);
  await db.$transaction(async (tx) => {
    await lockNamed(tx, memberLockName(shop, customerId));
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
  });
  return member;
}

/** customers/update: keep name and email current (never for a member whose data was erased). */
export async function applyCustomerUpdated(db: Db, shop: string, customer: CustomerEvent) {
  const { customerId, ...profile } = customer;
  await ensureMember(db, shop, customerId, profile);
  await db.member.updateMany({ where: { shop, customerId, redactedAt: null }, data: profile });
}
