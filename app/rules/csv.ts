// CSV as spreadsheets write and read it (RFC 4180): fields separated by a delimiter, quoted when they hold the
// delimiter, a quote or a line break, quotes doubled inside quotes; lines end in CRLF, LF or CR. Spreadsheets set to
// Polish, Romanian or Russian write ";" instead of ",", so reading detects the delimiter from the header line.

export type CsvRecord = { fields: string[]; line: number };

export class CsvFormatError extends Error {
  constructor(
    readonly code: "unterminated_quote",
    readonly line: number,
  ) {
    super(`a quoted field opened on line ${line} is never closed`);
    this.name = "CsvFormatError";
  }
}

const DELIMITERS = [",", ";", "\t"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** The delimiter that splits the first line (outside quotes) into the most fields. */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char as Delimiter)) counts.set(char as Delimiter, counts.get(char as Delimiter)! + 1);
  }
  let best: Delimiter = ",";
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/**
 * Every record of `text` with the line it starts on (1-based). A leading byte-order mark is dropped; blank lines are
 * skipped. Throws CsvFormatError for a quote that is never closed.
 */
export function parseCsv(text: string, delimiter: Delimiter = detectDelimiter(text)): CsvRecord[] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let fieldWasQuoted = false;
  let anyQuoted = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;

  const endRecord = () => {
    fields.push(field);
    // Spreadsheets pad a sheet with empty rows (",,,"): those are not records.
    const blank = !anyQuoted && fields.every((value) => value === "");
    if (!blank) records.push({ fields, line: recordLine });
    fields = [];
    field = "";
    fieldWasQuoted = false;
    anyQuoted = false;
  };

  for (let i = 0; i < input.length; i += 1) {
    const char = input[i]!;
    if (quoted) {
      if (char === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 1;
        } else {
          quoted = false;
        }
      } else {
        if (char === "\n" || (char === "\r" && input[i + 1] !== "\n")) line += 1;
        field += char;
      }
      continue;
    }
    if (char === '"' && field === "") {
      quoted = true;
      fieldWasQuoted = true;
      anyQuoted = true;
      quoteLine = line;
    } else if (char === delimiter) {
      fields.push(field);
      field = "";
      fieldWasQuoted = false;
    } else if (char === "\r" || char === "\n") {
      if (char === "\r" && input[i + 1] === "\n") i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      field += char;
    }
  }
  if (quoted) throw new CsvFormatError("unterminated_quote", quoteLine);
  if (field !== "" || fields.length > 0 || fieldWasQuoted) endRecord();
  return records;
}

/**
 * One field, quoted when needed. Text that a spreadsheet would run as a formula (starting with = + - @ or a tab or
 * carriage return) gets a leading apostrophe, so an exported customer name can never become a formula; numbers are
 * written as they are.
 */
export function csvField(value: string | number | null | undefined, delimiter: Delimiter = ","): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: Array<string | number | null | undefined>, delimiter: Delimiter = ","): string {
  return `${values.map((value) => csvField(value, delimiter)).join(delimiter)}\r\n`;
}
