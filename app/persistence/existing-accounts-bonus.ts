// The merchant's one-off grant of the sign-up bonus to customers whose account is older than the program (off unless
// the merchant asks: the Ways to earn page previews it and asks to confirm). Each grant is the very entry the
// sign-up path writes (members.ts signupBonusEntry, key `customer:<id>:signup`), so a customer gets the bonus once
// ever, whichever path came first, and granting twice grants nothing more. The analytics hold-out earns nothing.
import type { SqlDb } from "../db.server";
import { readInstant } from "../db/dialect";
import { assignsToHoldOut } from "../rules/hold-out";
import { appendEntries, ensureMember } from "./ledger";
import { signupBonusEntry } from "./members";
import { joinsHoldOutNow } from "./analytics-settings";
import { getProgramSettings } from "./program-settings";

export type ExistingAccountsPlan = {
  /** Customers who would get the bonus now. */
  customerIds: string[];
  points: number;
  perCustomer: number;
  /** Left out: already got it, or in the analytics hold-out (or erased). */
  skipped: number;
};

const CHUNK = 500;

/** Who of `accountIds` (customers with a pre-program account, from Shopify) would get the bonus, and how many points. */
export async function planExistingAccountsBonus(db: SqlDb, shop: string, accountIds: readonly string[], now = new Date()): Promise<ExistingAccountsPlan> {
  const { signupBonus } = await getProgramSettings(db, shop);
  const unique = [...new Set(accountIds)];
  // No bonus set: nobody is "left out", there is simply nothing to give.
  if (signupBonus <= 0 || unique.length === 0) return { customerIds: [], points: 0, perCustomer: signupBonus, skipped: 0 };
  const holdOut = await db.selectFrom("AnalyticsSettings").select(["holdOutPercent", "holdOutSince"]).where("shop", "=", shop).executeTakeFirst();
  const holdOutSettings = holdOut && holdOut.holdOutPercent > 0 ? { holdOutPercent: holdOut.holdOutPercent, holdOutSince: readInstant(holdOut.holdOutSince) } : null;
  const left = new Set<string>();
  for (let at = 0; at < unique.length; at += CHUNK) {
    const ids = unique.slice(at, at + CHUNK);
    const members = await db.selectFrom("Member").select(["customerId", "holdOut", "redactedAt"]).where("shop", "=", shop).where("customerId", "in", ids).execute();
    for (const member of members) if (Number(member.holdOut) || member.redactedAt !== null) left.add(member.customerId);
    const known = new Set(members.map((member) => member.customerId));
    // A customer the app has not met yet becomes a member now, and may join the hold-out as any new one does.
    for (const id of ids) if (!known.has(id) && holdOutSettings && assignsToHoldOut(shop, id, holdOutSettings, now)) left.add(id);
    const granted = await db
      .selectFrom("LedgerEntry")
      .select("idempotencyKey")
      .where("shop", "=", shop)
      .where("idempotencyKey", "in", ids.map((id) => `customer:${id}:signup`))
      .execute();
    for (const row of granted) left.add(row.idempotencyKey.slice("customer:".length, -":signup".length));
  }
  const customerIds = unique.filter((id) => !left.has(id));
  return { customerIds, points: customerIds.length * signupBonus, perCustomer: signupBonus, skipped: unique.length - customerIds.length };
}

/**
 * Grants what the plan says, one member per transaction (each holds only its member's rows). Returns how many got it
 * now: a customer granted meanwhile (by a webhook or a second click) is skipped by the entry's key.
 */
export async function grantExistingAccountsBonus(db: SqlDb, shop: string, accountIds: readonly string[], now = new Date()): Promise<{ granted: number; points: number }> {
  const plan = await planExistingAccountsBonus(db, shop, accountIds, now);
  let granted = 0;
  for (const customerId of plan.customerIds) {
    const written = await db.transaction().execute(async (trx) => {
      const member = await ensureMember(trx, shop, customerId, {}, now, await joinsHoldOutNow(trx, shop, customerId, now));
      if (Number(member.holdOut ?? 0)) return 0;
      return (await appendEntries(trx, shop, member.id, [signupBonusEntry(customerId, plan.perCustomer)], now)).length;
    });
    granted += written;
  }
  return { granted, points: granted * plan.perCustomer };
}
