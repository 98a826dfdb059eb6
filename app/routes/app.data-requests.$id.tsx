// GET /app/data-requests/:id: one stored customers/data_request export as a JSON file download (staff only, the
// shop's own requests only: another shop's id is a 404).
import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "../db.server";
import { notFound, requireAdmin } from "../admin/route-kit.server";
import { parseRowId } from "../db/row-id";
import { getDataRequestExport } from "../persistence/privacy";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const id = parseRowId(params.id ?? "") ?? notFound();
  const found = (await getDataRequestExport(db, shop, id)) ?? notFound();
  const day = found.requestedAt.toISOString().slice(0, 10);
  // Customer ids are digits (Shopify's), so the file name needs no escaping.
  const fileName = `data-request-${found.id}-customer-${found.customerId.replace(/[^0-9A-Za-z_-]/g, "")}-${day}.json`;
  return new Response(found.export, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      // Personal data: never kept by a browser or proxy cache.
      "Cache-Control": "no-store",
    },
  });
}
