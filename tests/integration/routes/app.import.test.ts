import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { action as importAction, loader as importLoader, type ImportActionResult } from "../../../app/routes/app.import._index";
import { loader as errorsLoader } from "../../../app/routes/app.import.$id.errors";
import { loader as membersExport } from "../../../app/routes/app.export.members";
import { loader as ledgerExport } from "../../../app/routes/app.export.ledger";
import { importJobsIdle } from "../../../app/jobs/import-job.server";
import { createImportJob, runImportJob, type CustomerDirectory } from "../../../app/persistence/csv-import";
import { parseCsv } from "../../../app/rules/csv";
import { MAX_BALANCE_POINTS } from "../../../app/rules/points-limits";
import { createCustomerDirectory } from "../../../app/shopify/customer-lookup.server";
import { expectCachedBalancesMatchLedger, memberBalances } from "../../support/ledger-invariants";
import { adminDocumentRequest, installShop, uniqueShop } from "../../support/shopify-requests";
import { runRoute, seedMember, staffRequest } from "../../support/admin-requests";

const standIn = installAdminApiStandIn();

type LoaderData = Awaited<ReturnType<typeof importLoader>>;

async function upload(shop: string, csv: string, fileName = "balances.csv", sub = "4242") {
  const form = new FormData();
  form.set("file", new File([csv], fileName, { type: "text/csv" }));
  return runRoute<ImportActionResult>(importAction, await staffRequest(shop, "/app/import", { sub, body: form }));
}

async function jobs(shop: string) {
  return (await runRoute<LoaderData>(importLoader, await staffRequest(shop, "/app/import"))).body.jobs;
}

