import { describe, expect, it } from "vitest";
import db from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { loader as listLoader } from "../../../app/routes/app.customers._index";
import { action as detailAction, loader as detailLoader, type AdjustActionResult } from "../../../app/routes/app.customers.$id/route";
import { redactShop } from "../../../app/persistence/privacy";
import { expectCachedBalancesMatchLedger, memberBalances } from "../../support/ledger-invariants";
import { forgedSessionToken, installShop, uniqueShop, APP_URL } from "../../support/shopify-requests";
import { runRoute, seedMember, staffRequest } from "../../support/admin-requests";

installAdminApiStandIn();

type ListData = Awaited<ReturnType<typeof listLoader>>;
type DetailData = Awaited<ReturnType<typeof detailLoader>>;

async function shopWithMembers() {
  const shop = uniqueShop("customers");
  await installShop(shop);
  await seedMember(shop, "101", { firstName: "Ada", lastName: "Nowak", email: "ada.nowak@example.com" }, 1200);
  await seedMember(shop, "102", { firstName: "Ion", lastName: "Popescu", email: "ion@example.com" }, 350);
  await seedMember(shop, "103", { firstName: "Maria", lastName: "Ivanova", email: "maria@example.com" }, 5000);
  await seedMember(shop, "104", { firstName: "Sam", lastName: "Taylor", email: "sam@example.com" }, 0);
  await seedMember(shop, "105", { firstName: "Lena", lastName: "Kowalska", email: "lena@example.com" }, 80);
  return shop;
}

async function list(shop: string, query = "") {
  const result = await runRoute<ListData>(listLoader, await staffRequest(shop, `/app/customers${query}`));
  expect(result.status).toBe(200);
  return result.body;
}

function adjustForm(points: string, reason: string, extra: Record<string, string> = {}) {
  return { points, reason, requestKey: crypto.randomUUID(), confirmOverdraw: "false", ...extra };
}

async function adjust(shop: string, customerId: string, form: Record<string, string>, sub = "777") {
  const request = await staffRequest(shop, `/app/customers/${customerId}`, { sub, form });
  return runRoute<AdjustActionResult>(detailAction, request, { id: customerId });
}

describe("Customers list", () => {
  it("GIVEN members in two shops WHEN a shop lists its customers THEN it sees only its own, most points first", async () => {
    const shop = await shopWithMembers();
    const other = uniqueShop("other");
    await seedMember(other, "101", { firstName: "Ada", email: "someone-else@example.com" }, 99_999);

    const page = await list(shop);
    expect(page.total).toBe(5);
    expect(page.members.map((m) => m.customerId)).toEqual(["103", "101", "102", "105", "104"]);
    expect(page.members.map((m) => m.availablePoints)).toEqual([5000, 1200, 350, 80, 0]);
    expect(page.next).toBeNull();
    expect(page.previous).toBeNull();
  });

  it("searches by part of a name, an email, a full name or the customer id, case-insensitively", async () => {
    const shop = await shopWithMembers();
    expect((await list(shop, "?q=nowak")).members.map((m) => m.customerId)).toEqual(["101"]);
    expect((await list(shop, "?q=ION%40EXAMPLE")).members.map((m) => m.customerId)).toEqual(["102"]);
    expect((await list(shop, "?q=Maria+Ivanova")).members.map((m) => m.customerId)).toEqual(["103"]);
    expect((await list(shop, "?q=105")).members.map((m) => m.customerId)).toEqual(["105"]);
    const none = await list(shop, "?q=nobody");
    expect(none.members).toEqual([]);
    expect(none.total).toBe(0);
  });

  it("pages through many members with cursors, forwards and back, each member exactly once, in every sort", async () => {
    const shop = uniqueShop("paging");
    await installShop(shop);
    // 60 members, many sharing a balance, so ties must be broken by id for paging to be exact.
    for (let i = 0; i < 60; i += 1) await seedMember(shop, String(1000 + i), { email: `m${i}@example.com` }, (i % 7) * 10);

    for (const sort of ["balance_desc", "balance_asc", "joined_desc", "joined_asc"]) {
      const seen: string[] = [];
      const pages: ListData[] = [];
      let page = await list(shop, `?sort=${sort}`);
      pages.push(page);
      seen.push(...page.members.map((m) => m.customerId));
      while (page.next) {
        page = await list(shop, `?sort=${sort}&after=${page.next}`);
        pages.push(page);
        seen.push(...page.members.map((m) => m.customerId));
      }
      expect(pages.map((p) => p.members.length)).toEqual([25, 25, 10]);
      expect(new Set(seen).size).toBe(60);
      const balances = seen.map((id) => ((Number(id) - 1000) % 7) * 10);
      if (sort === "balance_desc") expect(balances).toEqual([...balances].sort((a, b) => b - a));
      if (sort === "balance_asc") expect(balances).toEqual([...balances].sort((a, b) => a - b));
      if (sort === "joined_desc") expect(seen).toEqual([...seen].sort().reverse());
      if (sort === "joined_asc") expect(seen).toEqual([...seen].sort());

      // Back from the last page: the same pages in reverse.
      let back = pages.at(-1)!;
      for (let i = pages.length - 2; i >= 0; i -= 1) {
        back = await list(shop, `?sort=${sort}&before=${back.previous}`);
        expect(back.members.map((m) => m.customerId)).toEqual(pages[i]!.members.map((m) => m.customerId));
      }
      expect(back.previous).toBeNull();
    }
  });

  it("ignores a malformed cursor and an unknown sort (first page, default order)", async () => {
    const shop = await shopWithMembers();
    const page = await list(shop, "?sort=bogus&after=';drop");
    expect(page.sort).toBe("balance_desc");
    expect(page.members[0]!.customerId).toBe("103");
  });

  it("GIVEN a session token signed with another secret THEN 401", async () => {
    const shop = await shopWithMembers();
    const request = new Request(`${APP_URL}/app/customers`, { headers: { Authorization: `Bearer ${await forgedSessionToken(shop)}` } });
    expect((await runRoute(listLoader, request)).status).toBe(401);
  });
});

