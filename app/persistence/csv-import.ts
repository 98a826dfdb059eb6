// Importing balances from another loyalty app: a CSV of customers (email or Shopify customer id), points and an
// optional note, applied as a job with visible progress.
//
// Upload   the file is read and checked as a whole (columns, size); the job row keeps it and counts its rows.
// Run      rows are applied in file order, in batches: each row is checked, its customer found (our members first,
//          then Shopify), and its points added as an `import` ledger entry with an audit row naming the staff member
//          who uploaded the file, all in one transaction with the job's progress. A row that cannot be applied is
//          recorded with why (the downloadable error report); the others go on.
// Once     every row's ledger key is a hash of the customer, the points, the note and how many identical rows came
//          before it in the file. Importing the same file again, or a corrected copy of it, adds nothing for the rows
//          already imported; to import the same amount for the same customer again on purpose, change the note.
// Durable  the job holds a lease while it runs and moves its cursor (processedRows) with every batch; a job whose
//          lease ran out (crash, deploy) is picked up again where it stopped.
// Hold-out a row for a member of the analytics hold-out group is refused (row error `held_out`, nothing written for
//          it). A customer the app has not seen yet is enrolled, never assigned to the hold-out, deliberately: the
//          hold-out samples customers new to the shop, and someone with a balance in the previous program is not.
import { createHash } from "node:crypto";
// Plain SQL (app/db/sql.server.ts) throughout, because each batch writes to the ledger, which is.
import type { SqlDb } from "../db.server";
import { instant, readInstant, type StoredInstant } from "../db/dialect";
import { parseCsv, CsvFormatError, type CsvRecord, type Delimiter, detectDelimiter, csvLine } from "../rules/csv";
import { ensureMember, type MemberProfile } from "./ledger";
import { IMPORT_LIMITS } from "../rules/import-limits";
import { applyAdjustmentLocked } from "./staff-adjustments";
import { sql } from "kysely";
import { isDataException } from "../db/errors";
import { PointsLimitError } from "../rules/points-limits";
import { HeldOutError } from "../rules/hold-out";
import { runLeasedJob } from "./leased-job";

export { IMPORT_LIMITS };

// not_text: also a file with a NUL character, which no CSV of balances has and PostgreSQL cannot store as text.
export type ImportFileProblem = "empty" | "missing_columns" | "too_many_rows" | "unterminated_quote" | "too_large" | "not_text";

export type ImportColumns = { email: number | null; customerId: number | null; points: number; note: number | null };

const HEADER_ALIASES: Record<keyof ImportColumns, string[]> = {
  email: ["email", "e_mail", "email_address", "customer_email"],
  customerId: ["customer_id", "customerid", "shopify_customer_id", "shopify_id", "id"],
  points: ["points", "balance", "points_balance", "point_balance", "available_points", "loyalty_points"],
  note: ["note", "notes", "comment", "reason"],
};

function normalizeHeader(value: string): string {
  return value.trim().toLowerCase().replace(/[\s-]+/g, "_");
}

/** Which column holds what, from the header row; null unless there is a points column and an email or id column. */
export function importColumns(header: string[]): ImportColumns | null {
  const names = header.map(normalizeHeader);
  const find = (key: keyof ImportColumns) => {
    const index = names.findIndex((name) => HEADER_ALIASES[key].includes(name));
    return index === -1 ? null : index;
  };
  const columns = { email: find("email"), customerId: find("customerId"), points: find("points"), note: find("note") };
  if (columns.points === null || (columns.email === null && columns.customerId === null)) return null;
  return columns as ImportColumns;
}

export type ImportFile = { delimiter: Delimiter; columns: ImportColumns; rows: CsvRecord[] };

