// Birthdays shoppers give in the storefront panel (day and month, stored on the member). When a birthday is set or
// changed shortly before it falls, it earns from the next year (app/rules/earning-actions.ts birthdayFirstYear),
// so entering tomorrow's date earns nothing.
import type { SqlDb } from "../db.server";
import { instant } from "../db/dialect";
import { birthdayFirstYear } from "../rules/earning-actions";
import { ensureMember } from "./ledger";
import { getAction } from "./earning-actions";
import { shopTimeZone } from "./shops";

export type Birthday = { month: number; day: number; firstYear: number };

export async function getBirthday(db: SqlDb, shop: string, customerId: string): Promise<Birthday | null> {
  const row = await db
    .selectFrom("Member")
    .select(["birthdayMonth", "birthdayDay", "birthdayFirstYear"])
    .where("shop", "=", shop)
    .where("customerId", "=", customerId)
    .executeTakeFirst();
  if (!row || row.birthdayMonth === null || row.birthdayDay === null || row.birthdayFirstYear === null) return null;
  return { month: row.birthdayMonth, day: row.birthdayDay, firstYear: row.birthdayFirstYear };
}

/** Stores the shopper's birthday (the caller has checked it is a real day and month). Saving the same one again keeps its first year. */
export async function setBirthday(db: SqlDb, shop: string, customerId: string, month: number, day: number, now = new Date()): Promise<Birthday> {
  const [action, zone, current] = await Promise.all([getAction(db, shop, "birthday"), shopTimeZone(db, shop), getBirthday(db, shop, customerId)]);
  if (current && current.month === month && current.day === day) return current;
  const firstYear = birthdayFirstYear(month, day, now, zone, action?.leadDays ?? 30);
  await db.transaction().execute(async (trx) => {
    await ensureMember(trx, shop, customerId, {}, now);
    await trx
      .updateTable("Member")
      .set({ birthdayMonth: month, birthdayDay: day, birthdayFirstYear: firstYear, updatedAt: instant(now) })
      .where("shop", "=", shop)
      .where("customerId", "=", customerId)
      .execute();
  });
  return { month, day, firstYear };
}
