// The merchant's grant of the sign-up bonus to customers whose account is older than the program, through the real
// Ways to earn route (session tokens as Shopify signs them) and the Admin API stand-in (which customers have an
// account, by Shopify's search). Once per customer ever, on the sign-up path's own ledger key; the hold-out is left out.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { action as waysAction } from "../../../app/routes/app.ways-to-earn";
import { saveProgramSettings } from "../../../app/persistence/program-settings";
import { DEFAULT_PROGRAM_SETTINGS } from "../../../app/rules/program-settings";
import { appendEntries, ensureMember } from "../../../app/persistence/ledger";
import { signupBonusEntry } from "../../../app/persistence/members";
import { installShop, uniqueShop } from "../../support/shopify-requests";
import { runRoute, staffRequest } from "../../support/admin-requests";
import { memberBalances } from "../../support/ledger-invariants";

const standIn = installAdminApiStandIn();

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const BEFORE = "2025-03-01T10:00:00Z";

async function shopWithCustomers() {
  const shop = uniqueShop("existing");
  await installShop(shop);
  await saveProgramSettings(sqlDb, shop, { ...DEFAULT_PROGRAM_SETTINGS, signupBonus: 200 });
  const after = new Date(Date.now() + 3_600_000).toISOString();
  standIn.seedCustomer(shop, { id: 9001, state: "ENABLED", createdAt: BEFORE }); // a member already (ordered before)
  standIn.seedCustomer(shop, { id: 9002, state: "ENABLED", createdAt: BEFORE }); // not met by the app yet
  standIn.seedCustomer(shop, { id: 9003, state: "DISABLED", createdAt: BEFORE }); // no account (guest checkout)
  standIn.seedCustomer(shop, { id: 9004, state: "ENABLED", createdAt: after }); // signed up after install: not older
  standIn.seedCustomer(shop, { id: 9005, state: "ENABLED", createdAt: BEFORE }); // in the analytics hold-out
  standIn.seedCustomer(shop, { id: 9006, state: "ENABLED", createdAt: BEFORE }); // got the bonus already
  await ensureMember(sqlDb, shop, "9001");
  await ensureMember(sqlDb, shop, "9005", {}, new Date(), true);
  const got = await ensureMember(sqlDb, shop, "9006");
  await sqlDb.transaction().execute((trx) => appendEntries(trx, shop, got.id, [signupBonusEntry("9006", 200)]));
  return shop;
}

const post = async (shop: string, intent: string) => runRoute<Json>(waysAction, await staffRequest(shop, "/app/ways-to-earn", { form: { intent } }));

describe("sign-up bonus for accounts older than the program", () => {
  it("GIVEN accounts from before the install WHEN previewed THEN it counts who would get it and writes nothing; WHEN confirmed twice THEN each gets it once", async () => {
    const shop = await shopWithCustomers();
    const ledgerBefore = await db.ledgerEntry.count({ where: { shop } });

    const preview = await post(shop, "preview_existing_accounts");
    expect(preview).toMatchObject({ status: 200, body: { ok: true, customers: 2, points: 400, perCustomer: 200, skipped: 2, complete: true } });
    expect(await db.ledgerEntry.count({ where: { shop } })).toBe(ledgerBefore);
    expect(await memberBalances(shop, "9002")).toBeNull();

    const first = await post(shop, "grant_existing_accounts");
    expect(first).toMatchObject({ status: 200, body: { ok: true, granted: 2, points: 400 } });
    const second = await post(shop, "grant_existing_accounts");
    expect(second).toMatchObject({ status: 200, body: { ok: true, granted: 0, points: 0 } });

    expect(await memberBalances(shop, "9001")).toEqual({ available: 200, pending: 0 });
    expect(await memberBalances(shop, "9002")).toEqual({ available: 200, pending: 0 });
    expect(await memberBalances(shop, "9005")).toEqual({ available: 0, pending: 0 });
    expect(await memberBalances(shop, "9006")).toEqual({ available: 200, pending: 0 });
    expect(await memberBalances(shop, "9003")).toBeNull();
    expect(await memberBalances(shop, "9004")).toBeNull();
    for (const id of ["9001", "9002", "9006"]) {
      expect(await db.ledgerEntry.count({ where: { shop, idempotencyKey: `customer:${id}:signup` } })).toBe(1);
    }
    expect(await db.ledgerEntry.count({ where: { shop, idempotencyKey: "customer:9005:signup" } })).toBe(0);
    // Nobody is left to give it to.
    expect(await post(shop, "preview_existing_accounts")).toMatchObject({ status: 200, body: { customers: 0, points: 0 } });
  });

  it("GIVEN a sign-up bonus of 0 THEN nobody would get anything and a grant writes nothing", async () => {
    const shop = await shopWithCustomers();
    await saveProgramSettings(sqlDb, shop, { ...DEFAULT_PROGRAM_SETTINGS, signupBonus: 0 });
    const ledgerBefore = await db.ledgerEntry.count({ where: { shop } });
    expect(await post(shop, "preview_existing_accounts")).toMatchObject({ status: 200, body: { customers: 0, points: 0, skipped: 0 } });
    expect(await post(shop, "grant_existing_accounts")).toMatchObject({ status: 200, body: { granted: 0 } });
    expect(await db.ledgerEntry.count({ where: { shop } })).toBe(ledgerBefore);
  });

  it("GIVEN Shopify failing WHEN the grant is confirmed THEN 503 on the intent and nothing is given", async () => {
    const shop = await shopWithCustomers();
    const ledgerBefore = await db.ledgerEntry.count({ where: { shop } });
    standIn.injectFault({ kind: "http5xx", status: 503 }, { operationName: "ExistingAccounts" });
    const answer = await post(shop, "grant_existing_accounts");
    expect(answer).toMatchObject({ status: 503, body: { ok: false, issues: [{ field: "intent", code: "shopify_unavailable" }] } });
    expect(await db.ledgerEntry.count({ where: { shop } })).toBe(ledgerBefore);
  });
});
