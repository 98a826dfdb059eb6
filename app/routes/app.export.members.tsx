import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "../admin/route-kit.server";
import db from "../db.server";
import { memberCsvLines } from "../persistence/csv-export";
import { csvResponse, datedFileName } from "../components/csv-response.server";

// GET /app/export/members: every member of the shop with their balances, as CSV (streamed).
export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  return csvResponse(memberCsvLines(db, shop), datedFileName("members"));
}
