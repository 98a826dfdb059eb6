import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "../admin/route-kit.server";
import db from "../db.server";
import { ledgerCsvLines } from "../persistence/csv-export";
import { csvResponse, datedFileName } from "../components/csv-response.server";

// GET /app/export/ledger: the shop's whole points ledger, one entry per line, as CSV (streamed).
export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  return csvResponse(ledgerCsvLines(db, shop), datedFileName("points-history"));
}