/** The file checked as a whole: readable CSV, a header naming the columns, not too many rows. */
export function readImportFile(text: string): { ok: true; file: ImportFile } | { ok: false; code: ImportFileProblem; line?: number } {
  if (Buffer.byteLength(text, "utf8") > IMPORT_LIMITS.maxBytes) return { ok: false, code: "too_large" };
  if (text.includes("\u0000")) return { ok: false, code: "not_text" };
  const delimiter = detectDelimiter(text);
  let records: CsvRecord[];
  try {
    records = parseCsv(text, delimiter);
  } catch (error) {
    if (error instanceof CsvFormatError) return { ok: false, code: error.code, line: error.line };
    throw error;
  }
  const [header, ...rows] = records;
  if (!header || rows.length === 0) return { ok: false, code: "empty" };
  const columns = importColumns(header.fields);
  if (!columns) return { ok: false, code: "missing_columns", line: header.line };
  if (rows.length > IMPORT_LIMITS.maxRows) return { ok: false, code: "too_many_rows" };
  return { ok: true, file: { delimiter, columns, rows } };
}

export type ImportIssueField = "customer" | "email" | "customer_id" | "points" | "note";
export type ImportIssue = { field: ImportIssueField; code: string };

export type ImportRow = { line: number; customerId: string | null; email: string | null; points: number; note: string | null };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CUSTOMER_ID = /^(?:gid:\/\/shopify\/Customer\/)?(\d{1,20})$/;

/** One row checked on its own: which customer, how many points, what note. */
export function validateImportRow(record: CsvRecord, columns: ImportColumns): { ok: true; row: ImportRow } | { ok: false; issues: ImportIssue[] } {
  const cell = (index: number | null) => (index === null ? "" : (record.fields[index] ?? "").trim());
  const issues: ImportIssue[] = [];
  const emailText = cell(columns.email);
  const idText = cell(columns.customerId);
  const pointsText = cell(columns.points).replace(/[\s\u00a0]/g, "");
  const noteText = cell(columns.note);

  let customerId: string | null = null;
  let email: string | null = null;
  if (idText) {
    const match = CUSTOMER_ID.exec(idText);
    if (match) customerId = match[1]!;
    else issues.push({ field: "customer_id", code: "invalid_customer_id" });
  }
  if (emailText) {
    if (EMAIL.test(emailText)) email = emailText.toLowerCase();
    else if (!customerId) issues.push({ field: "email", code: "invalid_email" });
  }
  if (!idText && !emailText) issues.push({ field: "customer", code: "customer_missing" });

  let points = 0;
  if (!/^[+-]?\d+$/.test(pointsText)) issues.push({ field: "points", code: "points_not_whole" });
  else {
    points = Number(pointsText);
    if (points < 0) issues.push({ field: "points", code: "points_negative" });
    else if (points > IMPORT_LIMITS.maxPoints) issues.push({ field: "points", code: "points_too_large" });
  }
  if (noteText.length > IMPORT_LIMITS.maxNote) issues.push({ field: "note", code: "note_too_long" });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, row: { line: record.line, customerId, email, points, note: noteText || null } };
}

/** Rows that say the same thing (same customer as written, points and note) are told apart by their occurrence. */
function sameRowKey(row: ImportRow): string {
  return `${row.customerId ?? `email:${row.email}`}\n${row.points}\n${row.note ?? ""}`;
}

/** The ledger idempotency key of a row: see "Once" at the top of this file. */
export function importRowKey(customerId: string, points: number, note: string | null, occurrence: number): string {
  const digest = createHash("sha256").update(`${customerId}\n${points}\n${note ?? ""}\n${occurrence}`).digest("hex");
  return `import:${digest.slice(0, 40)}`;
}

export type FoundCustomer = { customerId: string; profile: MemberProfile };

/** Shopify's customers, for rows naming a customer who is not a member yet (implemented over the Admin API). */
export interface CustomerDirectory {
  /** The customers that exist among these ids. */
  byIds(ids: string[]): Promise<Map<string, FoundCustomer>>;
  /** The customers with these emails (lower-case), keyed by lower-case email. */
  byEmails(emails: string[]): Promise<Map<string, FoundCustomer>>;
}

