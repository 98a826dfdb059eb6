// A big shop for the admin benchmark: `members` members with `entriesPerMember` ledger entries each (spread over the
// last year, earned, released, redeemed, adjusted), an order record for every purchase and a redemption for every
// reward, written with multi-row INSERTs (the app's own write path would take hours for a million entries). Every
// member's cached balances are set to the sums of their entries, and the run checks that afterwards, so the
// benchmark reads a ledger that keeps the app's invariant.
import type { DatabaseProvider } from "../../app/db/database-url";
import type { Db } from "./databases";
import { seededRandom } from "./random";

export type SeedOptions = { shop: string; members: number; entriesPerMember: number; now: Date };
export type SeedResult = { members: number; entries: number; orders: number; redemptions: number; ms: number };

const FIRST = ["Ada", "Ion", "Maria", "Sam", "Lena", "Piotr", "Olga", "Mihai", "Anna", "Tomasz", "Elena", "Ivan", "Zofia", "Andrei", "Irina", "Jan"];
const LAST = ["Nowak", "Popescu", "Ivanova", "Taylor", "Kowalska", "Smith", "Petrov", "Ionescu", "Wiśniewska", "Lewandowski", "Sokolova", "Dumitru"];
const DAY_MS = 86_400_000;
const ROWS_PER_INSERT = 500;

/** Small, fast, seedable PRNG (mulberry32), so every run seeds the same shop. */

/** A timestamp literal in the form each database stores Prisma DateTimes in. */
function timestamp(provider: DatabaseProvider, date: Date): string {
  return provider === "postgresql" ? `'${date.toISOString()}'` : `'${date.toISOString().replace("Z", "+00:00")}'`;
}

function text(value: string | null): string {
  return value === null ? "NULL" : `'${value.replace(/'/g, "''")}'`;
}

class BulkInsert {
  private rows: string[] = [];
  inserted = 0;
  constructor(
    private readonly db: Db,
    private readonly table: string,
    private readonly columns: string[],
    /** Runs before each write (rows this table references must be written first). */
    private readonly before: () => Promise<void> = async () => {},
  ) {}
  async add(values: string[]) {
    this.rows.push(`(${values.join(",")})`);
    if (this.rows.length >= ROWS_PER_INSERT) await this.flush();
  }
  async flush() {
    if (this.rows.length === 0) return;
    await this.before();
    const sql = `INSERT INTO "${this.table}" (${this.columns.map((c) => `"${c}"`).join(",")}) VALUES ${this.rows.join(",")}`;
    this.inserted += this.rows.length;
    this.rows = [];
    await this.db.$executeRawUnsafe(sql);
  }
}

type Entry = { kind: string; available: number; pending: number; reason: string; sourceType: string; at: Date; orderId: string | null };