describe("Customer detail", () => {
  it("shows balances, history and issued rewards of the shop's customer", async () => {
    const shop = await shopWithMembers();
    const result = await runRoute<DetailData>(detailLoader, await staffRequest(shop, "/app/customers/101"), { id: "101" });
    expect(result.status).toBe(200);
    expect(result.body.member).toMatchObject({ customerId: "101", email: "ada.nowak@example.com", availablePoints: 1200 });
    expect(result.body.history.entries.map((e) => e.availableDelta)).toEqual([1200]);
    expect(result.body.audit.entries).toEqual([]);
    expect(result.body.requestKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("GIVEN another shop's customer id THEN 404 on the page and on an adjustment, and nothing is written", async () => {
    const shop = await shopWithMembers();
    const other = uniqueShop("victim");
    await installShop(other);
    await seedMember(other, "900", { firstName: "Victim", email: "victim@example.com" }, 500);

    const page = await runRoute(detailLoader, await staffRequest(shop, "/app/customers/900"), { id: "900" });
    expect(page.status).toBe(404);
    const adjusted = await adjust(shop, "900", adjustForm("-500", "steal"));
    expect(adjusted.status).toBe(404);
    expect(await memberBalances(other, "900")).toEqual({ available: 500, pending: 0 });
    expect(await db.pointsAdjustment.count({ where: { shop: { in: [shop, other] } } })).toBe(0);
    expect(await db.ledgerEntry.count({ where: { shop, kind: "adjust" } })).toBe(0);
  });

  it("filters the history by what happened and pages it", async () => {
    const shop = await shopWithMembers();
    for (let i = 0; i < 25; i += 1) expect((await adjust(shop, "101", adjustForm("1", `bonus ${i}`))).status).toBe(200);
    const adjustments = await runRoute<DetailData>(detailLoader, await staffRequest(shop, "/app/customers/101?filter=adjusted"), { id: "101" });
    expect(adjustments.body.history.entries).toHaveLength(20);
    expect(adjustments.body.history.entries.every((e) => e.kind === "adjust")).toBe(true);
    const older = await runRoute<DetailData>(
      detailLoader,
      await staffRequest(shop, `/app/customers/101?filter=adjusted&before=${adjustments.body.history.nextBefore}`),
      { id: "101" },
    );
    expect(older.body.history.entries.map((e) => e.reason)).toEqual(["bonus 4", "bonus 3", "bonus 2", "bonus 1", "bonus 0"]);
    expect(older.body.history.nextBefore).toBeNull();
    const earned = await runRoute<DetailData>(detailLoader, await staffRequest(shop, "/app/customers/101?filter=earned"), { id: "101" });
    expect(earned.body.history.entries.map((e) => e.kind)).toEqual(["action_bonus"]);
  });
});

describe("Adjust points", () => {
  it("GIVEN a reason WHEN staff member 777 adds 250 points THEN the ledger, the balance and the audit log record it with 777", async () => {
    const shop = await shopWithMembers();
    const result = await adjust(shop, "102", adjustForm("250", "  Parcel arrived damaged  "), "777");
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ ok: true, points: 250, availablePoints: 600, duplicate: false });

    const entry = await db.ledgerEntry.findFirstOrThrow({ where: { shop, kind: "adjust" } });
    expect(entry).toMatchObject({ availableDelta: 250n, pendingDelta: 0n, reason: "Parcel arrived damaged", sourceType: "staff", sourceId: "777" });
    const audit = await db.pointsAdjustment.findFirstOrThrow({ where: { shop } });
    expect(audit).toMatchObject({
      staffUserId: "777",
      points: 250n,
      reason: "Parcel arrived damaged",
      availableBefore: 350n,
      availableAfter: 600n,
      overdrawConfirmed: false,
      idempotencyKey: entry.idempotencyKey,
    });
    await expectCachedBalancesMatchLedger(shop);

    const page = await runRoute<DetailData>(detailLoader, await staffRequest(shop, "/app/customers/102"), { id: "102" });
    expect(page.body.audit.entries).toMatchObject([{ staffUserId: "777", points: 250, availableBefore: 350, availableAfter: 600 }]);
    expect(page.body.history.entries[0]).toMatchObject({ kind: "adjust", availableDelta: 250, sourceId: "777" });
  });

  it("GIVEN the same form submitted twice (same request key) THEN the points move once", async () => {
    const shop = await shopWithMembers();
    const form = adjustForm("-50", "Duplicate order");
    const first = await adjust(shop, "101", form);
    const second = await adjust(shop, "101", form);
    expect(first.body).toMatchObject({ ok: true, duplicate: false, availablePoints: 1150 });
    expect(second.body).toMatchObject({ ok: true, duplicate: true, availablePoints: 1150 });
    expect(await db.pointsAdjustment.count({ where: { shop } })).toBe(1);
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN one request key used on two members THEN each member is adjusted once: the key is the form's, per member", async () => {
    const shop = await shopWithMembers();
    const form = adjustForm("40", "Goodwill");
    const first = await adjust(shop, "101", form);
    const other = await adjust(shop, "102", form);
    expect(first.body).toMatchObject({ ok: true, duplicate: false, availablePoints: 1240 });
    expect(other.body).toMatchObject({ ok: true, duplicate: false, availablePoints: 390 });
    // Still once per member.
    expect((await adjust(shop, "102", form)).body).toMatchObject({ ok: true, duplicate: true, availablePoints: 390 });
    expect(await memberBalances(shop, "101")).toEqual({ available: 1240, pending: 0 });
    expect(await memberBalances(shop, "102")).toEqual({ available: 390, pending: 0 });
    expect(await db.pointsAdjustment.count({ where: { shop } })).toBe(2);
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN the same request key sent concurrently THEN one adjustment", async () => {
    const shop = await shopWithMembers();
    const form = adjustForm("10", "Concurrent double click");
    const results = await Promise.all([adjust(shop, "101", form), adjust(shop, "101", form), adjust(shop, "101", form)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await memberBalances(shop, "101")).toEqual({ available: 1210, pending: 0 });
    expect(await db.pointsAdjustment.count({ where: { shop } })).toBe(1);
  });

  it.each([
    [{ points: "", reason: "x" }, [{ field: "points", code: "points_not_whole" }]],
    [{ points: "12.5", reason: "x" }, [{ field: "points", code: "points_not_whole" }]],
    [{ points: "0", reason: "x" }, [{ field: "points", code: "points_zero" }]],
    [{ points: "20000000", reason: "x" }, [{ field: "points", code: "points_too_large" }]],
    [{ points: "10", reason: "   " }, [{ field: "reason", code: "reason_required" }]],
    [{ points: "10", reason: "x".repeat(501) }, [{ field: "reason", code: "reason_too_long" }]],
    [{ points: "abc", reason: "" }, [{ field: "points", code: "points_not_whole" }, { field: "reason", code: "reason_required" }]],
    [{ points: "10", reason: "x", requestKey: "short" }, [{ field: "requestKey", code: "request_key_invalid" }]],
  ])("GIVEN %j THEN 400 with the problems and nothing written", async (fields, issues) => {
    const shop = await shopWithMembers();
    const result = await adjust(shop, "101", adjustForm(fields.points, fields.reason, "requestKey" in fields ? { requestKey: fields.requestKey! } : {}));
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ ok: false, issues });
    expect(await db.pointsAdjustment.count({ where: { shop } })).toBe(0);
    expect(await memberBalances(shop, "101")).toEqual({ available: 1200, pending: 0 });
  });

  it("GIVEN a removal larger than the balance THEN 409 and nothing written; confirmed, it goes below zero and says so", async () => {
    const shop = await shopWithMembers();
    const unconfirmed = await adjust(shop, "105", adjustForm("-100", "Points spent before a refund"));
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body).toEqual({ ok: false, overdraw: { availableBefore: 80, availableAfter: -20 } });
    expect(await memberBalances(shop, "105")).toEqual({ available: 80, pending: 0 });
    expect(await db.pointsAdjustment.count({ where: { shop } })).toBe(0);

    const confirmed = await adjust(shop, "105", adjustForm("-100", "Points spent before a refund", { confirmOverdraw: "true" }));
    expect(confirmed.status).toBe(200);
    expect(await memberBalances(shop, "105")).toEqual({ available: -20, pending: 0 });
    expect(await db.pointsAdjustment.findFirstOrThrow({ where: { shop } })).toMatchObject({
      availableBefore: 80n,
      availableAfter: -20n,
      overdrawConfirmed: true,
    });
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN a removal that stays at or above zero THEN no confirmation is needed", async () => {
    const shop = await shopWithMembers();
    expect((await adjust(shop, "105", adjustForm("-80", "Exact balance"))).status).toBe(200);
    expect(await memberBalances(shop, "105")).toEqual({ available: 0, pending: 0 });
  });

  it("GIVEN a forged session token THEN 401 and nothing written", async () => {
    const shop = await shopWithMembers();
    const request = new Request(`${APP_URL}/app/customers/101`, {
      method: "POST",
      headers: { Authorization: `Bearer ${await forgedSessionToken(shop)}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(adjustForm("100", "forged")),
    });
    expect((await runRoute(detailAction, request, { id: "101" })).status).toBe(401);
    expect(await memberBalances(shop, "101")).toEqual({ available: 1200, pending: 0 });
  });
});

describe("Audit log", () => {
  it("cannot be changed or deleted while the member exists; erasing the shop removes it", async () => {
    const shop = await shopWithMembers();
    await adjust(shop, "101", adjustForm("5", "Goodwill"));
    const row = await db.pointsAdjustment.findFirstOrThrow({ where: { shop } });

    // The database's triggers refuse (Prisma's SQLite adapter reports a trigger's abort as a constraint violation,
    // PostgreSQL passes our message on), whatever the client does.
    await expect(db.pointsAdjustment.update({ where: { id: row.id }, data: { reason: "rewritten" } })).rejects.toThrow();
    await expect(db.pointsAdjustment.update({ where: { id: row.id }, data: { staffUserId: "someone-else" } })).rejects.toThrow();
    await expect(db.pointsAdjustment.delete({ where: { id: row.id } })).rejects.toThrow();
    await expect(db.pointsAdjustment.deleteMany({ where: { shop } })).rejects.toThrow();
    await expect(db.$executeRawUnsafe(`UPDATE "PointsAdjustment" SET "points" = 5000 WHERE "id" = ${row.id}`)).rejects.toThrow(
      /append-only/,
    );
    expect(await db.pointsAdjustment.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);

    await redactShop(db, shop);
    expect(await db.pointsAdjustment.count({ where: { shop } })).toBe(0);
    expect(await db.member.count({ where: { shop } })).toBe(0);
  });
});