export type ImportJobSummary = {
  id: number;
  fileName: string;
  status: string;
  totalRows: number;
  processedRows: number;
  importedRows: number;
  duplicateRows: number;
  zeroRows: number;
  errorRows: number;
  importedPoints: number;
  staffUserId: string;
  createdAt: Date;
  finishedAt: Date | null;
};

const summaryColumns = [
  "id",
  "fileName",
  "status",
  "totalRows",
  "processedRows",
  "importedRows",
  "duplicateRows",
  "zeroRows",
  "errorRows",
  "importedPoints",
  "staffUserId",
  "createdAt",
  "finishedAt",
] as const;

type SummaryRow = Omit<ImportJobSummary, "createdAt" | "finishedAt" | "status"> & {
  status: string;
  createdAt: StoredInstant;
  finishedAt: StoredInstant | null;
};

function toSummary(row: SummaryRow): ImportJobSummary {
  return { ...row, status: row.status as ImportJobSummary["status"], createdAt: readInstant(row.createdAt), finishedAt: readInstant(row.finishedAt) };
}

export async function createImportJob(
  db: SqlDb,
  input: { shop: string; staffUserId: string; fileName: string; text: string },
): Promise<{ ok: true; job: ImportJobSummary } | { ok: false; code: ImportFileProblem; line?: number }> {
  const read = readImportFile(input.text);
  if (!read.ok) return read;
  const job = await db
    .insertInto("ImportJob")
    .values({
      shop: input.shop,
      staffUserId: input.staffUserId,
      fileName: input.fileName.replaceAll("\u0000", "").slice(0, 200) || "import.csv",
      fileHash: createHash("sha256").update(input.text).digest("hex"),
      status: "queued",
      totalRows: read.file.rows.length,
      csv: input.text,
      createdAt: instant(new Date()),
    })
    .returning(summaryColumns)
    .executeTakeFirstOrThrow();
  return { ok: true, job: toSummary(job) };
}

export async function listImportJobs(db: SqlDb, shop: string, limit = 10): Promise<ImportJobSummary[]> {
  const rows = await db.selectFrom("ImportJob").select(summaryColumns).where("shop", "=", shop).orderBy("id", "desc").limit(limit).execute();
  return rows.map(toSummary);
}

export async function getImportJob(db: SqlDb, shop: string, id: number): Promise<ImportJobSummary | null> {
  const row = await db.selectFrom("ImportJob").select(summaryColumns).where("shop", "=", shop).where("id", "=", id).executeTakeFirst();
  return row ? toSummary(row) : null;
}

/** Rows of a job's error report, in file order, `batch` at a time (keyset on the row number). */
export async function* importErrorRows(db: SqlDb, shop: string, jobId: number, batch = 1000) {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom("ImportRowError")
      .select(["rowNumber", "issues", "raw"])
      .where("shop", "=", shop)
      .where("jobId", "=", jobId)
      .where("rowNumber", ">", after)
      .orderBy("rowNumber", "asc")
      .limit(batch)
      .execute();
    for (const row of rows) yield { rowNumber: row.rowNumber, issues: JSON.parse(row.issues) as ImportIssue[], raw: row.raw };
    if (rows.length < batch) return;
    after = rows.at(-1)!.rowNumber;
  }
}

export type RunOptions = { batchSize?: number; leaseMs?: number; maxAttempts?: number; now?: () => Date; yieldBetweenBatches?: () => Promise<void> };

const DEFAULT_LEASE_MS = 60_000;
const DEFAULT_MAX_ATTEMPTS = 5;

type Outcome = { kind: "ok"; row: ImportRow; customer: FoundCustomer | null } | { kind: "error"; record: CsvRecord; issues: ImportIssue[] };

