// Segments mirrored into Shopify ($app.segment customer metafield) through the Admin API stand-in: orders arrive as
// signed webhooks, the mirror job writes each member's segment with points and tier, the daily segment job marks the
// members whose segment moved with time alone (and only them), stores the day's snapshot once, and the hold-out never
// gets a segment. New thresholds saved on the Impact page re-mark at once.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { STAND_IN_APP_ID } from "../../../app/demo/admin-api";
import { saveAnalyticsSettings } from "../../../app/persistence/analytics-settings";
import { saveMirrorSettings } from "../../../app/persistence/customer-mirror";
import { recordShopSeen } from "../../../app/persistence/shops";
import { segmentSnapshots } from "../../../app/persistence/segment-snapshots";
import { runCustomerMirror } from "../../../app/jobs/customer-mirror-job";
import { runSegmentJob } from "../../../app/jobs/segment-job";
import { action as impactAction } from "../../../app/routes/app.impact";
import { customerMirrorWriterForShop } from "../../../app/shopify/customer-mirror.server";
import { DEFAULT_SEGMENT_THRESHOLDS } from "../../../app/rules/analytics-segments";
import { holdOutPosition } from "../../../app/rules/hold-out";
import { installShop, uniqueShop } from "../../support/shopify-requests";
import { runRoute, staffRequest } from "../../support/admin-requests";
import { deliverOk } from "../../support/webhook-delivery";
import { orderCancelledPayload, orderPaidPayload, type TestOrder } from "../../support/shopify-payloads";

const standIn = installAdminApiStandIn();
const NAMESPACE = `app--${STAND_IN_APP_ID}`;
const DAY = 86_400_000;
const writer = (shop: string) => customerMirrorWriterForShop(shop, { baseDelayMs: 1, timeoutMs: 2000 });

const order = (orderId: string, customerId: string, minor: number): TestOrder => ({ orderId, customerId, lines: [{ id: `${orderId}1`, quantity: 1, unitPrice: minor }] });

/** What Shopify holds as the customer's $app.segment (null: no such metafield). */
function shopifySegment(shop: string, customerId: string): string | null {
  const state = standIn.state.shops.get(shop)!;
  const gid = `gid://shopify/Customer/${customerId}`;
  return [...state.metafields.values()].find((record) => record.ownerId === gid && record.namespace === NAMESPACE && record.key === "segment")?.value ?? null;
}

/** The customers whose metafields a run wrote (owner ids of every MirrorMetafieldsSet since `from`). */
function writtenSince(shop: string, from: number): string[] {
  return standIn.requests
    .slice(from)
    .filter((request) => request.shop === shop && request.operationName === "MirrorMetafieldsSet")
    .flatMap((request) => (request.variables.metafields as Array<{ ownerId: string }>).map((field) => field.ownerId.replace("gid://shopify/Customer/", "")))
    .filter((id, index, all) => all.indexOf(id) === index)
    .sort();
}

/** A shop mirroring into Shopify with a 50% hold-out: a new customer (one small order), a VIP ($600), a held-out customer with a big order. */
async function shopWithSegments() {
  const shop = uniqueShop("segment-mirror");
  await installShop(shop);
  await recordShopSeen(sqlDb, shop, "USD", new Date(), "Europe/Warsaw");
  standIn.seedShop(shop, { name: "Tea House", currencyCode: "USD" });
  await saveAnalyticsSettings(sqlDb, shop, { holdOutPercent: 50, segments: DEFAULT_SEGMENT_THRESHOLDS });
  // Customer ids by this shop's hash: two the 50% hold-out leaves in the program, one it takes.
  const pick = (from: number, held: boolean) => {
    let id = from;
    while (holdOutPosition(shop, String(id)) < 0.5 !== held) id += 1;
    return String(id);
  };
  const fresh = pick(9100, false);
  const vip = pick(Number(fresh) + 1, false);
  const held = pick(9200, true);
  for (const id of [fresh, vip, held]) standIn.seedCustomer(shop, { id });
  await deliverOk(shop, "orders/paid", orderPaidPayload(order("7101", fresh, 4_000)));
  await deliverOk(shop, "orders/paid", orderPaidPayload(order("7102", vip, 60_000)));
  await deliverOk(shop, "orders/paid", orderPaidPayload(order("7103", held, 90_000)));
  expect((await db.member.findMany({ where: { shop }, orderBy: { customerId: "asc" } })).map((m) => [m.customerId, m.holdOut])).toEqual([
    [fresh, false],
    [vip, false],
    [held, true],
  ]);
  await saveMirrorSettings(sqlDb, shop, { enabled: true, tierTags: false });
  return { shop, fresh, vip, held };
}

