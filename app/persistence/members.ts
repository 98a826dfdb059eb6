// Members from the customer lifecycle: sign-up bonus on customers/create, profile kept current on update.
// On the webhook hot path: plain SQL (app/db/sql.server.ts).
import type { SqlDb } from "../db.server";
import { instant } from "../db/dialect";
import { appendEntries, ensureMember, newMemberProfile, type MemberBalances } from "./ledger";
import type { CustomerProfile } from "../rules/order-events";
import { getProgramSettings } from "./program-settings";
import { joinsHoldOutNow } from "./analytics-settings";

export type CustomerEvent = CustomerProfile;

/**
 * customers/create: the member exists from now on and gets the sign-up bonus, once ever. Shopify sends it for every
 * new customer record, with an account or from a checkout without a password: both are members (app/rules/membership.ts).
 */
export async function applyCustomerCreated(db: SqlDb, shop: string, customer: CustomerEvent, now = new Date()): Promise<MemberBalances> {
  const { customerId, ...profile } = customer;
  return db.transaction().execute(async (trx) => {
    const { signupBonus } = await getProgramSettings(trx, shop);
    // A new customer may join the analytics hold-out group instead of the program: no sign-up bonus then.
    const member = await ensureMember(trx, shop, customerId, profile, now, await joinsHoldOutNow(trx, shop, customerId, now));
    if (Number(member.holdOut ?? 0)) return member;
    await appendEntries(
      trx,
      shop,
      member.id,
      [
        {
          kind: "action_bonus",
          availableDelta: signupBonus,
          pendingDelta: 0,
          reason: "Sign-up bonus",
          sourceType: "action",
          sourceId: `signup:${customerId}`,
          idempotencyKey: `customer:${customerId}:signup`,
        },
      ],
      now,
    );
    return member;
  });
}

/**
 * customers/update: keep name and email current — one statement that creates the member if it is new and never
 * touches a member whose data was erased (customers/redact).
 */
export async function applyCustomerUpdated(db: SqlDb, shop: string, customer: CustomerEvent, now = new Date()) {
  const { customerId, ...profile } = customer;
  const at = instant(now);
  const current = { email: profile.email ?? null, firstName: profile.firstName ?? null, lastName: profile.lastName ?? null };
  const holdOut = await joinsHoldOutNow(db, shop, customerId, now);
  await db
    .insertInto("Member")
    .values({ shop, customerId, ...newMemberProfile(shop, customerId, current, at), createdAt: at, updatedAt: at, holdOut })
    .onConflict((conflict) =>
      conflict
        .columns(["shop", "customerId"])
        .doUpdateSet({ ...current, updatedAt: at })
        .where("Member.redactedAt", "is", null),
    )
    .execute();
}
