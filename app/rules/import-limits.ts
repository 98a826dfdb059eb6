// What a CSV import accepts (checked on the server, shown in the admin), kept apart from csv-import.ts so the page
// can show them without loading the importer into the browser.
import { MAX_IMPORT_ROW_POINTS } from "./points-limits";
export const IMPORT_LIMITS = { maxBytes: 20 * 1024 * 1024, maxRows: 200_000, maxPoints: MAX_IMPORT_ROW_POINTS, maxNote: 200 } as const;