describe("segments mirrored into Shopify", () => {
  it("writes each member's segment with the mirror, re-marks only those whose segment moved with time, and never gives the hold-out one", async () => {
    const { shop, fresh, vip, held } = await shopWithSegments();
    const now = new Date();
    await runCustomerMirror(sqlDb, writer, now);
    expect([shopifySegment(shop, fresh), shopifySegment(shop, vip), shopifySegment(shop, held)]).toEqual(["new", "vip", null]);
    expect((await db.member.findMany({ where: { shop }, orderBy: { customerId: "asc" } })).map((m) => m.mirroredSegment)).toEqual(["new", "vip", null]);

    // The same day: the job stores the snapshot (hold-out left out) and marks no one.
    const first = (await runSegmentJob(sqlDb, now)).find((result) => result.shop === shop)!;
    expect(first).toMatchObject({ snapshot: true, marked: 0 });
    expect(await runSegmentJob(sqlDb, now).then((all) => all.find((result) => result.shop === shop))).toMatchObject({ snapshot: false, marked: 0 });

    // 100 days later the new customer is at risk; the VIP still ordered within 180 days. Only the first is written.
    const later = new Date(now.getTime() + 100 * DAY);
    expect((await runSegmentJob(sqlDb, later)).find((result) => result.shop === shop)).toMatchObject({ snapshot: true, marked: 1 });
    const before = standIn.requests.length;
    await runCustomerMirror(sqlDb, writer, later);
    expect(writtenSince(shop, before)).toEqual([fresh]);
    expect([shopifySegment(shop, fresh), shopifySegment(shop, vip), shopifySegment(shop, held)]).toEqual(["at_risk", "vip", null]);

    // 200 days later both have lapsed.
    const lapsed = new Date(now.getTime() + 200 * DAY);
    expect((await runSegmentJob(sqlDb, lapsed)).find((result) => result.shop === shop)).toMatchObject({ marked: 2 });
    await runCustomerMirror(sqlDb, writer, lapsed);
    expect([shopifySegment(shop, fresh), shopifySegment(shop, vip)]).toEqual(["lapsed", "lapsed"]);

    const snapshots = await segmentSnapshots(sqlDb, shop, "2000-01-01");
    expect(snapshots).toHaveLength(3);
    expect(snapshots[0]).toMatchObject({ new: 1, vip: 1, active: 0, at_risk: 0, lapsed: 0 });
    expect(snapshots[1]).toMatchObject({ new: 0, vip: 1, at_risk: 1, lapsed: 0 });
    expect(snapshots[2]).toMatchObject({ vip: 0, lapsed: 2 });
  });

  it("an order cancelled away takes the segment off in Shopify; new thresholds on the Impact page re-mark at once", async () => {
    const { shop, fresh, vip } = await shopWithSegments();
    await runCustomerMirror(sqlDb, writer);
    expect(shopifySegment(shop, vip)).toBe("vip");

    // orders/cancelled reverses the points (the member is due again) and leaves no order: no segment, the metafield goes.
    await deliverOk(shop, "orders/cancelled", orderCancelledPayload(order("7101", fresh, 4_000)));
    await runCustomerMirror(sqlDb, writer);
    expect(shopifySegment(shop, fresh)).toBeNull();
    expect((await db.member.findFirstOrThrow({ where: { shop, customerId: fresh } })).mirroredSegment).toBeNull();

    // VIP needs $1,000 from now on: saving the thresholds marks the VIP, and the next run writes "new".
    const form = { holdOutPercent: "50", newDays: "30", activeDays: "90", atRiskDays: "180", vipOrders: "5", vipSpend: "1000" };
    expect((await runRoute(impactAction, await staffRequest(shop, "/app/impact", { form }))).status).toBe(200);
    const before = standIn.requests.length;
    await runCustomerMirror(sqlDb, writer);
    expect(writtenSince(shop, before)).toEqual([vip]);
    expect(shopifySegment(shop, vip)).toBe("new");
  });
});
