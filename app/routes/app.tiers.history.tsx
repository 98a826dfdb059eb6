import type { ActionFunctionArgs } from "@remix-run/node";
import { sqlDb } from "../db.server";
import { badRequest, readForm, requireStaff } from "../admin/route-kit.server";
import { startHistoryImport } from "../persistence/order-history-import";
import { enqueueHistoryImport } from "../jobs/order-history-job";
import { bulkOrdersClientForShop } from "../shopify/bulk-orders.server";

export type HistoryActionResult = { ok: true; id: number; created: boolean } | { ok: false; issues: Array<{ field: "intent"; code: string }> };

// POST /app/tiers/history intent=start — "Import order history": orders created before now, as tier progress and
// order statistics (app/jobs/order-history-job.ts). One import at a time: asking again answers the running one.
export async function action({ request }: ActionFunctionArgs) {
  const { shop, staffUserId } = await requireStaff(request);
  const { intent } = await readForm(request, ["intent"]);
  if (intent !== "start") return badRequest([{ field: "intent" as const, code: "invalid" }]);
  const started = await startHistoryImport(sqlDb, shop, staffUserId, new Date());
  enqueueHistoryImport(sqlDb, shop, started.id, (name) => bulkOrdersClientForShop(name));
  return { ok: true as const, ...started };
}
