import type { ActionFunctionArgs } from "@remix-run/node";
import { sqlDb } from "../db.server";
import { badRequest, readForm, requireStaff } from "../admin/route-kit.server";
import { saveMirrorSettings } from "../persistence/customer-mirror";
import { mirrorShop } from "../jobs/customer-mirror-job";
import { customerMirrorWriterForShop } from "../shopify/customer-mirror.server";

export type MirrorActionResult = { ok: true; synced?: number; error?: string | null } | { ok: false; issues: Array<{ field: "intent" | "enabled" | "tierTags"; code: string }> };

// POST /app/tiers/mirror  intent=save&enabled=true|false&tierTags=true|false — the Tiers page's "Mirror in Shopify"
// setting; intent=sync — write the members due now (a few batches; the background job does the rest).
export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireStaff(request);
  const form = await readForm(request, ["intent", "enabled", "tierTags"]);
  if (form.intent === "sync") {
    const result = await mirrorShop(sqlDb, shop, (name) => customerMirrorWriterForShop(name), new Date(), { maxBatches: 4 });
    return { ok: true as const, synced: result.synced, error: result.error };
  }
  if (form.intent !== "save") return badRequest([{ field: "intent" as const, code: "invalid" }]);
  const flag = (value: string) => (value === "true" ? true : value === "false" ? false : null);
  const enabled = flag(form.enabled);
  const tierTags = flag(form.tierTags);
  if (enabled === null) return badRequest([{ field: "enabled" as const, code: "invalid" }]);
  if (tierTags === null) return badRequest([{ field: "tierTags" as const, code: "invalid" }]);
  await saveMirrorSettings(sqlDb, shop, { enabled, tierTags });
  return { ok: true as const };
}
