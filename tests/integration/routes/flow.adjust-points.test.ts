// The Shopify Flow action "Adjust loyalty points" with requests signed as Flow signs them: a valid run adjusts once
// (a replayed run id changes nothing), audited with "Shopify Flow" as the actor; forged or unsigned requests and bad
// input write nothing.
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { action } from "../../../app/routes/flow.adjust-points";
import { ensureMember } from "../../../app/persistence/ledger";
import { installedShop, signedFlowActionRequest } from "../../support/shopify-requests";
import { expectCachedBalancesMatchLedger } from "../../support/ledger-invariants";

const PATH = "/flow/adjust-points";

function run(shop: string, properties: Record<string, unknown>, runId: string = crypto.randomUUID()) {
  return {
    shop_id: 1,
    shopify_domain: shop,
    action_run_id: runId,
    action_definition_id: "adjust-loyalty-points",
    handle: "adjust-loyalty-points",
    properties,
  };
}

async function call(request: Request): Promise<Response> {
  try {
    return await action({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function shopWithMember(points = 0) {
  const shop = await installedShop("flow");
  const member = await ensureMember(sqlDb, shop, "9101", { email: "flow@example.com" });
  if (points > 0) {
    await call(signedFlowActionRequest(PATH, run(shop, { customer_id: 9101, points, reason: "Opening balance" })));
  }
  return { shop, memberId: member.id };
}

const balance = async (memberId: number) => Number((await db.member.findUniqueOrThrow({ where: { id: memberId } })).availablePoints);

describe("Flow action: adjust loyalty points", () => {
  it("GIVEN a signed run THEN points are added once, also when Flow retries the run, audited as Shopify Flow", async () => {
    const { shop, memberId } = await shopWithMember();
    const body = run(shop, { customer_id: 9101, points: 150, reason: "Left a review" });
    const first = await call(signedFlowActionRequest(PATH, body));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ points: 150, availablePoints: 150, duplicate: false });
    const replay = await call(signedFlowActionRequest(PATH, body));
    expect(await replay.json()).toEqual({ points: 150, availablePoints: 150, duplicate: true });
    const audit = await db.pointsAdjustment.findMany({ where: { shop, memberId } });
    expect(audit.map((row) => [row.staffUserId, Number(row.points), row.reason, Number(row.availableBefore), Number(row.availableAfter)])).toEqual([["Shopify Flow", 150, "Left a review", 0, 150]]);
    expect(await db.ledgerEntry.count({ where: { shop, memberId } })).toBe(1);
    // A gid and a negative amount work as well.
    const take = await call(signedFlowActionRequest(PATH, run(shop, { customer_id: "gid://shopify/Customer/9101", points: -50, reason: "Correction" })));
    expect(await take.json()).toMatchObject({ availablePoints: 100, duplicate: false });
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN a forged signature, no signature or a GET THEN refused and nothing written", async () => {
    const { shop, memberId } = await shopWithMember();
    const body = run(shop, { customer_id: 9101, points: 500, reason: "Free points" });
    expect((await call(signedFlowActionRequest(PATH, body, { secret: "not-the-app-secret" }))).status).toBe(400);
    const unsigned = new Request(`https://my-test-app.myshopify.io${PATH}`, { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json" } });
    expect((await call(unsigned)).status).toBe(400);
    // The signed bytes changed after signing (a man in the middle raising the points).
    const tampered = signedFlowActionRequest(PATH, body, { rawBody: JSON.stringify(body) });
    const forgedBody = JSON.stringify({ ...body, properties: { ...body.properties, points: 5000 } });
    expect((await call(new Request(tampered.url, { method: "POST", body: forgedBody, headers: tampered.headers }))).status).toBe(400);
    expect((await call(new Request(`https://my-test-app.myshopify.io${PATH}`, { method: "GET" }))).status).toBe(405);
    expect(await balance(memberId)).toBe(0);
    expect(await db.pointsAdjustment.count({ where: { shop } })).toBe(0);
  });

  it("GIVEN a shop without the app THEN refused", async () => {
    const response = await call(signedFlowActionRequest(PATH, run("never-installed.myshopify.com", { customer_id: 1, points: 5, reason: "x" })));
    expect(response.status).toBe(400);
  });

  it("GIVEN bad input THEN a 400 naming the field, and nothing written", async () => {
    const { shop, memberId } = await shopWithMember(40);
    const cases: Array<[Record<string, unknown>, string, string?]> = [
      [{ points: 5, reason: "x" }, "invalid_customer"],
      [{ customer_id: "abc", points: 5, reason: "x" }, "invalid_customer"],
      [{ customer_id: 9101, points: 1.5, reason: "x" }, "points_not_whole"],
      [{ customer_id: 9101, points: 0, reason: "x" }, "points_zero"],
      [{ customer_id: 9101, points: 10_000_000_000, reason: "x" }, "points_not_whole"],
      [{ customer_id: 9101, points: 5, reason: "  " }, "reason_required"],
      [{ customer_id: 9101, points: 5, reason: "x".repeat(501) }, "reason_too_long"],
      [{ customer_id: 9101, points: -100, reason: "Too much" }, "insufficient_points"],
      [{ customer_id: 9101, points: 5, reason: "ok" }, "request_key_invalid", "no"],
    ];
    for (const [properties, code, runId] of cases) {
      const response = await call(signedFlowActionRequest(PATH, run(shop, properties, runId)));
      expect([response.status, ((await response.json()) as { error: { code: string } }).error.code], code).toEqual([400, code]);
    }
    const stranger = await call(signedFlowActionRequest(PATH, run(shop, { customer_id: 9999, points: 5, reason: "x" })));
    expect(stranger.status).toBe(404);
    expect(await balance(memberId)).toBe(40);
    expect(await db.pointsAdjustment.count({ where: { shop } })).toBe(1);
  });
});
