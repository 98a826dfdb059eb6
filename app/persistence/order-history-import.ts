// Imports of the orders placed before the app was installed (app/jobs/order-history-job.ts drives them): the job row
// with its visible progress, and writing the orders as OrderRecord rows — without points, released at once — so they
// count towards tiers and the admin's order statistics. Idempotent: an order is written once per shop (the record's
// key), so running the import again never counts an order twice, and an order orders/paid already recorded is left
// as it is.
import type { SqlDb } from "../db.server";
import { instant, readBoolean, readInstant, type StoredInstant } from "../db/dialect";
import { ensureMember } from "./ledger";
import { recordShopInstalled } from "./shops";
import type { HistoricOrder } from "../rules/order-history";
import { forgetOrderDays } from "./order-days";

export type HistoryImportStatus = "queued" | "running" | "importing" | "done" | "failed";
export type HistoryImport = {
  id: number;
  staffUserId: string;
  status: HistoryImportStatus;
  bulkOperationId: string | null;
  before: Date;
  ordersSeen: number;
  ordersImported: number;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  awardPoints: boolean;
};

type Row = {
  id: number;
  staffUserId: string;
  status: string;
  bulkOperationId: string | null;
  before: StoredInstant;
  ordersSeen: number;
  ordersImported: number;
  lastError: string | null;
  createdAt: StoredInstant;
  finishedAt: StoredInstant | null;
  awardPoints: boolean | number;
};

const COLUMNS = ["id", "staffUserId", "status", "bulkOperationId", "before", "ordersSeen", "ordersImported", "lastError", "createdAt", "finishedAt", "awardPoints"] as const;

function toImport(row: Row): HistoryImport {
  return {
    ...row,
    status: row.status as HistoryImportStatus,
    before: readInstant(row.before),
    createdAt: readInstant(row.createdAt),
    finishedAt: readInstant(row.finishedAt),
    awardPoints: readBoolean(row.awardPoints),
  };
}

const ACTIVE: HistoryImportStatus[] = ["queued", "running", "importing"];
const MAX_ATTEMPTS = 5;

export async function latestHistoryImport(db: SqlDb, shop: string): Promise<HistoryImport | null> {
  const row = await db.selectFrom("OrderHistoryImport").select(COLUMNS).where("shop", "=", shop).orderBy("id", "desc").limit(1).executeTakeFirst();
  return row ? toImport(row) : null;
}

export async function loadHistoryImport(db: SqlDb, shop: string, id: number): Promise<HistoryImport | null> {
  const row = await db.selectFrom("OrderHistoryImport").select(COLUMNS).where("shop", "=", shop).where("id", "=", id).executeTakeFirst();
  return row ? toImport(row) : null;
}

/** A new import of orders created before `before`; the one already under way if there is one (never two at once). */
export async function startHistoryImport(db: SqlDb, shop: string, staffUserId: string, before: Date, now = new Date()): Promise<{ id: number; created: boolean }> {
  return db.transaction().execute((trx) => insertHistoryImport(trx, shop, staffUserId, before, now));
}

