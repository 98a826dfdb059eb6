// The daily ways to earn: birthdays and anniversaries of joining, credited on the day in each shop's time zone.
//
// Runs often (hourly) on every instance; each shop is looked at once per local day (EarningAction.sweptOn), and every
// credit is the yearly one of app/persistence/action-credits.ts, so a second instance or a re-run credits nothing
// twice. Members are found by index: birthdays by (shop, month, day), anniversaries by (shop, createdAt) ranges of
// the same local day in earlier years.
import type { SqlDb } from "../db.server";
import { instant } from "../db/dialect";
import { creditAction } from "../persistence/action-credits";
import { anniversaryJoinDates, birthdayDue } from "../rules/earning-actions";
import { dayNumber, formatDate, fromDayNumber, isLeapYear, localDate, localDayStart, type CivilDate } from "../rules/local-calendar";
import { shopTimeZone } from "../persistence/shops";

type Swept = { shop: string; key: string; credited: number };

async function markSwept(db: SqlDb, shop: string, key: string, today: string) {
  await db.updateTable("EarningAction").set({ sweptOn: today }).where("shop", "=", shop).where("key", "=", key).execute();
}

async function creditBirthdays(db: SqlDb, shop: string, today: CivilDate, now: Date): Promise<number> {
  // 29 February birthdays are celebrated on 28 February in common years.
  const days = today.month === 2 && today.day === 28 && !isLeapYear(today.year) ? [28, 29] : [today.day];
  const members = await db
    .selectFrom("Member")
    .select(["customerId", "birthdayMonth", "birthdayDay", "birthdayFirstYear"])
    .where("shop", "=", shop)
    .where("birthdayMonth", "=", today.month)
    .where("birthdayDay", "in", days)
    .where("redactedAt", "is", null)
    .execute();
  let credited = 0;
  for (const member of members) {
    const birthday = { month: member.birthdayMonth!, day: member.birthdayDay!, firstYear: member.birthdayFirstYear ?? today.year };
    if (!birthdayDue(birthday, today)) continue;
    const outcome = await creditAction(db, { shop, customerId: member.customerId, actionKey: "birthday", now });
    if (outcome.status === "credited" && !outcome.replayed) credited += 1;
  }
  return credited;
}

async function creditAnniversaries(db: SqlDb, shop: string, zone: string, today: CivilDate, now: Date): Promise<number> {
  const first = await db.selectFrom("Member").select("createdAt").where("shop", "=", shop).orderBy("createdAt").limit(1).executeTakeFirst();
  if (!first) return 0;
  const firstYear = localDate(new Date(first.createdAt), zone).year;
  let credited = 0;
  for (const joined of anniversaryJoinDates(today, firstYear)) {
    const from = localDayStart(joined, zone);
    const to = localDayStart(fromDayNumber(dayNumber(joined) + 1), zone);
    const members = await db
      .selectFrom("Member")
      .select("customerId")
      .where("shop", "=", shop)
      .where("createdAt", ">=", instant(from))
      .where("createdAt", "<", instant(to))
      .where("redactedAt", "is", null)
      .execute();
    for (const member of members) {
      const outcome = await creditAction(db, { shop, customerId: member.customerId, actionKey: "anniversary", now });
      if (outcome.status === "credited" && !outcome.replayed) credited += 1;
    }
  }
  return credited;
}

/** Credits today's birthdays and anniversaries in every shop that has them on and has not been swept today. */
export async function runScheduledActionsJob(db: SqlDb, now = new Date()): Promise<Swept[]> {
  const due = await db
    .selectFrom("EarningAction")
    .select(["shop", "key", "sweptOn"])
    .where("key", "in", ["birthday", "anniversary"])
    .where("enabled", "=", true)
    .where("points", ">", 0)
    .execute();
  const swept: Swept[] = [];
  for (const action of due) {
    const zone = await shopTimeZone(db, action.shop);
    const today = localDate(now, zone);
    const todayText = formatDate(today);
    if (action.sweptOn === todayText) continue;
    const credited =
      action.key === "birthday"
        ? await creditBirthdays(db, action.shop, today, now)
        : await creditAnniversaries(db, action.shop, zone, today, now);
    await markSwept(db, action.shop, action.key, todayText);
    swept.push({ shop: action.shop, key: action.key, credited });
  }
  return swept;
}
