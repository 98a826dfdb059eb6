// The custom actions API (POST /api/v1/actions) through its real route: keys, every refusal with nothing written,
// idempotency, limits, the rate limit per key, and every answer checked against docs/openapi.yaml.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import db, { sqlDb } from "../../../app/db.server";
import { createApiKey, listApiKeys, revokeApiKey } from "../../../app/persistence/api-keys";
import { saveAction } from "../../../app/persistence/earning-actions";
import { defaultAction, type ActionDefinition } from "../../../app/rules/earning-actions";
import { action as actionsRoute, ACTIONS_API_LIMIT } from "../../../app/routes/api.v1.actions";
import { APP_URL, installedShop } from "../../support/shopify-requests";
import { expectCachedBalancesMatchLedger, memberBalances } from "../../support/ledger-invariants";
import { openApiChecker } from "../../support/openapi";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const spec = openApiChecker("docs/openapi.yaml");

async function send(key: string | null, body: unknown, headers: Record<string, string> = {}) {
  const request = new Request(`${APP_URL}/api/v1/actions`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(key ? { Authorization: `Bearer ${key}` } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = await actionsRoute({ request, params: {}, context: {} });
  const json = (await response.json()) as Json;
  spec.expectDocumented("POST", "/api/v1/actions", response.status, json);
  return { status: response.status, body: json, headers: response.headers };
}

async function shopWithKey(...actions: Array<Partial<ActionDefinition> & { key: string }>) {
  const shop = await installedShop("api");
  for (const action of actions) await saveAction(sqlDb, shop, { ...defaultAction(action.key), enabled: true, points: 10, ...action });
  const { key, id } = await createApiKey(sqlDb, shop, "Review app");
  return { shop, key, keyId: id };
}

const written = async (shop: string) => ({
  members: await db.member.count({ where: { shop } }),
  entries: await db.ledgerEntry.count({ where: { shop } }),
  requests: await db.actionRequest.count({ where: { shop } }),
});

describe("POST /api/v1/actions", () => {
  it("the document's own example is a valid request", () => {
    const example = spec.document.paths["/api/v1/actions"].post.requestBody.content["application/json"].example;
    expect(spec.requestValid("POST", "/api/v1/actions", example)).toBe(true);
    expect(spec.requestValid("POST", "/api/v1/actions", { ...example, extra: 1 })).toBe(false);
  });

  it("GIVEN a review THEN 201 with the points; the same idempotency key again is 200 and credits nothing more", async () => {
    const { shop, key } = await shopWithKey({ key: "product_review", points: 20, photoBonus: 30 });
    const body = { action: "product_review", customerId: "7001", productId: "gid://shopify/Product/632910392", photo: true };
    const first = await send(key, body, { "Idempotency-Key": "review-1" });
    expect(first).toMatchObject({ status: 201, body: { credit: { action: "product_review", customerId: "7001", points: 50, replayed: false }, availablePoints: 50 } });
    const again = await send(key, body, { "Idempotency-Key": "review-1" });
    expect(again).toMatchObject({ status: 200, body: { credit: { points: 50, replayed: true }, availablePoints: 50 } });
    // Another review of the same product: once per product per customer.
    expect(await send(key, { ...body, idempotencyKey: "review-2" })).toMatchObject({ status: 409, body: { error: { code: "limit_reached" } } });
    expect(await send(key, { ...body, productId: "99", photo: false, idempotencyKey: "review-3" })).toMatchObject({ status: 201, body: { availablePoints: 70 } });
    expect(await memberBalances(shop, "7001")).toEqual({ available: 70, pending: 0 });
    const [listed] = await listApiKeys(sqlDb, shop);
    expect(listed!.lastUsedAt).not.toBeNull();
    await expectCachedBalancesMatchLedger(shop);
  });

  it("GIVEN a missing, wrong, another format or revoked key THEN 401 and nothing written", async () => {
    const { shop, key, keyId } = await shopWithKey({ key: "quiz" });
    const body = { action: "quiz", customerId: "1", idempotencyKey: "k" };
    expect((await send(null, body)).status).toBe(401);
    expect((await send(`${key}x`, body)).status).toBe(401);
    expect((await send("not-a-key", body)).status).toBe(401);
    expect((await send(key, body, { Authorization: `Basic ${key}` })).status).toBe(401);
    await revokeApiKey(sqlDb, shop, keyId);
    expect(await send(key, body)).toMatchObject({ status: 401, body: { error: { code: "invalid_api_key" } } });
    expect(await written(shop)).toEqual({ members: 0, entries: 0, requests: 0 });
    expect((await listApiKeys(sqlDb, shop))[0]!.lastUsedAt).toBeNull();
  });

  it("GIVEN an unknown or switched-off action THEN 404 and nothing written", async () => {
    const { shop, key } = await shopWithKey({ key: "quiz" }, { key: "nps_survey", enabled: false });
    expect(await send(key, { action: "no_such", customerId: "1", idempotencyKey: "a" })).toMatchObject({ status: 404, body: { error: { code: "unknown_action", field: "action" } } });
    expect((await send(key, { action: "nps_survey", customerId: "1", idempotencyKey: "b" })).status).toBe(404);
    expect((await send(key, { action: "birthday", customerId: "1", idempotencyKey: "c" })).status).toBe(404);
    expect(await written(shop)).toEqual({ members: 0, entries: 0, requests: 0 });
  });

  it("GIVEN bad input THEN 400 naming the field, and nothing written", async () => {
    const { shop, key } = await shopWithKey({ key: "quiz" }, { key: "product_review" });
    const good = { action: "quiz", customerId: "1", idempotencyKey: "k" };
    const cases: Array<[unknown, string]> = [
      ["{", "body"],
      [[1], "body"],
      [{ ...good, action: "Quiz!" }, "action"],
      [{ ...good, action: undefined }, "action"],
      [{ ...good, customerId: 1 }, "customerId"],
      [{ ...good, customerId: "abc" }, "customerId"],
      [{ ...good, customerId: "gid://shopify/Order/1" }, "customerId"],
      [{ ...good, idempotencyKey: undefined }, "idempotencyKey"],
      [{ ...good, idempotencyKey: "" }, "idempotencyKey"],
      [{ ...good, idempotencyKey: "x".repeat(201) }, "idempotencyKey"],
      [{ ...good, photo: "yes" }, "photo"],
      [{ ...good, points: 1000 }, "points"],
      [{ ...good, productId: "5" }, "productId"],
      [{ ...good, action: "product_review" }, "productId"],
      [{ ...good, action: "product_review", productId: "-1" }, "productId"],
      ["x".repeat(17_000), "body"],
    ];
    for (const [body, field] of cases) {
      const answer = await send(key, body);
      expect([answer.status, answer.body.error.field], JSON.stringify(body).slice(0, 80)).toEqual([400, field]);
    }
    expect(await written(shop)).toEqual({ members: 0, entries: 0, requests: 0 });
  });

  it("GIVEN the limit reached THEN 409 and nothing written; an idempotency key reused for another customer is 409 too", async () => {
    const { shop, key } = await shopWithKey({ key: "quiz", limit: { type: "per_period", count: 2, period: "week" } });
    expect((await send(key, { action: "quiz", customerId: "5", idempotencyKey: "1" })).status).toBe(201);
    expect((await send(key, { action: "quiz", customerId: "5", idempotencyKey: "2" })).status).toBe(201);
    const before = await written(shop);
    expect(await send(key, { action: "quiz", customerId: "5", idempotencyKey: "3" })).toMatchObject({ status: 409, body: { error: { code: "limit_reached" } } });
    expect(await send(key, { action: "quiz", customerId: "6", idempotencyKey: "1" })).toMatchObject({ status: 409, body: { error: { code: "idempotency_key_reused" } } });
    expect(await written(shop)).toEqual(before);
  });

  it("GIVEN one shop's key THEN it can only credit that shop's customers", async () => {
    const a = await shopWithKey({ key: "quiz" });
    const b = await shopWithKey({ key: "quiz" });
    expect((await send(a.key, { action: "quiz", customerId: "5", idempotencyKey: "1" })).status).toBe(201);
    expect(await memberBalances(a.shop, "5")).toEqual({ available: 10, pending: 0 });
    expect(await memberBalances(b.shop, "5")).toBeNull();
  });

  it("property: concurrent duplicate posts through the route credit exactly as often as the limit allows", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 3 }), fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 8 }), async (count, keys) => {
        const { shop, key } = await shopWithKey({ key: "quiz", points: 7, limit: { type: "per_period", count, period: "day" } });
        const answers = await Promise.all(keys.map((k) => send(key, { action: "quiz", customerId: "9", idempotencyKey: `req-${k}` })));
        const created = answers.filter((a) => a.status === 201).length;
        expect(created).toBe(Math.min(count, new Set(keys).size));
        expect(answers.every((a) => [200, 201, 409].includes(a.status))).toBe(true);
        expect(await memberBalances(shop, "9")).toEqual({ available: 7 * created, pending: 0 });
        await expectCachedBalancesMatchLedger(shop);
      }),
      { numRuns: 8 },
    );
  });

  it("GIVEN more requests in a minute than the key's limit THEN 429 with Retry-After; another key is unaffected", async () => {
    const { shop, key } = await shopWithKey({ key: "quiz" });
    const other = await createApiKey(sqlDb, shop, "Quiz app");
    for (let i = 0; i < ACTIONS_API_LIMIT.points; i += 1) expect((await send(key, "{")).status).toBe(400);
    const limited = await send(key, { action: "quiz", customerId: "1", idempotencyKey: "k" });
    expect(limited).toMatchObject({ status: 429, body: { error: { code: "rate_limited" } } });
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await written(shop)).toEqual({ members: 0, entries: 0, requests: 0 });
    expect((await send(other.key, { action: "quiz", customerId: "1", idempotencyKey: "k" })).status).toBe(201);
  });
});