async function readCsv(response: Response | null) {
  expect(response?.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  const bytes = new Uint8Array(await response!.arrayBuffer());
  // A UTF-8 byte-order mark first, so spreadsheets read the names right.
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(new TextDecoder().decode(bytes)).map((record) => record.fields);
}

/** A shop with two members already, and two customers Shopify knows who are not members yet. */
async function migratingShop() {
  const shop = uniqueShop("import");
  await installShop(shop);
  standIn.seedShop(shop, { name: "Tea House" });
  await seedMember(shop, "7001", { email: "ada@example.com", firstName: "Ada" }, 10);
  await seedMember(shop, "7002", { email: "ion@example.com", firstName: "Ion" });
  const lena = standIn.seedCustomer(shop, { email: "lena@example.com", firstName: "Lena", lastName: "Kowalska" });
  const sam = standIn.seedCustomer(shop, { email: "sam@example.com", firstName: "Sam" });
  return { shop, lena: lena.replace("gid://shopify/Customer/", ""), sam: sam.replace("gid://shopify/Customer/", "") };
}

function balancesCsv(ids: { lena: string; sam: string }) {
  return [
    "Email;Customer ID;Points;Note",
    "ADA@example.com;;1200;from Smile",
    ";7002;350;",
    "lena@example.com;;500;from Smile",
    `;gid://shopify/Customer/${ids.sam};75;`,
    "nobody@example.com;;40;",
    "ion@example.com;;abc;",
    "ada@example.com;;0;",
    "ada@example.com;;5;bonus",
    "ada@example.com;;5;bonus",
  ].join("\r\n");
}

describe("CSV import", () => {
  it("imports balances as a job: members and Shopify customers found, bad rows reported, audited with the uploader", async () => {
    const { shop, lena, sam } = await migratingShop();
    const result = await upload(shop, balancesCsv({ lena, sam }));
    expect(result.status).toBe(200);
    await importJobsIdle();

    const [job] = await jobs(shop);
    expect(job).toMatchObject({
      status: "done",
      fileName: "balances.csv",
      totalRows: 9,
      processedRows: 9,
      importedRows: 6,
      importedPoints: 1200 + 350 + 500 + 75 + 5 + 5,
      duplicateRows: 0,
      zeroRows: 1,
      errorRows: 2,
      staffUserId: "4242",
    });
    expect(await memberBalances(shop, "7001")).toEqual({ available: 10 + 1200 + 5 + 5, pending: 0 });
    expect(await memberBalances(shop, "7002")).toEqual({ available: 350, pending: 0 });
    expect(await memberBalances(shop, lena)).toEqual({ available: 500, pending: 0 });
    expect(await memberBalances(shop, sam)).toEqual({ available: 75, pending: 0 });
    // A new member gets the profile Shopify has.
    expect(await db.member.findUnique({ where: { shop_customerId: { shop, customerId: lena } } })).toMatchObject({
      email: "lena@example.com",
      firstName: "Lena",
      lastName: "Kowalska",
    });
    const entry = await db.ledgerEntry.findFirstOrThrow({ where: { shop, kind: "import", memberId: (await db.member.findFirstOrThrow({ where: { shop, customerId: lena } })).id } });
    expect(entry).toMatchObject({ availableDelta: 500n, reason: "Imported balance: from Smile", sourceType: "staff", sourceId: "4242" });
    expect(await db.pointsAdjustment.count({ where: { shop, importJobId: job!.id, staffUserId: "4242" } })).toBe(6);
    await expectCachedBalancesMatchLedger(shop);
    // No personal data is kept with a finished job.
    expect((await db.importJob.findUniqueOrThrow({ where: { id: job!.id } })).csv).toBeNull();

    const report = await runRoute(errorsLoader, await adminDocumentRequest(shop, `/app/import/${job!.id}/errors`), { id: String(job!.id) });
    expect(report.status).toBe(200);
    expect(await readCsv(report.response)).toEqual([
      ["Line", "Problems", "Row"],
      ["6", "Your store has no customer with this email or ID.", "nobody@example.com;;40;"],
      ["7", "Points must be a whole number.", "ion@example.com;;abc;"],
    ]);
    const polish = await runRoute(errorsLoader, await adminDocumentRequest(shop, `/app/import/${job!.id}/errors?locale=pl`), { id: String(job!.id) });
    expect((await readCsv(polish.response))[2]).toEqual(["7", "Punkty muszą być liczbą całkowitą.", "ion@example.com;;abc;"]);
  });

  it("GIVEN the same file imported twice, or a corrected copy THEN no row's points are added twice", async () => {
    const { shop, lena, sam } = await migratingShop();
    const csv = balancesCsv({ lena, sam });
    await upload(shop, csv);
    await importJobsIdle();
    const after = await db.member.findMany({ where: { shop }, orderBy: { id: "asc" }, select: { customerId: true, availablePoints: true } });

    await upload(shop, csv);
    await importJobsIdle();
    const [again] = await jobs(shop);
    expect(again).toMatchObject({ status: "done", importedRows: 0, importedPoints: 0, duplicateRows: 6, errorRows: 2 });
    expect(await db.member.findMany({ where: { shop }, orderBy: { id: "asc" }, select: { customerId: true, availablePoints: true } })).toEqual(after);

    // Fix the bad row, add the missing customer in Shopify, and upload again: only those two rows are new.
    standIn.seedCustomer(shop, { email: "nobody@example.com" });
    await upload(shop, csv.replace("ion@example.com;;abc;", "ion@example.com;;25;"), "balances-fixed.csv");
    await importJobsIdle();
    const [fixed] = await jobs(shop);
    expect(fixed).toMatchObject({ status: "done", importedRows: 2, importedPoints: 40 + 25, duplicateRows: 6, errorRows: 0 });
    expect(await memberBalances(shop, "7002")).toEqual({ available: 350 + 25, pending: 0 });
    await expectCachedBalancesMatchLedger(shop);
  });

  it.each([
    ["name,score\nAda,1\n", "missing_columns", 1],
    ["email,points\n", "empty", undefined],
    ['email,points\nada@example.com,"10\n', "unterminated_quote", 2],
  ])("GIVEN a file that cannot be read (%j) THEN 400 %s and no job", async (csv, code, line) => {
    const { shop } = await migratingShop();
    const result = await upload(shop, csv);
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ ok: false, issues: [{ field: "file", code, ...(line ? { values: { line } } : {}) }] });
    expect(await db.importJob.count({ where: { shop } })).toBe(0);
  });

  it("GIVEN a file that is not UTF-8 text THEN 400 and no job", async () => {
    const { shop } = await migratingShop();
    const form = new FormData();
    form.set("file", new File([new Uint8Array([0x65, 0x6d, 0xff, 0xfe, 0x00, 0xc3])], "balances.xlsx"));
    const result = await runRoute<ImportActionResult>(importAction, await staffRequest(shop, "/app/import", { body: form }));
    expect(result).toMatchObject({ status: 400, body: { ok: false, issues: [{ field: "file", code: "not_text" }] } });
    expect(await db.importJob.count({ where: { shop } })).toBe(0);
  });

  it("GIVEN another shop's customer id or job THEN nothing of that shop is read or changed", async () => {
    const { shop } = await migratingShop();
    const victim = uniqueShop("import-victim");
    await installShop(victim);
    standIn.seedShop(victim, { name: "Victim" });
    const theirs = standIn.seedCustomer(victim, { email: "victim@example.com" }).replace("gid://shopify/Customer/", "");
    await seedMember(victim, theirs, { email: "victim@example.com" }, 100);
    const victimJob = await createImportJob(sqlDb, { shop: victim, staffUserId: "1", fileName: "v.csv", text: "email,points\nvictim@example.com,1\n" });

    await upload(shop, `customer_id,email,points\n${theirs},,999\n,victim@example.com,999\n`);
    await importJobsIdle();
    const [job] = await jobs(shop);
    expect(job).toMatchObject({ status: "done", importedRows: 0, errorRows: 2 });
    expect(await memberBalances(victim, theirs)).toEqual({ available: 100, pending: 0 });
    expect(await db.member.count({ where: { shop, customerId: theirs } })).toBe(0);

    const report = await runRoute(errorsLoader, await adminDocumentRequest(shop, `/app/import/${victimJob.ok && victimJob.job.id}/errors`), {
      id: String(victimJob.ok && victimJob.job.id),
    });
    expect(report.status).toBe(404);
  });

  it("GIVEN a run that fails half-way THEN the job keeps its progress and a later run finishes it without adding anything twice", async () => {
    const { shop, lena, sam } = await migratingShop();
    const created = await createImportJob(sqlDb, { shop, staffUserId: "4242", fileName: "b.csv", text: balancesCsv({ lena, sam }) });
    if (!created.ok) throw new Error("job not created");
    const real = createCustomerDirectory(async (query, options) => {
      const { unauthenticated } = await import("../../../app/shopify.server");
      const { admin } = await unauthenticated.admin(shop);
      return admin.graphql(query, options);
    });
    let calls = 0;
    const flaky: CustomerDirectory = {
      byIds: (ids) => real.byIds(ids),
      byEmails: async (emails) => {
        calls += 1;
        if (calls === 2) throw new Error("Shopify did not answer");
        return real.byEmails(emails);
      },
    };
    const clock = { now: new Date("2030-01-01T00:00:00Z") };
    const options = { batchSize: 3, leaseMs: 60_000, now: () => clock.now };

    await expect(runImportJob(sqlDb, shop, created.job.id, flaky, options)).rejects.toThrow("Shopify did not answer");
    const stopped = await db.importJob.findUniqueOrThrow({ where: { id: created.job.id } });
    expect(stopped).toMatchObject({ status: "running", processedRows: 3, attempts: 1, lastError: "Shopify did not answer" });
    // Its lease still holds: nobody else may run it yet.
    expect(await runImportJob(sqlDb, shop, created.job.id, real, options)).toBe("busy");

    clock.now = new Date("2030-01-01T00:02:00Z");
    expect(await runImportJob(sqlDb, shop, created.job.id, flaky, options)).toBe("done");
    expect(await db.importJob.findUniqueOrThrow({ where: { id: created.job.id } })).toMatchObject({
      status: "done",
      processedRows: 9,
      importedRows: 6,
      errorRows: 2,
      attempts: 2,
    });
    expect(await memberBalances(shop, "7001")).toEqual({ available: 1220, pending: 0 });
    await expectCachedBalancesMatchLedger(shop);
  });
});

