// The order history import as a job: start a Shopify bulk operation over the orders created before the import was
// asked for (and, without read_all_orders, after the 60 days Shopify allows), poll it until it completes, download
// its JSONL and write the orders as tier progress and statistics (app/persistence/order-history-import.ts), then
// re-evaluate every member's tier from their history (the tier re-evaluation job). One import at a time per process,
// between requests; a lease keeps two instances from running the same import, and a crash leaves it to the sweep,
// which continues from the bulk operation already started.
import type { SqlDb } from "../db.server";
import { historicOrder, historyReach, type HistoricOrder } from "../rules/order-history";
import {
  claimHistoryImport,
  historyImportsToResume,
  importHistoricOrders,
  loadHistoryImport,
  recordInstallWithHistoryImport,
  updateHistoryImport,
  type HistoryImportStatus,
} from "../persistence/order-history-import";
import { createTierJob } from "../persistence/tier-reevaluation";
import { shopTierRules } from "../persistence/tier-rules";
import { orderHistoryQuery, type BulkOrdersClient } from "../shopify/bulk-orders.server";
import { enqueueTierJob } from "./tier-jobs.server";
import { WorkQueue } from "./work-queue";
import { log } from "../log.server";

export type BulkAccess = (shop: string) => Promise<{ client: BulkOrdersClient; scopes: string[] } | null>;
export type HistoryRunOptions = { now?: Date; pollMs?: number; maxPolls?: number; leaseMs?: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runOrderHistoryImport(db: SqlDb, shop: string, id: number, access: BulkAccess, options: HistoryRunOptions = {}): Promise<HistoryImportStatus | null> {
  const { pollMs = 2000, maxPolls = 150, leaseMs = 10 * 60_000 } = options;
  const now = options.now ?? new Date();
  if (!(await claimHistoryImport(db, shop, id, now, leaseMs))) return (await loadHistoryImport(db, shop, id))?.status ?? null;
  const job = (await loadHistoryImport(db, shop, id))!;
  const release = (values: Parameters<typeof updateHistoryImport>[3]) => updateHistoryImport(db, shop, id, { ...values, leaseUntil: null });
  const granted = await access(shop);
  if (!granted) {
    await release({ status: "failed", lastError: "the app has no access to the shop (not installed)", finishedAt: new Date() });
    return "failed";
  }
  let operationId = job.bulkOperationId;
  if (!operationId) {
    const started = await granted.client.start(orderHistoryQuery(job.before, historyReach(granted.scopes, job.createdAt)));
    if (!started.ok) {
      // Left queued: the sweep tries again (a running operation of another kind, THROTTLED, an outage).
      await release({ lastError: started.reason });
      return "queued";
    }
    operationId = started.value;
    await updateHistoryImport(db, shop, id, { status: "running", bulkOperationId: operationId, lastError: null });
  }
  let url: string | null = null;
  for (let poll = 0; ; poll += 1) {
    const status = await granted.client.status(operationId);
    if (status.ok && status.value.status === "COMPLETED") {
      url = status.value.url;
      break;
    }
    if (status.ok && ["FAILED", "CANCELED", "EXPIRED"].includes(status.value.status)) {
      await release({ status: "failed", lastError: `the bulk operation ended ${status.value.status}${status.value.errorCode ? ` (${status.value.errorCode})` : ""}`, finishedAt: new Date() });
      return "failed";
    }
    if (!status.ok) await updateHistoryImport(db, shop, id, { lastError: status.reason });
    if (poll + 1 >= maxPolls) {
      await release({});
      return "running";
    }
    await sleep(pollMs);
  }
  await updateHistoryImport(db, shop, id, { status: "importing" });
  // A completed operation that found nothing has no file.
  const file = url === null ? { ok: true as const, value: "" } : await granted.client.download(url);
  if (!file.ok) {
    await release({ lastError: file.reason });
    return "importing";
  }
  const orders = file.value
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map(historicOrder)
    .filter((order): order is HistoricOrder => order !== null);
  await updateHistoryImport(db, shop, id, { ordersSeen: orders.length });
  await importHistoricOrders(db, shop, id, orders, new Date());
  // Members move up at once to the tier their history now qualifies for.
  const tiers = await shopTierRules(db, shop);
  if (tiers) enqueueTierJob(db, shop, await createTierJob(db, shop, job.staffUserId, new Date()));
  await release({ status: "done", lastError: null, finishedAt: new Date() });
  return "done";
}

const queue = new WorkQueue(1);
const queued = new Set<number>();

/** Runs the import in this process, between requests. */
export function enqueueHistoryImport(db: SqlDb, shop: string, id: number, access: BulkAccess, options?: HistoryRunOptions): void {
  if (queued.has(id)) return;
  queued.add(id);
  queue.add(async () => {
    try {
      await runOrderHistoryImport(db, shop, id, access, options);
    } catch (error) {
      log.error("order history import failed; the sweep will resume it", { job: "order-history-import", shop, id, error });
    } finally {
      queued.delete(id);
    }
  });
}

export function historyImportsIdle(): Promise<void> {
  return queue.idle();
}

/** The sweep: imports left behind (restart, lost lease, Shopify not answering) are picked up again. */
export async function resumeHistoryImports(db: SqlDb, access: BulkAccess, now = new Date()): Promise<number> {
  const imports = await historyImportsToResume(db, now);
  for (const entry of imports) enqueueHistoryImport(db, entry.shop, entry.id, access);
  return imports.length;
}

/**
 * The app's afterAuth hook (app/shopify.server.ts): records the install and, on a first install or a reinstall after
 * an uninstall, starts importing the shop's past orders — once; a repeated authentication of an installed shop starts
 * nothing. Returns the import queued, if any.
 */
export async function onShopAuthenticated(db: SqlDb, shop: string, access: BulkAccess, now = new Date()): Promise<number | null> {
  const started = await recordInstallWithHistoryImport(db, shop, now);
  if (!started) return null;
  enqueueHistoryImport(db, shop, started.id, access);
  return started.id;
}
