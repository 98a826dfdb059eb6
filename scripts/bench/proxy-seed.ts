// A shop the size the storefront API has to cope with, in seconds: 100,000 members, 1,000,000 ledger entries,
// the demo catalog of 6 rewards and 10,000 past redemptions, written with one INSERT … SELECT per table through
// the bench's own Prisma client (PostgreSQL: generate_series; SQLite: a recursive CTE; each a single statement,
// so one transaction). The ids are explicit so the load generator knows member i without reading them back.
//
// The ledger looks like the one webhooks write: orders in pairs of entries, `earn_pending` then `release` (every
// fifth order is still pending; its second entry is an `action_bonus`), plus a `redeem` entry for each past
// redemption. 1,000 heavy members (every 100th) hold 200 order entries and 10 redemptions each; the rest of the
// orders go to members by a multiplicative hash, so counts vary around 8 (a few members have none). Cached
// balances are then set from the ledger sums and checked with one aggregate query.
import type { DatabaseProvider } from "../../app/db/database-url";
import { DEMO_REWARDS } from "../../app/demo/demo-data";
import { createReward } from "../../app/persistence/reward-catalog";
import type { Reward } from "../../app/rules/rewards";
import type { Db } from "./databases";

export const MEMBERS = 100_000;
export const LEDGER_ENTRIES = 1_000_000;
const REDEMPTIONS = 10_000;
const ORDER_ENTRIES = LEDGER_ENTRIES - REDEMPTIONS;
const HEAVY_EVERY = 100; // members 1, 101, 201, … are the heavy ones
const HEAVY_MEMBERS = MEMBERS / HEAVY_EVERY;
const HEAVY_ORDERS = HEAVY_MEMBERS * 100; // order pairs 0 … 99,999: 100 orders (200 entries) per heavy member
/** Shopify customer id of member i (ids here are explicit and dense from 1). */
export const customerIdOf = (memberId: number) => String(7_000_000_000 + memberId);

export type SeededShop = { rewards: Reward[]; lastSeededRedemptionId: number; seconds: number; lines: string[] };

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

function dialect(provider: DatabaseProvider) {
  const pg = provider === "postgresql";
  return {
    /** `WITH …` to put before SELECT and the FROM source of i = 1 … n. */
    series: (n: number) =>
      pg
        ? { with: "", from: `generate_series(1, ${n}) AS s(i)` }
        : { with: `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n})`, from: "s" },
    /** A timestamp `minutes` (an SQL expression) before now, in the form Prisma reads back. */
    minutesAgo: (minutes: string) =>
      pg
        ? `(now() - (${minutes}) * interval '1 minute')`
        : `strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now', '-' || (${minutes}) || ' minutes')`,
    now: pg ? "now()" : `strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')`,
    daysAhead: (days: number) => (pg ? `(now() + interval '${days} days')` : `strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now', '+${days} days')`),
  };
}

