import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireAdmin } from "../admin/route-kit.server";
import { sqlDb } from "../db.server";
import { parseRowId } from "../db/row-id";
import { getImportJob, importErrorRows } from "../persistence/csv-import";
import { csvLine } from "../rules/csv";
import { adminLocaleFromRequest } from "../shopify/admin-locale.server";
import { messagesFor, translator } from "../i18n";
import { csvResponse } from "../components/csv-response.server";

// GET /app/import/:id/errors?locale=: the rows of an import that were not applied, with why, in the admin's
// language, as CSV: line number, the problems, and the row as it was (fix it and import the rows again).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const id = parseRowId(params.id) ?? notFound();
  const job = (await getImportJob(sqlDb, shop, id)) ?? notFound();
  const locale = adminLocaleFromRequest(request);
  const t = translator(messagesFor(locale, "admin."), locale);
  async function* lines() {
    yield csvLine([t("admin.import.report.line"), t("admin.import.report.problems"), t("admin.import.report.row")]);
    for await (const row of importErrorRows(sqlDb, shop, job.id)) {
      const problems = row.issues.map((issue) => t(`admin.import.issue.${issue.code}`)).join(" ");
      yield csvLine([row.rowNumber, problems, row.raw]);
    }
  }
  return csvResponse(lines(), `import-${job.id}-errors.csv`);
}