/** Finds each valid row's customer: a member of the shop first, then Shopify. Returns outcomes in row order. */
async function resolveBatch(db: SqlDb, shop: string, records: CsvRecord[], columns: ImportColumns, directory: CustomerDirectory): Promise<Outcome[]> {
  const checked = records.map((record) => ({ record, result: validateImportRow(record, columns) }));
  const valid = checked.flatMap(({ result }) => (result.ok ? [result.row] : []));
  const ids = [...new Set(valid.flatMap((row) => (row.customerId ? [row.customerId] : [])))];
  const emails = [...new Set(valid.flatMap((row) => (!row.customerId && row.email ? [row.email] : [])))];

  const [membersById, membersByEmail] = await Promise.all([
    ids.length ? db.selectFrom("Member").select("customerId").where("shop", "=", shop).where("customerId", "in", ids).execute() : [],
    emails.length
      ? db
          .selectFrom("Member")
          .select(["customerId", "email"])
          .where("shop", "=", shop)
          .where("email", "in", emails)
          .where("redactedAt", "is", null)
          .execute()
      : [],
  ]);
  const knownIds = new Set(membersById.map((member) => member.customerId));
  const emailToMember = new Map(membersByEmail.map((member) => [member.email!.toLowerCase(), member.customerId]));
  const missingIds = ids.filter((id) => !knownIds.has(id));
  const missingEmails = emails.filter((email) => !emailToMember.has(email));
  const [foundById, foundByEmail] = await Promise.all([
    missingIds.length ? directory.byIds(missingIds) : new Map<string, FoundCustomer>(),
    missingEmails.length ? directory.byEmails(missingEmails) : new Map<string, FoundCustomer>(),
  ]);

  return checked.map(({ record, result }): Outcome => {
    if (!result.ok) return { kind: "error", record, issues: result.issues };
    const row = result.row;
    if (row.customerId) {
      if (knownIds.has(row.customerId)) return { kind: "ok", row, customer: null };
      const found = foundById.get(row.customerId);
      return found ? { kind: "ok", row, customer: found } : { kind: "error", record, issues: [{ field: "customer_id", code: "customer_not_found" }] };
    }
    const memberId = emailToMember.get(row.email!);
    if (memberId) return { kind: "ok", row: { ...row, customerId: memberId }, customer: null };
    const found = foundByEmail.get(row.email!);
    return found
      ? { kind: "ok", row: { ...row, customerId: found.customerId }, customer: found }
      : { kind: "error", record, issues: [{ field: "email", code: "customer_not_found" }] };
  });
}

/**
 * Runs (or resumes) one import job to its end. Returns "done", "failed", or "busy" when another run holds it.
 * Errors (Shopify unreachable, database) leave the job to be retried once its lease runs out, up to maxAttempts.
 */
