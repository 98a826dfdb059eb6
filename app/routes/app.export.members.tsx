import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "../admin/route-kit.server";
import { sqlDb } from "../db.server";
import { memberCsvLines } from "../persistence/csv-export";
import { getAnalyticsSettings } from "../persistence/analytics-settings";
import { SEGMENTS, type Segment } from "../rules/analytics-segments";
import { csvResponse, datedFileName } from "../components/csv-response.server";

// GET /app/export/members[?segment=<segment>]: the shop's members with their balances, as CSV (streamed); with a
// segment, only its members by the shop's thresholds now (the Customers list's "Export segment").
export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const name = new URL(request.url).searchParams.get("segment");
  const segment = (SEGMENTS as readonly string[]).includes(name ?? "") ? (name as Segment) : null;
  const filter = segment ? { segment: { segment, thresholds: (await getAnalyticsSettings(sqlDb, shop)).segments, now: new Date() } } : {};
  return csvResponse(memberCsvLines(sqlDb, shop, filter), datedFileName(segment ? `members-${segment.replace("_", "-")}` : "members"));
}
