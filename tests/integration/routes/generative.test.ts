// Property: whatever a correctly signed request carries — any JSON value, Shopify's own bodies with one field
// replaced by anything, text that is not JSON, arrays nested 100,000 deep, any query string — every webhook topic
// route and every app proxy route answers without a 5xx, and a 4xx leaves every table as it was. A webhook answered
// 200 must also apply without an error (an error there is a 5xx that Shopify never sees).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import db, { sqlDb } from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { appendEntries, ensureMember } from "../../../app/persistence/ledger";
import { createReward } from "../../../app/persistence/reward-catalog";
import { REWARD_DEFAULTS } from "../../../app/rules/rewards";
import { recordShopSeen } from "../../../app/persistence/shops";
import { loader as proxyMe } from "../../../app/routes/proxy.me";
import { loader as proxyProgram } from "../../../app/routes/proxy.program";
import { action as proxyRedeem } from "../../../app/routes/proxy.redeem";
import { loader as proxySession } from "../../../app/routes/proxy.session";
import { action as proxyBirthday } from "../../../app/routes/proxy.birthday";
import { action as proxyFollow } from "../../../app/routes/proxy.follow";
import { backgroundWebhooksIdle, sweepWebhookInbox } from "../../../app/shopify/webhook-inbox.server";
import { installedShop, signedProxyRequestWithQuery, signedWebhookRequest } from "../../support/shopify-requests";
import { customerPayload, orderCancelledPayload, orderPaidPayload, refundPayload } from "../../support/shopify-payloads";
import { routes as webhookRoutes, type Topic } from "../../support/webhook-delivery";
import { productUpdatePayload, collectionUpdatePayload, collectionDeletePayload } from "../../support/shopify-payloads";

const standIn = installAdminApiStandIn();

const RUNS = 50;
const EXTREME_RUNS = 40;
const TIMEOUT_MS = 120_000;

// ── What a request may write ─────────────────────────────────────────────────────────────────────────────────

/** Every table's rows for the shop, and the rows a request could change in place. */
async function shopState(shop: string) {
  const of = { where: { shop } };
  const [counts, members, shopRow] = await Promise.all([
    Promise.all([
      db.session.count(of),
      db.shop.count({ where: { domain: shop } }),
      db.webhookDelivery.count(of),
      db.programSettings.count(of),
      db.member.count(of),
      db.ledgerEntry.count(of),
      db.ledgerDay.count(of),
      db.orderRecord.count(of),
      db.heldOrderEvent.count(of),
      db.dataRequest.count(of),
      db.reward.count(of),
      db.redemption.count(of),
      db.pointsAdjustment.count(of),
      db.importJob.count(of),
      db.importRowError.count(of),
      db.storefrontSettings.count(of),
      db.webhookRetry.count(of),
      db.redactedCustomer.count(of),
    ]),
    db.member.findMany({ ...of, orderBy: { id: "asc" } }),
    db.shop.findUnique({ where: { domain: shop } }),
  ]);
  return { counts, members, shopRow };
}

/** Runs a route as Remix does: a thrown Response is the answer; anything else thrown would be a 500. */
async function answer(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    return new Response(String(thrown), { status: 500 });
  }
}

// ── Generators ───────────────────────────────────────────────────────────────────────────────────────────────

const anyQuery = fc.array(fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 24 })), { maxLength: 4 });

const deeplyNested = fc.oneof(
  fc.integer({ min: 1, max: 100_000 }).map((n) => "[".repeat(n) + "]".repeat(n)),
  fc.integer({ min: 1, max: 100_000 }).map((n) => '{"a":'.repeat(n) + "1" + "}".repeat(n)),
);

/** A body: Shopify's (`realistic`) with one field replaced, any JSON value, any text, deep nesting, or as it is. */
function anyBody(realistic: () => unknown): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 3 })).map(([at, value]) => JSON.stringify(replaceAt(realistic(), at, value))) },
    { weight: 2, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.string() },
    { weight: 1, arbitrary: deeplyNested },
    { weight: 1, arbitrary: fc.constant(null).map(() => JSON.stringify(realistic())) },
  );
}

/** `body` with the value at its `at`-th path (any depth, in a fixed walk order) replaced by `value`. */
function replaceAt(body: unknown, at: number, value: unknown): unknown {
  const holders: Array<[Record<string, unknown>, string]> = [];
  const walk = (node: unknown) => {
    if (typeof node !== "object" || node === null) return;
    for (const [key, child] of Object.entries(node)) {
      holders.push([node as Record<string, unknown>, key]); // an array's entries too, keyed "0", "1", …
      walk(child);
    }
  };
  walk(body);
  if (holders.length === 0) return value;
  const [holder, key] = holders[at % holders.length]!;
  holder[key] = value;
  return body;
}

// ── Webhook topics ───────────────────────────────────────────────────────────────────────────────────────────

const order = { orderId: "8301", customerId: "701", lines: [{ id: "83011", quantity: 2, unitPrice: 1250 }, { id: "83012", quantity: 1, unitPrice: 900 }] };