export async function runImportJob(db: SqlDb, shop: string, jobId: number, directory: CustomerDirectory, options: RunOptions = {}) {
  const now = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? 200;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;

  return runLeasedJob(db, { table: "ImportJob", shop, jobId, leaseMs, maxAttempts, now, onEnd: { csv: null } }, async (lease) => {
    const job = await db
      .selectFrom("ImportJob")
      .select(["csv", "processedRows", "staffUserId"])
      .where("id", "=", jobId)
      .where("shop", "=", shop)
      .executeTakeFirstOrThrow();
    const read = readImportFile(job.csv ?? "");
    if (!read.ok) throw new Error(`stored file no longer reads: ${read.code}`);
    const { rows, columns, delimiter } = read.file;
    // How many identical rows came before each one, counted from the top of the file (also on a resumed run).
    const seen = new Map<string, number>();
    const occurrenceOf = (row: ImportRow) => {
      const key = sameRowKey(row);
      const occurrence = (seen.get(key) ?? 0) + 1;
      seen.set(key, occurrence);
      return occurrence;
    };
    for (const record of rows.slice(0, job.processedRows)) {
      const checked = validateImportRow(record, columns);
      if (checked.ok) occurrenceOf(checked.row);
    }

    for (let start = job.processedRows; start < rows.length; start += batchSize) {
      const batch = rows.slice(start, start + batchSize);
      // Occurrences count every well-formed row, found or not, exactly as the resume scan above does.
      const occurrences = batch.map((record) => {
        const checked = validateImportRow(record, columns);
        return checked.ok ? occurrenceOf(checked.row) : 0;
      });
      const outcomes = await resolveBatch(db, shop, batch, columns, directory);
      await db.transaction().execute(async (trx) => {
        const counts = { imported: 0, duplicate: 0, zero: 0, points: 0 };
        const errors: Array<{ jobId: number; shop: string; rowNumber: number; issues: string; raw: string }> = [];
        for (const [index, outcome] of outcomes.entries()) {
          if (outcome.kind === "error") {
            errors.push({
              jobId,
              shop,
              rowNumber: outcome.record.line,
              issues: JSON.stringify(outcome.issues),
              raw: csvLine(outcome.record.fields, delimiter).trimEnd(),
            });
            continue;
          }
          const { row } = outcome;
          if (row.points === 0) {
            counts.zero += 1;
            continue;
          }
          const applied = await importRowOrIssue(trx, shop, job.staffUserId, jobId, row, outcome.customer, occurrences[index]!);
          if (typeof applied === "object") {
            errors.push({ jobId, shop, rowNumber: row.line, issues: JSON.stringify([applied]), raw: csvLine(batch[index]!.fields, delimiter).trimEnd() });
          } else if (applied) {
            counts.imported += 1;
            counts.points += row.points;
          } else counts.duplicate += 1;
        }
        if (errors.length) await trx.insertInto("ImportRowError").values(errors).execute();
        await trx
          .updateTable("ImportJob")
          .set((eb) => ({
            processedRows: start + batch.length,
            importedRows: eb("importedRows", "+", counts.imported),
            duplicateRows: eb("duplicateRows", "+", counts.duplicate),
            zeroRows: eb("zeroRows", "+", counts.zero),
            errorRows: eb("errorRows", "+", errors.length),
            importedPoints: eb("importedPoints", "+", counts.points),
          }))
          .where("id", "=", jobId)
          .where("shop", "=", shop)
          .execute();
        await lease.renew(trx);
      });
      await options.yieldBetweenBatches?.();
    }
  });
}

/**
 * One row, or why it could not be applied. Each row is written under a savepoint: a row the points limits or the
 * database refuse (a balance beyond the limit, a value its column cannot hold) is undone alone and becomes a row
 * error, so the job goes on and finishes instead of failing the same batch on every attempt. Any other error (the
 * database gone, a lost lease) still fails the batch, which is retried.
 */
async function importRowOrIssue(...args: Parameters<typeof importRow>): Promise<boolean | ImportIssue> {
  const [trx] = args;
  await sql`SAVEPOINT import_row`.execute(trx);
  try {
    const applied = await importRow(...args);
    await sql`RELEASE SAVEPOINT import_row`.execute(trx);
    return applied;
  } catch (error) {
    const issue: ImportIssue | null =
      error instanceof PointsLimitError ? { field: "points", code: "balance_too_large" } : error instanceof HeldOutError ? { field: "customer", code: "held_out" } : isDataException(error) ? { field: "customer", code: "row_not_storable" } : null;
    if (!issue) throw error;
    await sql`ROLLBACK TO SAVEPOINT import_row`.execute(trx);
    await sql`RELEASE SAVEPOINT import_row`.execute(trx);
    return issue;
  }
}

/** One row: the member (created from Shopify's customer if new) gets the points, once. */
async function importRow(trx: SqlDb, shop: string, staffUserId: string, jobId: number, row: ImportRow, found: FoundCustomer | null, occurrence: number) {
  const customerId = row.customerId!;
  const member = await ensureMember(trx, shop, customerId, found?.profile ?? {});
  const result = await applyAdjustmentLocked(trx, {
    shop,
    memberId: member.id,
    customerId,
    staffUserId,
    points: row.points,
    reason: row.note ? `Imported balance: ${row.note}` : "Imported balance",
    idempotencyKey: importRowKey(customerId, row.points, row.note, occurrence),
    confirmOverdraw: false,
    kind: "import",
    importJobId: jobId,
  });
  return !result.duplicate;
}

