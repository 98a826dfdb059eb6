// Export per segment: /app/export/members?segment= holds exactly the members the Customers list shows for that
// segment, by the shop's own thresholds, and the list's loader takes the same segment.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { loader as membersExport } from "../../../app/routes/app.export.members";
import { loader as listLoader } from "../../../app/routes/app.customers._index";
import { saveAnalyticsSettings } from "../../../app/persistence/analytics-settings";
import { DEFAULT_SEGMENT_THRESHOLDS } from "../../../app/rules/analytics-segments";
import { parseCsv } from "../../../app/rules/csv";
import { adminDocumentRequest, installShop, uniqueShop } from "../../support/shopify-requests";
import { runRoute, seedMember, staffRequest } from "../../support/admin-requests";

installAdminApiStandIn();

const DAY = 24 * 60 * 60 * 1000;

async function csv(shop: string, path: string) {
  const result = await runRoute(membersExport, await adminDocumentRequest(shop, path));
  expect(result.response?.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  return parseCsv(new TextDecoder().decode(new Uint8Array(await result.response!.arrayBuffer()))).map((record) => record.fields);
}

describe("members export per segment", () => {
  it("exports only the chosen segment's members by the shop's thresholds; without a segment, everyone", async () => {
    const shop = uniqueShop("segment-export");
    await installShop(shop);
    const now = Date.now();
    // 1: one order 10 days ago (new); 2: two orders, last 60 days ago (active by default, at risk once active is 30
    // days); 3: one order 300 days ago (lapsed); 4: never ordered (no segment); 5: hold-out, same figures as 1.
    await seedMember(shop, "1", { email: "one@example.com" }, 10);
    await seedMember(shop, "2", { email: "two@example.com" }, 20);
    await seedMember(shop, "3", { email: "three@example.com" }, 30);
    await seedMember(shop, "4", { email: "four@example.com" }, 40);
    await seedMember(shop, "5", { email: "five@example.com" }, 0);
    const stat = (customerId: string, orders: number, firstDays: number, lastDays: number, holdOut = false) => ({
      shop, customerId, holdOut, orders, revenueMinor: 4000n, firstOrderAt: new Date(now - firstDays * DAY), lastOrderAt: new Date(now - lastDays * DAY), updatedAt: new Date(now),
    });
    await db.customerStats.createMany({ data: [stat("1", 1, 10, 10), stat("2", 2, 100, 60), stat("3", 1, 300, 300), stat("5", 1, 10, 10, true)] });

    const ids = (rows: string[][]) => rows.slice(1).map((row) => row[0]);
    const all = await csv(shop, "/app/export/members");
    expect(all[0]!.slice(0, 3)).toEqual(["customer_id", "email", "first_name"]);
    expect(ids(all)).toEqual(["1", "2", "3", "4", "5"]);
    expect(ids(await csv(shop, "/app/export/members?segment=new"))).toEqual(["1"]);
    expect(ids(await csv(shop, "/app/export/members?segment=active"))).toEqual(["2"]);
    expect(ids(await csv(shop, "/app/export/members?segment=lapsed"))).toEqual(["3"]);
    expect(ids(await csv(shop, "/app/export/members?segment=at_risk"))).toEqual([]);
    // An unknown segment is no filter, as on the list.
    expect(ids(await csv(shop, "/app/export/members?segment=bogus"))).toEqual(["1", "2", "3", "4", "5"]);

    // The shop's thresholds move member 2 from active to at risk, in the export and on the list alike.
    await saveAnalyticsSettings(sqlDb, shop, { holdOutPercent: 0, segments: { ...DEFAULT_SEGMENT_THRESHOLDS, activeDays: 30 } });
    expect(ids(await csv(shop, "/app/export/members?segment=at_risk"))).toEqual(["2"]);
    expect(ids(await csv(shop, "/app/export/members?segment=active"))).toEqual([]);
    const list = await runRoute<Awaited<ReturnType<typeof listLoader>>>(listLoader, await staffRequest(shop, "/app/customers?segment=at_risk&q=two"));
    expect(list.body.segment).toBe("at_risk");
    expect(list.body.total).toBe(1);
    expect(list.body.members.map((m) => m.customerId)).toEqual(["2"]);
  });
});