export async function seedProxyShop(db: Db, provider: DatabaseProvider, shop: string): Promise<SeededShop> {
  const started = performance.now();
  const sql = dialect(provider);
  const shopLiteral = quote(shop);
  const rewards: Reward[] = [];
  for (const definition of DEMO_REWARDS) rewards.push(await createReward(db, shop, definition));
  // Past redemptions use the first three rewards (fixed amount, percentage, free shipping).
  const redeemed = rewards.slice(0, 3).map((reward) => {
    const { id: _id, shop: _shop, ...definition } = reward;
    return { reward, json: quote(JSON.stringify(definition)) };
  });
  const pick = (r: string, values: string[]) => `CASE ${r} % 3 ${values.map((v, k) => `WHEN ${k} THEN ${v}`).join(" ")} END`;

  const members = sql.series(MEMBERS);
  await db.$executeRawUnsafe(`
    INSERT INTO "Member" ("id", "shop", "customerId", "email", "firstName", "lastName", "availablePoints", "pendingPoints", "createdAt", "updatedAt")
    ${members.with}
    SELECT i, ${shopLiteral}, CAST(7000000000 + i AS TEXT), 'shopper' || i || '@example.com', 'Shopper', 'No. ' || i, 0, 0,
           ${sql.minutesAgo("(i % 700) * 1440")}, ${sql.now}
    FROM ${members.from}`);

  // Entry e (1-based) belongs to order pair p = (e - 1) / 2; its first entry earns pending points, the second
  // releases them (or, for every fifth order, is a small bonus while the order stays pending).
  const orderEntries = sql.series(ORDER_ENTRIES);
  const p = "((i - 1) / 2)";
  const second = "((i - 1) % 2 = 1)";
  const stillPending = `((${p} * 2654435761) % 4294967296) % 5 = 0`; // one order in five, spread over members
  const released = `(${second} AND NOT ${stillPending})`;
  const bonus = `(${second} AND ${stillPending})`;
  const points = `(20 + (${p} * 37) % 381)`;
  const member = `CASE WHEN ${p} < ${HEAVY_ORDERS} THEN 1 + (${p} % ${HEAVY_MEMBERS}) * ${HEAVY_EVERY}
                       ELSE 1 + ((${p} * 2654435761) % 4294967296) * ${MEMBERS} / 4294967296 END`;
  const orderId = `CAST(5000000000 + ${p} AS TEXT)`;
  await db.$executeRawUnsafe(`
    INSERT INTO "LedgerEntry" ("id", "shop", "memberId", "kind", "availableDelta", "pendingDelta", "reason", "sourceType", "sourceId",
                               "orderId", "lineItemId", "idempotencyKey", "createdAt")
    ${orderEntries.with}
    SELECT i, ${shopLiteral}, ${member},
           CASE WHEN ${released} THEN 'release' WHEN ${bonus} THEN 'action_bonus' ELSE 'earn_pending' END,
           CASE WHEN ${released} THEN ${points} WHEN ${bonus} THEN 25 ELSE 0 END,
           CASE WHEN ${released} THEN -${points} WHEN ${bonus} THEN 0 ELSE ${points} END,
           CASE WHEN ${released} THEN 'Order ' || ${orderId} || ' released' WHEN ${bonus} THEN 'Wrote a review'
                ELSE 'Order ' || ${orderId} END,
           CASE WHEN ${bonus} THEN 'action' ELSE 'order' END,
           CASE WHEN ${bonus} THEN 'review:' || ${p} ELSE ${orderId} END,
           CASE WHEN ${bonus} THEN NULL ELSE ${orderId} END,
           NULL,
           CASE WHEN ${released} THEN 'order:' || ${orderId} || ':release' WHEN ${bonus} THEN 'action:review:' || ${p}
                ELSE 'order:' || ${orderId} || ':earn' END,
           ${sql.minutesAgo(`(${ORDER_ENTRIES} - i) / 2`)}
    FROM ${orderEntries.from}`);

  // Redemption r goes to heavy member (r - 1) % 1000, 10 each; its `redeem` entry takes the points.
  const redemptions = sql.series(REDEMPTIONS);
  const heavy = `1 + ((i - 1) % ${HEAVY_MEMBERS}) * ${HEAVY_EVERY}`;
  await db.$executeRawUnsafe(`
    INSERT INTO "Redemption" ("id", "shop", "memberId", "rewardId", "status", "points", "reward", "valueMinor", "currency", "code",
                              "shopifyDiscountId", "expiresAt", "createdAt", "updatedAt")
    ${redemptions.with}
    SELECT i, ${shopLiteral}, ${heavy}, ${pick("i", redeemed.map((r) => String(r.reward.id)))},
           CASE WHEN i % 4 = 0 THEN 'used' ELSE 'issued' END,
           ${pick("i", redeemed.map((r) => String(r.reward.pointsCost)))}, ${pick("i", redeemed.map((r) => r.json))},
           ${pick("i", redeemed.map((r) => (r.reward.amountMinor === null ? "NULL" : String(r.reward.amountMinor))))}, 'USD',
           'SEEDED' || i, 'gid://shopify/DiscountCodeNode/' || (900000 + i), ${sql.daysAhead(30)},
           ${sql.minutesAgo(`(${REDEMPTIONS} - i) * 30`)}, ${sql.now}
    FROM ${redemptions.from}`);
  await db.$executeRawUnsafe(`
    INSERT INTO "LedgerEntry" ("id", "shop", "memberId", "kind", "availableDelta", "pendingDelta", "reason", "sourceType", "sourceId",
                               "idempotencyKey", "createdAt")
    SELECT ${ORDER_ENTRIES} + r."id", r."shop", r."memberId", 'redeem', -r."points", 0,
           CASE r."rewardId" ${redeemed.map((r) => `WHEN ${r.reward.id} THEN ${quote(`Redeemed: ${r.reward.title}`)}`).join(" ")} END,
           'redemption', CAST(r."id" AS TEXT), 'redeem:' || r."id", r."createdAt"
    FROM "Redemption" r WHERE r."shop" = ${shopLiteral}`);

  // Cached balances = ledger sums, as the app keeps them.
  await db.$executeRawUnsafe(`
    UPDATE "Member" SET "availablePoints" = s.a, "pendingPoints" = s.p
    FROM (SELECT "memberId", SUM("availableDelta") AS a, SUM("pendingDelta") AS p FROM "LedgerEntry" GROUP BY "memberId") AS s
    WHERE "Member"."id" = s."memberId"`);

  if (provider === "postgresql") {
    // Explicit ids leave the sequences behind; the app's own inserts must continue after them.
    for (const table of ["Member", "LedgerEntry", "Redemption"]) {
      await db.$queryRawUnsafe(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT MAX("id") FROM "${table}"))`);
    }
    // Autovacuum would get to a million fresh rows within minutes and then compete with the run; a production
    // database has long had its statistics and visibility map. So do it now, outside the measurement.
    await db.$executeRawUnsafe(`VACUUM ANALYZE`);
  }
  // SQLite: no ANALYZE, because the app never runs one; its lookups are by unique and [memberId, id] indexes.

  const check = await verifyBalances(db, shop);
  if (!check.ok) throw new Error(`seeding left an inconsistent ledger: ${check.lines.join("; ")}`);
  const seconds = (performance.now() - started) / 1000;
  return { rewards, lastSeededRedemptionId: REDEMPTIONS, seconds, lines: check.lines };
}

export type BalanceCheck = {
  ok: boolean;
  members: number;
  entries: number;
  mismatched: number;
  negative: number;
  maxEntries: number;
  lines: string[];
};

/** One aggregate query: every member's cached balances against the sums of its entries, and none below zero. */
export async function verifyBalances(db: Db, shop: string): Promise<BalanceCheck> {
  const [row] = await db.$queryRawUnsafe<Array<Record<string, bigint | number | null>>>(
    `SELECT COUNT(*) AS members,
            COALESCE(SUM(COALESCE(s.n, 0)), 0) AS entries,
            COALESCE(MAX(COALESCE(s.n, 0)), 0) AS "maxEntries",
            COALESCE(SUM(CASE WHEN m."availablePoints" <> COALESCE(s.a, 0) OR m."pendingPoints" <> COALESCE(s.p, 0) THEN 1 ELSE 0 END), 0) AS mismatched,
            COALESCE(SUM(CASE WHEN m."availablePoints" < 0 OR m."pendingPoints" < 0 THEN 1 ELSE 0 END), 0) AS negative
     FROM "Member" m
     LEFT JOIN (SELECT "memberId", COUNT(*) AS n, SUM("availableDelta") AS a, SUM("pendingDelta") AS p
                FROM "LedgerEntry" WHERE "shop" = ${quote(shop)} GROUP BY "memberId") AS s ON s."memberId" = m."id"
     WHERE m."shop" = ${quote(shop)}`,
  );
  const value = (key: string) => Number(row?.[key] ?? NaN);
  const result = {
    members: value("members"),
    entries: value("entries"),
    maxEntries: value("maxEntries"),
    mismatched: value("mismatched"),
    negative: value("negative"),
  };
  const ok = result.members > 0 && result.mismatched === 0 && result.negative === 0;
  return {
    ok,
    ...result,
    lines: [
      `${ok ? "ok  " : "FAIL"} cached balances equal ledger sums for ${result.members - result.mismatched}/${result.members} members ` +
        `(${result.entries} entries, up to ${result.maxEntries} per member; ${result.negative} negative)`,
    ],
  };
}
