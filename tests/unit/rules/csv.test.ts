import { describe, expect, it } from "vitest";
import { csvField, csvLine, detectDelimiter, parseCsv, CsvFormatError } from "../../../app/rules/csv";
import { importColumns, importRowKey, readImportFile, validateImportRow } from "../../../app/persistence/csv-import";

describe("CSV reading", () => {
  it("reads quoted fields with delimiters, doubled quotes and line breaks, and knows each record's first line", () => {
    const text = '\ufeffemail,points,note\r\n"a@x.com",10,"says ""hi"", twice"\r\nb@x.com,20,"two\nlines"\nc@x.com,30,\r\n';
    expect(parseCsv(text)).toEqual([
      { fields: ["email", "points", "note"], line: 1 },
      { fields: ["a@x.com", "10", 'says "hi", twice'], line: 2 },
      { fields: ["b@x.com", "20", "two\nlines"], line: 3 },
      { fields: ["c@x.com", "30", ""], line: 5 },
    ]);
  });

  it("detects semicolons and tabs from the header, and skips empty rows a spreadsheet adds", () => {
    expect(detectDelimiter("email;points;note\na;1;x")).toBe(";");
    expect(detectDelimiter("email\tpoints\n")).toBe("\t");
    expect(detectDelimiter('"a,b";c;d\n')).toBe(";");
    expect(parseCsv("email;points\n;\nx@y.z;5\n\n;;\n").map((r) => r.fields)).toEqual([["email", "points"], ["x@y.z", "5"]]);
    expect(parseCsv('a,b\n"",""\n').map((r) => r.fields)).toEqual([["a", "b"], ["", ""]]);
  });

  it("refuses a quote that never closes, naming its line", () => {
    expect(() => parseCsv('email,points\n"a@x.com,10\nb,2\n')).toThrow(CsvFormatError);
    const thrown = (() => {
      try {
        parseCsv('email,points\nok,1\n"a@x.com,10\n');
        return null;
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(CsvFormatError);
    expect((thrown as CsvFormatError).line).toBe(3);
  });
});

describe("CSV writing", () => {
  it("quotes what needs quoting and round-trips through the reader", () => {
    const values = ["plain", "a,b", 'say "x"', "two\nlines", 42, null];
    const line = csvLine(values);
    expect(line).toBe('plain,"a,b","say ""x""","two\nlines",42,\r\n');
    expect(parseCsv(line)[0]!.fields).toEqual(["plain", "a,b", 'say "x"', "two\nlines", "42", ""]);
  });

  it("never lets text become a spreadsheet formula, but leaves numbers alone", () => {
    expect(csvField("=HYPERLINK(\"http://x\")")).toBe("\"'=HYPERLINK(\"\"http://x\"\")\"");
    expect(csvField("+1 555")).toBe("'+1 555");
    expect(csvField("@sum")).toBe("'@sum");
    expect(csvField(-40)).toBe("-40");
  });
});

describe("Import file", () => {
  it("finds the columns under the names other apps use", () => {
    expect(importColumns(["Email", "Points Balance", "Notes"])).toEqual({ email: 0, customerId: null, points: 1, note: 2 });
    expect(importColumns(["customer-id", "balance"])).toEqual({ email: null, customerId: 0, points: 1, note: null });
    expect(importColumns(["email", "name"])).toBeNull();
    expect(importColumns(["points", "name"])).toBeNull();
  });

  it("refuses files without rows or columns", () => {
    expect(readImportFile("")).toEqual({ ok: false, code: "empty" });
    expect(readImportFile("email,points\n")).toEqual({ ok: false, code: "empty" });
    expect(readImportFile("name,score\nAda,1\n")).toEqual({ ok: false, code: "missing_columns", line: 1 });
    expect(readImportFile('email,points\n"x,1\n')).toEqual({ ok: false, code: "unterminated_quote", line: 2 });
  });

  it("checks every row on its own", () => {
    const columns = { email: 0, customerId: 1, points: 2, note: 3 };
    const row = (...fields: string[]) => validateImportRow({ fields, line: 7 }, columns);
    expect(row("Ada@Example.com", "", "1 200", "old app")).toEqual({
      ok: true,
      row: { line: 7, customerId: null, email: "ada@example.com", points: 1200, note: "old app" },
    });
    expect(row("", "gid://shopify/Customer/7002", "5", "")).toMatchObject({ ok: true, row: { customerId: "7002", note: null } });
    expect(row("", "", "5")).toEqual({ ok: false, issues: [{ field: "customer", code: "customer_missing" }] });
    expect(row("not-an-email", "", "5")).toEqual({ ok: false, issues: [{ field: "email", code: "invalid_email" }] });
    expect(row("", "12a", "5")).toEqual({ ok: false, issues: [{ field: "customer_id", code: "invalid_customer_id" }] });
    expect(row("a@b.co", "", "1.5")).toEqual({ ok: false, issues: [{ field: "points", code: "points_not_whole" }] });
    expect(row("a@b.co", "", "-3")).toEqual({ ok: false, issues: [{ field: "points", code: "points_negative" }] });
    expect(row("a@b.co", "", "10000001")).toEqual({ ok: false, issues: [{ field: "points", code: "points_too_large" }] });
    expect(row("a@b.co", "", "1", "x".repeat(201))).toEqual({ ok: false, issues: [{ field: "note", code: "note_too_long" }] });
    expect(row("", "", "")).toEqual({
      ok: false,
      issues: [
        { field: "customer", code: "customer_missing" },
        { field: "points", code: "points_not_whole" },
      ],
    });
  });

  it("keys a row by customer, points, note and occurrence, nothing else", () => {
    const key = importRowKey("7001", 100, "old app", 1);
    expect(key).toMatch(/^import:[0-9a-f]{40}$/);
    expect(importRowKey("7001", 100, "old app", 1)).toBe(key);
    expect(new Set([key, importRowKey("7001", 100, "old app", 2), importRowKey("7001", 101, "old app", 1), importRowKey("7002", 100, "old app", 1), importRowKey("7001", 100, null, 1)]).size).toBe(5);
  });
});
