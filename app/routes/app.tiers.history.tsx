import type { ActionFunctionArgs } from "@remix-run/node";
import { sqlDb } from "../db.server";
import { badRequest, readForm, requireStaff } from "../admin/route-kit.server";
import { startHistoryImport } from "../persistence/order-history-import";
import { enqueueHistoryImport } from "../jobs/order-history-job";
import { bulkOrdersClientForShop } from "../shopify/bulk-orders.server";
import { awardHistoryPoints, previewHistoryAward, type HistoryAwardPreview } from "../persistence/order-history-award";

export type HistoryActionResult =
  | { ok: true; id: number; created: boolean }
  | { ok: true; preview: HistoryAwardPreview }
  | { ok: true; awarded: HistoryAwardPreview }
  | { ok: false; issues: Array<{ field: "intent" | "points"; code: string }> };

// POST /app/tiers/history intent=start — "Import order history": orders created before now, as tier progress and
// order statistics (app/jobs/order-history-job.ts). One import at a time: asking again answers the running one.
// intent=preview — the points "award points for past orders" would give; intent=award&points=<the previewed total>
// gives them, refused (nothing written) if the total changed since the merchant saw it.
export async function action({ request }: ActionFunctionArgs) {
  const { shop, staffUserId } = await requireStaff(request);
  const { intent, points } = await readForm(request, ["intent", "points"]);
  if (intent === "preview") return { ok: true as const, preview: await previewHistoryAward(sqlDb, shop) };
  if (intent === "award") {
    const preview = await previewHistoryAward(sqlDb, shop);
    if (preview.points === 0 || String(preview.points) !== points) return badRequest([{ field: "points" as const, code: "changed" }], 409);
    return { ok: true as const, awarded: await awardHistoryPoints(sqlDb, shop) };
  }
  if (intent !== "start") return badRequest([{ field: "intent" as const, code: "invalid" }]);
  const started = await startHistoryImport(sqlDb, shop, staffUserId, new Date());
  enqueueHistoryImport(sqlDb, shop, started.id, (name) => bulkOrdersClientForShop(name));
  return { ok: true as const, ...started };
}