describe("CSV export", () => {
  it("exports the shop's members and ledger, streamed, and nothing of other shops", async () => {
    const shop = uniqueShop("export");
    await installShop(shop);
    await seedMember(shop, "1", { email: "ada@example.com", firstName: "=cmd()", lastName: "Nowak" }, 120);
    await seedMember(shop, "2", { email: "ion@example.com", firstName: "Ion", lastName: "Popescu, Jr." }, 0, 30);
    await seedMember(uniqueShop("export-other"), "3", { email: "other@example.com" }, 999);

    const members = await readCsv((await runRoute(membersExport, await adminDocumentRequest(shop, "/app/export/members"))).response);
    expect(members.map((row) => row.slice(0, 6))).toEqual([
      ["customer_id", "email", "first_name", "last_name", "points", "pending_points"],
      ["1", "ada@example.com", "'=cmd()", "Nowak", "120", "0"],
      ["2", "ion@example.com", "Ion", "Popescu, Jr.", "0", "30"],
    ]);

    const ledger = await readCsv((await runRoute(ledgerExport, await adminDocumentRequest(shop, "/app/export/ledger"))).response);
    expect(ledger[0]).toEqual(["entry_id", "created_at", "customer_id", "kind", "available_change", "pending_change", "reason", "source", "order_id"]);
    expect(ledger.slice(1).map((row) => [row[2], row[3], row[4], row[5]])).toEqual([
      ["1", "action_bonus", "120", "0"],
      ["2", "action_bonus", "0", "30"],
    ]);
  });

  it("pages through more rows than one query returns", async () => {
    const shop = uniqueShop("export-big");
    await installShop(shop);
    const member = await seedMember(shop, "1", {}, 0);
    const { appendEntries } = await import("../../../app/persistence/ledger");
    for (let batch = 0; batch < 5; batch += 1) {
      await sqlDb.transaction().execute((tx) =>
        appendEntries(
          tx,
          shop,
          member.id,
          Array.from({ length: 500 }, (_, j) => batch * 500 + j).map((i) => ({
          kind: "adjust" as const,
          availableDelta: 1,
          pendingDelta: 0,
          reason: `r${i}`,
          sourceType: "system" as const,
          sourceId: "t",
            idempotencyKey: `big-${i}`,
          })),
        ),
      );
    }
    const ledger = await readCsv((await runRoute(ledgerExport, await adminDocumentRequest(shop, "/app/export/ledger"))).response);
    expect(ledger).toHaveLength(2501);
    const ids = ledger.slice(1).map((row) => Number(row[0]));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(2500);
  });
});

