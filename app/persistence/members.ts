// Members from the customer lifecycle: sign-up bonus on customers/create, profile kept current on update.
// On the webhook hot path: plain SQL (app/db/sql.server.ts).
import type { SqlDb } from "../db.server";
import { instant, readInstant } from "../db/dialect";
import { signupBonusDue, type AccountState } from "../rules/membership";
import { appendEntries, ensureMember, newMemberProfile, type MemberBalances, type NewLedgerEntry } from "./ledger";
import type { CustomerProfile } from "../rules/order-events";
import { getProgramSettings } from "./program-settings";
import { joinsHoldOutNow } from "./analytics-settings";

export type CustomerEvent = CustomerProfile;

/**
 * customers/create: the member exists from now on. Shopify sends it for every new customer record, with an account or
 * from a checkout without a password: both are members; only one with an account gets the sign-up bonus, once ever
 * (app/rules/membership.ts states the rule). `account` absent: the bonus is not due.
 */
export async function applyCustomerCreated(db: SqlDb, shop: string, customer: CustomerEvent, now = new Date(), account?: CustomerAccount): Promise<MemberBalances> {
  const { customerId, ...profile } = customer;
  return db.transaction().execute(async (trx) => {
    // A new customer may join the analytics hold-out group instead of the program: no sign-up bonus then.
    const member = await ensureMember(trx, shop, customerId, profile, now, await joinsHoldOutNow(trx, shop, customerId, now));
    if (Number(member.holdOut ?? 0)) return member;
    if (account?.state === "enabled") await creditSignup(trx, shop, customerId, member.id, account, now);
    return member;
  });
}

type CustomerAccount = { state: AccountState | null; createdAt: Date | null };

/**
 * customers/update with an account ("enabled"): the sign-up bonus if the rule says so and it was not given yet (the
 * idempotency key makes every later update a no-op). Reads the settings and install time only for enabled accounts.
 */
export async function applyAccountEnabled(db: SqlDb, shop: string, customerId: string, account: CustomerAccount, now = new Date()) {
  if (account.state !== "enabled") return;
  await db.transaction().execute(async (trx) => {
    const member = await trx.selectFrom("Member").select(["id", "holdOut"]).where("shop", "=", shop).where("customerId", "=", customerId).executeTakeFirst();
    // The analytics hold-out group earns nothing, the sign-up bonus included.
    if (member && !Number(member.holdOut)) await creditSignup(trx, shop, customerId, member.id, account, now);
  });
}

async function creditSignup(trx: SqlDb, shop: string, customerId: string, memberId: number, account: CustomerAccount, now: Date) {
  const { signupBonus } = await getProgramSettings(trx, shop);
  if (signupBonus <= 0) return;
  const installed = await trx.selectFrom("Shop").select("installedAt").where("domain", "=", shop).executeTakeFirst();
  if (!installed || !signupBonusDue(account, readInstant(installed.installedAt))) return;
  await appendEntries(trx, shop, memberId, [signupBonusEntry(customerId, signupBonus)], now);
}

/**
 * The sign-up bonus's ledger entry: its key (`customer:<id>:signup`) makes it once per customer ever, whichever path
 * gives it (customers/create, an account enabled later, or the merchant's grant to accounts older than the program).
 */
export function signupBonusEntry(customerId: string, points: number): NewLedgerEntry {
  return {
    kind: "action_bonus",
    availableDelta: points,
    pendingDelta: 0,
    reason: "Sign-up bonus",
    sourceType: "action",
    sourceId: `signup:${customerId}`,
    idempotencyKey: `customer:${customerId}:signup`,
  };
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