export async function seedAdminShop(db: Db, provider: DatabaseProvider, options: SeedOptions): Promise<SeedResult> {
  const started = Date.now();
  const rand = seededRandom(20261123);
  const { shop, now } = options;
  const ts = (date: Date) => timestamp(provider, date);
  // SQLite: one transaction for the whole seed is by far the fastest; PostgreSQL: plain statements are fine.
  if (provider === "sqlite") await db.$executeRawUnsafe("BEGIN");

  const members = new BulkInsert(db, "Member", ["id", "shop", "customerId", "email", "firstName", "lastName", "availablePoints", "pendingPoints", "createdAt", "updatedAt"]);
  const entries = new BulkInsert(
    db,
    "LedgerEntry",
    ["shop", "memberId", "kind", "availableDelta", "pendingDelta", "reason", "sourceType", "sourceId", "orderId", "idempotencyKey", "createdAt"],
    () => members.flush(),
  );
  const orders = new BulkInsert(db, "OrderRecord", ["shop", "orderId", "customerId", "memberId", "currency", "earning", "totalPoints", "netSalesMinor", "paidAt", "releaseAt", "releasedAt", "createdAt", "updatedAt"]);
  const redemptions = new BulkInsert(db, "Redemption", ["shop", "memberId", "rewardId", "status", "points", "reward", "valueMinor", "currency", "code", "orderId", "orderNetSalesMinor", "createdAt", "updatedAt", "finishedAt"]);

  let orderCounter = 0;
  let redemptionCounter = 0;
  for (let index = 0; index < options.members; index += 1) {
    const memberId = index + 1;
    const customerId = String(5_000_000_000 + index);
    const joined = new Date(now.getTime() - Math.floor(rand() * 730) * DAY_MS - Math.floor(rand() * DAY_MS));
    // The member's entries, oldest first, within the last year (or since they joined).
    const start = Math.max(joined.getTime(), now.getTime() - 365 * DAY_MS);
    const times = Array.from({ length: options.entriesPerMember }, () => start + rand() * (now.getTime() - start)).sort((a, b) => a - b);
    const list: Entry[] = [];
    let available = 0;
    let pending = 0;
    let lastOrder: string | null = null;
    let lastOrderSales = 0;
    for (let k = 0; k < times.length; k += 1) {
      const at = new Date(times[k]!);
      const roll = rand();
      let entry: Entry;
      if (k === 0) entry = { kind: "action_bonus", available: 100, pending: 0, reason: "Sign-up bonus", sourceType: "action", at, orderId: null };
      else if (pending > 0 && roll < 0.3) entry = { kind: "release", available: pending, pending: -pending, reason: "Return period over", sourceType: "system", at, orderId: lastOrder };
      else if (available >= 500 && roll < 0.45) entry = { kind: "redeem", available: -500, pending: 0, reason: "Redeemed: $5 off", sourceType: "redemption", at, orderId: null };
      else if (roll < 0.5) entry = { kind: "adjust", available: 25, pending: 0, reason: "Goodwill", sourceType: "staff", at, orderId: null };
      else {
        orderCounter += 1;
        lastOrder = String(7_000_000_000 + orderCounter);
        const sales = 1500 + Math.floor(rand() * 20_000);
        lastOrderSales = sales;
        entry = { kind: "earn_pending", available: 0, pending: Math.floor(sales / 100), reason: "Order paid", sourceType: "order_line", at, orderId: lastOrder };
        const released = at.getTime() + 14 * DAY_MS < now.getTime();
        await orders.add([text(shop), text(lastOrder), text(customerId), String(memberId), "'USD'", "'{}'", String(entry.pending), String(sales), ts(at), ts(new Date(at.getTime() + 14 * DAY_MS)), released ? ts(new Date(at.getTime() + 14 * DAY_MS)) : "NULL", ts(at), ts(at)]);
      }
      available += entry.available;
      pending += entry.pending;
      list.push(entry);
      if (entry.kind === "redeem") {
        redemptionCounter += 1;
        const used = lastOrder !== null && rand() < 0.7;
        await redemptions.add([
          text(shop), String(memberId), "1", used ? "'used'" : "'issued'", "500", "'{\"type\":\"fixed_amount\",\"title\":\"$5 off\"}'", "500", "'USD'",
          // A used code keeps its order's net sales, as markCodesUsed copies them.
          text(`BENCH${redemptionCounter}`), used ? text(lastOrder) : "NULL", used ? String(lastOrderSales) : "NULL", ts(at), ts(at), used ? ts(at) : "NULL",
        ]);
      }
    }
    await members.add([
      String(memberId), text(shop), text(customerId), text(`customer${index}@example.com`), text(FIRST[index % FIRST.length]!),
      text(LAST[Math.floor(index / FIRST.length) % LAST.length]!), String(available), String(pending), ts(joined), ts(joined),
    ]);
    for (const [k, entry] of list.entries()) {
      await entries.add([
        text(shop), String(memberId), text(entry.kind), String(entry.available), String(entry.pending), text(entry.reason), text(entry.sourceType),
        text(entry.orderId ?? "bench"), text(entry.orderId), text(`bench:${memberId}:${k}`), ts(entry.at),
      ]);
    }
  }
  await members.flush();
  await entries.flush();
  await orders.flush();
  await redemptions.flush();
  // Guest checkouts: orders with no customer, one for every ten members.
  for (let i = 0; i < Math.floor(options.members / 10); i += 1) {
    const at = new Date(now.getTime() - rand() * 365 * DAY_MS);
    await orders.add([text(shop), text(String(8_000_000_000 + i)), "NULL", "NULL", "'USD'", "'{}'", "0", String(1500 + Math.floor(rand() * 15_000)), ts(at), ts(at), "NULL", ts(at), ts(at)]);
  }
  await orders.flush();
  // Analytics: each customer's statistics as the order path keeps them (CustomerStats), derived from their orders.
  await db.$executeRawUnsafe(
    `INSERT INTO "CustomerStats" ("shop", "customerId", "holdOut", "orders", "revenueMinor", "firstOrderAt", "lastOrderAt", "updatedAt")
     SELECT "shop", "customerId", ${provider === "postgresql" ? "false" : "0"}, COUNT(*), SUM("netSalesMinor"), MIN("paidAt"), MAX("paidAt"), MAX("paidAt")
     FROM "OrderRecord" WHERE "shop" = ${text(shop)} AND "customerId" IS NOT NULL GROUP BY "shop", "customerId"`,
  );
  if (provider === "sqlite") await db.$executeRawUnsafe("COMMIT");
  if (provider === "postgresql") {
    // Explicit ids were written; move the sequence past them. Fresh statistics, as autovacuum would gather.
    await db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"Member"', 'id'), (SELECT MAX(id) FROM "Member"))`);
    await db.$executeRawUnsafe("VACUUM ANALYZE");
  } else {
    await db.$executeRawUnsafe("ANALYZE");
  }
  return { members: members.inserted, entries: entries.inserted, orders: orders.inserted, redemptions: redemptions.inserted, ms: Date.now() - started };
}

/** The invariant the app keeps, checked on the seeded data: cached balances equal ledger sums, for every member. */
export async function verifySeed(db: Db, shop: string): Promise<{ ok: boolean; mismatched: number }> {
  const rows = await db.$queryRawUnsafe<Array<{ mismatched: unknown }>>(
    `SELECT COUNT(*) AS mismatched FROM "Member" m
     LEFT JOIN (SELECT "memberId", SUM("availableDelta") AS a, SUM("pendingDelta") AS p FROM "LedgerEntry" WHERE "shop" = '${shop}' GROUP BY "memberId") s
       ON s."memberId" = m.id
     WHERE m."shop" = '${shop}' AND (COALESCE(s.a, 0) <> m."availablePoints" OR COALESCE(s.p, 0) <> m."pendingPoints")`,
  );
  const mismatched = Number(rows[0]?.mismatched ?? 0);
  return { ok: mismatched === 0, mismatched };
}