describe("CSV import of large balances", () => {
  it("GIVEN balances adding up beyond 2^31, and a row that would pass the most a balance may hold THEN the others are imported exactly, that row is a row error, and the job is done", async () => {
    const shop = uniqueShop("import-large");
    await installShop(shop);
    standIn.seedShop(shop, { name: "Big Spenders" });
    await seedMember(shop, "7101", { email: "big@example.com" }, 2_140_000_000);
    await seedMember(shop, "7102", { email: "full@example.com" }, MAX_BALANCE_POINTS - 5);
    const rows = [
      "customer_id,points,note",
      // 2,140,000,000 + 3 × 10,000,000 = 2,170,000,000: past 2^31 − 1.
      "7101,10000000,a",
      "7101,10000000,b",
      "7101,10000000,c",
      "7102,10,too much",
      "7102,5,just fits",
    ];
    expect((await upload(shop, rows.join("\n"))).status).toBe(200);
    await importJobsIdle();

    const [job] = await jobs(shop);
    expect(job).toMatchObject({ status: "done", importedRows: 4, errorRows: 1, importedPoints: 30_000_005 });
    expect(await memberBalances(shop, "7101")).toEqual({ available: 2_170_000_000, pending: 0 });
    expect(await memberBalances(shop, "7102")).toEqual({ available: MAX_BALANCE_POINTS, pending: 0 });
    const errors = await db.importRowError.findMany({ where: { shop } });
    expect(errors.map((e) => [e.rowNumber, JSON.parse(e.issues)])).toEqual([[5, [{ field: "points", code: "balance_too_large" }]]]);
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN a file with a NUL character THEN it is refused as not text and no job is made", async () => {
    const shop = uniqueShop("import-nul");
    await installShop(shop);
    const result = await upload(shop, "customer_id,points\n7101,10\u0000\n");
    expect(result.status).toBe(400);
    expect(await db.importJob.count({ where: { shop } })).toBe(0);
  });
});
