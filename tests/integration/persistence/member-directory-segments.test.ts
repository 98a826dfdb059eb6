// The Customers segment filter (member-directory.ts filteredMembers): SQL over CustomerStats joined to Member returns
// exactly the members the pure rule (segmentOf) puts in each segment, through search, both sorts and keyset paging.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { countMembers, listMembers, type MemberSort } from "../../../app/persistence/member-directory";
import { DEFAULT_SEGMENT_THRESHOLDS, SEGMENTS, type Segment } from "../../../app/rules/analytics-segments";
import { uniqueShop } from "../../support/shopify-requests";
import { fixtureSegment, SEGMENT_FIXTURE_NOW, segmentFixtureRows } from "../../support/segment-fixtures";

async function seedShop() {
  const shop = uniqueShop("segment-filter");
  const rows = segmentFixtureRows(shop);
  // Balances repeat (i % 7) so the balance sort's ties are broken by id across page boundaries.
  await db.member.createMany({
    data: [
      ...rows.map((row, i) => ({ shop, customerId: row.customerId, email: i % 3 === 0 ? `ada${i}@example.com` : `m${i}@example.com`, availablePoints: BigInt((i % 7) * 10) })),
      { shop, customerId: "held", email: "held@example.com" },
      { shop, customerId: "never-ordered", email: "ada-none@example.com" },
    ],
  });
  await db.customerStats.createMany({ data: [...rows, { ...rows[0]!, customerId: "held", holdOut: true }] });
  // Another shop's member with the same customer ids and statistics: never joined to this shop's rows.
  const other = uniqueShop("segment-other");
  await db.member.createMany({ data: [{ shop: other, customerId: "0", email: "ada0@example.com" }] });
  await db.customerStats.createMany({ data: [{ ...rows[0]!, shop: other }] });
  return { shop, rows };
}

async function walk(shop: string, sort: MemberSort, segment: Segment, search?: string) {
  const filter = { search, segment: { segment, thresholds: DEFAULT_SEGMENT_THRESHOLDS, now: SEGMENT_FIXTURE_NOW } };
  const forward: string[] = [];
  const pages: { next: string | null; previous: string | null; ids: string[] }[] = [];
  let cursor: { value: string; direction: "next" | "previous" } | null = null;
  for (let guard = 0; guard < 50; guard++) {
    const page = await listMembers(sqlDb, shop, { ...filter, sort, cursor, limit: 7 });
    pages.push({ next: page.next, previous: page.previous, ids: page.members.map((m) => m.customerId) });
    forward.push(...page.members.map((m) => m.customerId));
    if (!page.next) break;
    cursor = { value: page.next, direction: "next" };
  }
  // Back from the last page: the same pages in reverse.
  const backward: string[][] = [];
  let back = pages.at(-1)!.previous;
  while (back) {
    const page = await listMembers(sqlDb, shop, { ...filter, sort, cursor: { value: back, direction: "previous" }, limit: 7 });
    backward.unshift(page.members.map((m) => m.customerId));
    back = page.previous;
  }
  expect(backward).toEqual(pages.slice(0, -1).map((p) => p.ids));
  return { ids: forward, count: await countMembers(sqlDb, shop, filter) };
}

describe("Customers segment filter", () => {
  it("returns exactly segmentOf's members of each segment, paged in both sorts, never the hold-out or another shop", async () => {
    const { shop, rows } = await seedShop();
    for (const segment of SEGMENTS) {
      const expected = rows.filter((row) => fixtureSegment(row) === segment);
      expect(expected.length).toBeGreaterThan(0);
      const expectedIds = expected.map((row) => row.customerId);

      const joined = await walk(shop, "joined_asc", segment);
      expect(joined.ids).toEqual(expectedIds);
      expect(joined.count).toBe(expected.length);

      const byBalance = await walk(shop, "balance_desc", segment);
      const index = (id: string) => rows.findIndex((row) => row.customerId === id);
      const balance = (id: string) => (index(id) % 7) * 10;
      const memberIds = await db.member.findMany({ where: { shop }, select: { id: true, customerId: true } });
      const rowId = new Map(memberIds.map((m) => [m.customerId, m.id]));
      const sorted = [...expectedIds].sort((a, b) => balance(b) - balance(a) || rowId.get(b)! - rowId.get(a)!);
      expect(byBalance.ids).toEqual(sorted);
    }
  });

  it("combines with search: only the segment's members the words find", async () => {
    const { shop, rows } = await seedShop();
    for (const segment of SEGMENTS) {
      const expected = rows.filter((row, i) => fixtureSegment(row) === segment && i % 3 === 0).map((row) => row.customerId);
      const found = await walk(shop, "joined_asc", segment, "ADA");
      expect(found.ids).toEqual(expected);
      expect(found.count).toBe(expected.length);
    }
    // Without a segment the search still finds the member who never ordered.
    expect(await countMembers(sqlDb, shop, { search: "ada-none" })).toBe(1);
  });
});