async function insertHistoryImport(trx: SqlDb, shop: string, staffUserId: string, before: Date, now: Date): Promise<{ id: number; created: boolean }> {
  const active = await trx.selectFrom("OrderHistoryImport").select("id").where("shop", "=", shop).where("status", "in", ACTIVE).executeTakeFirst();
  if (active) return { id: active.id, created: false };
  const row = await trx
    .insertInto("OrderHistoryImport")
    .values({ shop, staffUserId, status: "queued", before: instant(before), createdAt: instant(now) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, created: true };
}

/** Who asked for the import the app starts by itself when a shop installs it (shown where a staff member would be). */
export const INSTALL_IMPORT_BY = "app-install";

/**
 * Records an installation and, when it is one (not a repeated authentication of an installed shop), queues the
 * order history import in the same transaction: an install never ends up without its import, nor with two.
 */
export async function recordInstallWithHistoryImport(db: SqlDb, shop: string, now = new Date()): Promise<{ id: number; created: boolean } | null> {
  return db.transaction().execute(async (trx) => {
    if (!(await recordShopInstalled(trx, shop, now))) return null;
    return insertHistoryImport(trx, shop, INSTALL_IMPORT_BY, now, now);
  });
}

/** Takes the import for this worker until `leaseUntil`; false if another worker holds it or it is finished. */
export async function claimHistoryImport(db: SqlDb, shop: string, id: number, now: Date, leaseMs: number): Promise<boolean> {
  const result = await db
    .updateTable("OrderHistoryImport")
    .set((eb) => ({ leaseUntil: instant(new Date(now.getTime() + leaseMs)), attempts: eb("attempts", "+", 1) }))
    .where("shop", "=", shop)
    .where("id", "=", id)
    .where("status", "in", ACTIVE)
    .where("attempts", "<", MAX_ATTEMPTS)
    .where((eb) => eb.or([eb("leaseUntil", "is", null), eb("leaseUntil", "<=", instant(now))]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updateHistoryImport(
  db: SqlDb,
  shop: string,
  id: number,
  values: Partial<{ status: HistoryImportStatus; bulkOperationId: string; ordersSeen: number; lastError: string | null; finishedAt: Date; leaseUntil: null }>,
): Promise<void> {
  const { finishedAt, ...rest } = values;
  await db
    .updateTable("OrderHistoryImport")
    .set({ ...rest, ...(finishedAt ? { finishedAt: instant(finishedAt) } : {}) })
    .where("shop", "=", shop)
    .where("id", "=", id)
    .execute();
}

/** Imports still to finish (after a restart or a lost lease): the sweep picks them up again. */
export async function historyImportsToResume(db: SqlDb, now = new Date()): Promise<Array<{ shop: string; id: number }>> {
  return db
    .selectFrom("OrderHistoryImport")
    .select(["shop", "id"])
    .where("status", "in", ACTIVE)
    .where("attempts", "<", MAX_ATTEMPTS)
    .where((eb) => eb.or([eb("leaseUntil", "is", null), eb("leaseUntil", "<=", instant(now))]))
    .execute();
}

const WRITE_BATCH = 100;

/**
 * Writes orders as records without points (released at once: nothing is pending), each in the member's name (the
 * member is created if the customer is not one yet). Returns how many were new; the import's counter moves by that.
 */
export async function importHistoricOrders(db: SqlDb, shop: string, importId: number, orders: HistoricOrder[], now = new Date()): Promise<number> {
  let imported = 0;
  const at = instant(now);
  for (let i = 0; i < orders.length; i += WRITE_BATCH) {
    const batch = orders.slice(i, i + WRITE_BATCH);
    imported += await db.transaction().execute(async (trx) => {
      const members = new Map<string, number>();
      for (const customerId of new Set(batch.map((order) => order.customerId))) members.set(customerId, (await ensureMember(trx, shop, customerId, {}, now)).id);
      const rows = await trx
        .insertInto("OrderRecord")
        .values(
          batch.map((order) => ({
            shop,
            orderId: order.orderId,
            customerId: order.customerId,
            memberId: members.get(order.customerId)!,
            currency: order.currency,
            // No lines earned anything: a later refund takes back no points, only tier progress. `history` marks it as
            // order-history.ts' recordHistoricalOrder does (the award of points for past orders looks for it).
            earning: JSON.stringify({ lines: [], shippingPoints: 0, shippingNetAmount: 0, history: true }),
            reversed: "{}",
            totalPoints: 0,
            netSalesMinor: order.netSalesMinor,
            paidAt: instant(order.paidAt),
            releaseAt: instant(order.paidAt),
            releasedAt: instant(order.paidAt),
            createdAt: at,
            updatedAt: at,
          })),
        )
        .onConflict((conflict) => conflict.columns(["shop", "orderId"]).doNothing())
        .returning("orderId")
        .execute();
      // The imported orders join days Home may have summed already: those are summed again.
      const written = new Set(rows.map((row) => row.orderId));
      await forgetOrderDays(trx, shop, batch.filter((order) => written.has(order.orderId)).map((order) => order.paidAt), now);
      await trx
        .updateTable("OrderHistoryImport")
        .set((eb) => ({ ordersImported: eb("ordersImported", "+", rows.length) }))
        .where("shop", "=", shop)
        .where("id", "=", importId)
        .execute();
      return rows.length;
    });
  }
  return imported;
}

/** The scopes Shopify granted the app's offline session (the Tiers page says how far back the import reaches). */
export async function grantedScopes(db: SqlDb, shop: string): Promise<string[]> {
  const row = await db.selectFrom("Session").select("scope").where("shop", "=", shop).where("isOnline", "=", false).executeTakeFirst();
  return (row?.scope ?? "").split(",").map((scope) => scope.trim()).filter(Boolean);
}