const shopifyBodies: Record<Topic, (shop: string) => unknown> = {
  "orders/paid": () => orderPaidPayload(order),
  "orders/cancelled": () => orderCancelledPayload(order),
  "refunds/create": () => refundPayload({ refundId: "77", orderId: "8301", lines: [{ lineItemId: "83011", quantity: 1 }], shipping: 100 }),
  "customers/create": () => customerPayload("701"),
  "customers/update": () => customerPayload("701"),
  "customers/data_request": (shop) => ({
    shop_id: 1, shop_domain: shop, orders_requested: [8301], customer: { id: 701, email: "c@example.com", phone: null }, data_request: { id: 9 },
  }),
  "customers/redact": (shop) => ({ shop_id: 1, shop_domain: shop, customer: { id: 701, email: "c@example.com", phone: null }, orders_to_redact: [8301] }),
  "shop/redact": (shop) => ({ shop_id: 1, shop_domain: shop }),
  "app/uninstalled": (shop) => ({ id: 1, name: "Tea House", domain: shop, myshopify_domain: shop }),
  "products/update": () => productUpdatePayload("632910392", "coffee, house"),
  "collections/update": () => collectionUpdatePayload("841564295"),
  "collections/delete": () => collectionDeletePayload("841564295"),
};

describe("every webhook topic route, correctly signed, any body and query", () => {
  it.each(Object.keys(webhookRoutes) as Topic[])(
    "%s: never a 5xx; a 4xx writes nothing; a 200 applies without an error",
    async (topic) => {
      // One shop for all runs (its placeholder is replaced per run): a body is generated before its shop exists.
      const placeholder = "fuzz-placeholder.myshopify.com";
      await fc.assert(
        fc.asyncProperty(anyBody(() => shopifyBodies[topic](placeholder)), anyQuery, async (rawBodyTemplate, query) => {
          // A fresh shop per run, so a shop/redact or app/uninstalled in one run does not decide the next.
          const shop = await installedShop("fuzz");
          await ensureMember(sqlDb, shop, "701", { email: "c@example.com" });
          const rawBody = rawBodyTemplate.replaceAll(placeholder, shop);
          const before = await shopState(shop);
          const request = signedWebhookRequest({ shop, topic, payload: null, rawBody, query: new URLSearchParams(query).toString() });
          const response = await answer(() => webhookRoutes[topic]({ request }));
          await backgroundWebhooksIdle();
          expect(response.status, await response.clone().text()).toBeLessThan(500);
          if (response.status >= 400) expect(await shopState(shop)).toEqual(before);
          const failed = await db.webhookDelivery.findMany({ where: { shop, lastError: { not: null } }, select: { lastError: true } });
          expect(failed).toEqual([]);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );
});

// ── Shopify's bodies with extreme values ──────────────────────────────────────────────────────────────────────

// Values JSON.stringify cannot write (integer literals beyond 2^53, nesting deeper than it recurses) travel as
// markers in the generated body and are written into its text afterwards.
const bigIntegerLiteral = fc.bigInt({ min: 2n ** 53n, max: 2n ** 70n }).map((n) => `§INT:${n}§`);
const deepInField = fc.integer({ min: 1_000, max: 50_000 }).map((n) => `§DEEP:${n}§`);

/** Values at and beyond every limit: ids and amounts past 2^53, NUL bytes, impossible or far times, deep nesting. */
const extremeValue = fc.oneof(
  bigIntegerLiteral,
  fc.constantFrom(2 ** 53, 2 ** 53 + 2, 2 ** 63, 1e21, 1e308, -1, 0, Number.MAX_SAFE_INTEGER, 0.5),
  fc.constantFrom("99999999999999999999.99", "9007199254740993", "90071992547409.93", "1e400", "-0.00", "0.001"),
  fc.string({ maxLength: 8 }).map((text) => `${text}\u0000${text}`),
  fc.constantFrom("9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2025-02-30T10:00:00Z", "2025-02-10T24:00:00Z", "1999-12-31T23:59:59+14:00"),
  fc.constantFrom(`gid://shopify/Order/${"9".repeat(30)}`, `gid://shopify/LineItem/9007199254740993`, "1".repeat(40)),
  deepInField,
);

function writeMarkers(text: string): string {
  return text
    .replace(/"§INT:(\d+)§"/g, (_m, digits: string) => digits)
    .replace(/"§DEEP:(\d+)§"/g, (_m, depth: string) => "[".repeat(Number(depth)) + "]".repeat(Number(depth)));
}

/** Shopify's body with one to three of its values (any depth) replaced by extreme ones. */
function extremeBody(realistic: () => unknown): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(fc.nat(), extremeValue), { minLength: 1, maxLength: 3 })
    .map((changes) => writeMarkers(JSON.stringify(changes.reduce((body, [at, value]) => replaceAt(body, at, value), realistic()))));
}

describe("every webhook topic route, Shopify's bodies with extreme values", () => {
  it.each(Object.keys(webhookRoutes) as Topic[])(
    "%s: never a 5xx; a 4xx writes nothing; a 200 is applied, also by a later sweep",
    async (topic) => {
      const placeholder = "fuzz-placeholder.myshopify.com";
      await fc.assert(
        fc.asyncProperty(extremeBody(() => shopifyBodies[topic](placeholder)), async (rawBodyTemplate) => {
          const shop = await installedShop("extreme");
          await ensureMember(sqlDb, shop, "701", { email: "c@example.com" });
          const rawBody = rawBodyTemplate.replaceAll(placeholder, shop);
          const before = await shopState(shop);
          const request = signedWebhookRequest({ shop, topic, payload: null, rawBody });
          const response = await answer(() => webhookRoutes[topic]({ request }));
          await backgroundWebhooksIdle();
          expect(response.status, await response.clone().text()).toBeLessThan(500);
          if (response.status >= 400) {
            expect(await shopState(shop)).toEqual(before);
            return;
          }
          // Answered 200: applied now, and a sweep (which reads the stored body again) finds nothing left to do.
          expect(await sweepWebhookInbox(sqlDb, new Date(Date.now() + 60 * 60 * 1000))).toMatchObject({ failed: 0 });
          const waiting = await db.webhookDelivery.findMany({ where: { shop, OR: [{ processedAt: null }, { lastError: { not: null } }] }, select: { lastError: true } });
          expect(waiting).toEqual([]);
        }),
        { numRuns: EXTREME_RUNS },
      );
    },
    TIMEOUT_MS,
  );
});

// ── App proxy routes ─────────────────────────────────────────────────────────────────────────────────────────

const IDENTITY = new Set(["shop", "logged_in_customer_id", "path_prefix", "timestamp", "signature"]);
const appQuery = anyQuery.map((pairs) => pairs.filter(([name]) => !IDENTITY.has(name)));
const anyCustomer = fc.oneof(fc.constant(""), fc.constant("7001"), fc.constant("7002"), fc.stringMatching(/^\d{1,24}$/), fc.string({ maxLength: 12 }));

async function storefrontShop() {
  const shop = await installedShop("fuzzproxy");
  await recordShopSeen(sqlDb, shop, "EUR");
  standIn.seedShop(shop, { name: "Tea House", currencyCode: "EUR" });
  standIn.seedCustomer(shop, { id: "7001" });
  const member = await ensureMember(sqlDb, shop, "7001");
  await sqlDb.transaction().execute((tx) =>
    appendEntries(tx, shop, member.id, [
      { kind: "adjust", availableDelta: 5000, pendingDelta: 0, reason: "grant", sourceType: "staff", sourceId: "t", idempotencyKey: "grant:7001" },
    ]),
  );
  const fixed = await createReward(db, shop, { ...REWARD_DEFAULTS, type: "fixed_amount", title: "€5 off", pointsCost: 100, amountMinor: 500 });
  const variable = await createReward(db, shop, {
    ...REWARD_DEFAULTS, type: "variable_amount", title: "Points for money", pointsCost: 100, amountMinor: 100, minPoints: 100, maxPoints: 1000,
  });
  return { shop, rewardIds: [fixed.id, variable.id] };
}

type ProxyRoute = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<Response>;

const proxyRoutes: Array<{ path: string; route: ProxyRoute; post: boolean }> = [
  { path: "/proxy/program", route: proxyProgram, post: false },
  { path: "/proxy/me", route: proxyMe, post: false },
  { path: "/proxy/session", route: proxySession, post: false },
  { path: "/proxy/redeem", route: proxyRedeem, post: true },
  { path: "/proxy/birthday", route: proxyBirthday, post: true },
  { path: "/proxy/follow", route: proxyFollow, post: true },
];

describe("every app proxy route, correctly signed, any query (and any body)", () => {
  it.each(proxyRoutes)(
    "$path: never a 5xx; a 4xx writes nothing",
    async ({ path, route, post }) => {
      const { shop, rewardIds } = await storefrontShop();
      // Mostly bodies that could redeem, from the shopper who has points, so runs get past validation too.
      const nearlyValid = fc.record({
        rewardId: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...rewardIds) }, { weight: 1, arbitrary: fc.integer() }),
        points: fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.integer({ min: -10, max: 2000 }) }),
      });
      const redeemBody = fc.oneof(
        { weight: 4, arbitrary: nearlyValid.map((body) => JSON.stringify(body)) },
        { weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
        { weight: 1, arbitrary: fc.string() },
        { weight: 1, arbitrary: deeplyNested },
      );
      const customer = post ? fc.oneof({ weight: 3, arbitrary: fc.constant("7001") }, { weight: 1, arbitrary: anyCustomer }) : anyCustomer;
      await fc.assert(
        fc.asyncProperty(appQuery, customer, post ? redeemBody : fc.constant(""), async (query, customerId, body) => {
          const before = await shopState(shop);
          const request = signedProxyRequestWithQuery(
            shop,
            path,
            [["path_prefix", "/apps/loyalty"], ["logged_in_customer_id", customerId], ...query],
            post ? { init: { method: "POST", headers: { "Content-Type": "application/json" }, body } } : {},
          );
          const response = await answer(() => route({ request, params: {}, context: {} }));
          expect(response.status, await response.clone().text()).toBeLessThan(500);
          if (response.status >= 400) expect(await shopState(shop)).toEqual(before);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );
});
