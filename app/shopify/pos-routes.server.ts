// The POS UI extension's endpoints (routes extension.pos.*): a staff member at the register acts for a customer.
// The shop and the staff member come from the POS session token (posHandler); the customer is named in the request
// (POS says which customer is in the cart) and is only ever looked up in the token's shop. Each request says where it
// comes from (`location`, `staff`: POS's session.currentSession.locationId / staffMemberId), checked against the
// shop's POS settings (app/rules/pos-access.ts) and recorded in the audit (PosActivity) for every redeem, cancel and
// enrolment. What the member sees and redeeming are the same functions as the storefront's and checkout's
// (app/shopify/member-api.server.ts), with the "pos" channel: a short-lived, customer-locked code.
import { sqlDb } from "../db.server";
import { getProgramSettings } from "../persistence/program-settings";
import { shopCurrency, shopTimeZone } from "../persistence/shops";
import { getPosAccess, recordPosActivity, type PosActor } from "../persistence/pos";
import { applyCustomerCreated } from "../persistence/members";
import { parsePosId, posRefusal, type PosAct, type PosRefusal } from "../rules/pos-access";
import { cancelFor, historyCursor, memberView, readJsonObject, redeemFor } from "./member-api.server";
import { posHandler, type PosRequestContext } from "./extension-api.server";
import { apiError, json } from "./storefront-api.server";
import { createCustomer, findCustomers, parseEnrolment, parseSearchText } from "./pos-customers.server";
import { createRateLimiter, takeSlot } from "./rate-limit.server";
import { ShopUnavailableError } from "./reward-issuer.server";
import type { AdminGraphql } from "./admin-graphql.server";
import { offlineAdmin } from "./offline-admin.server";

const CUSTOMER = /^(?:gid:\/\/shopify\/Customer\/)?(\d{1,20})$/;

const REFUSALS: Record<PosRefusal, string> = {
  staff_not_allowed: "This staff member may not use the rewards program at the point of sale",
  location_not_allowed: "The rewards program is not used at this location",
  location_required: "The request must say which location it comes from",
  enrol_disabled: "Enrolling customers at the point of sale is turned off",
};

// Searching and creating customers call Shopify: bounded per staff member (a stuck button must not drain the shop's
// Admin API budget), loosely enough for a queue at the counter.
const lookupLimiter = createRateLimiter({ points: 30, durationSeconds: 60, keyPrefix: "pos-lookup" });
const enrolLimiter = createRateLimiter({ points: 10, durationSeconds: 60, keyPrefix: "pos-enrol" });

type PosHandle = (request: Request, context: PosRequestContext & { actor: PosActor }) => Promise<Response>;

function posEndpoint(method: "GET" | "POST", act: PosAct, handle: PosHandle) {
  return posHandler(async (request, context) => {
    if (request.method !== method) return apiError(405, "method_not_allowed", `Use ${method}`, { Allow: method });
    const url = new URL(request.url);
    const location = url.searchParams.get("location");
    const staff = url.searchParams.get("staff");
    const locationId = location === null ? null : parsePosId(location, "location");
    const staffMemberId = staff === null ? null : parsePosId(staff, "user");
    if (locationId === null && location !== null) return apiError(400, "invalid_location", "location must be a location id");
    if (staffMemberId === null && staff !== null) return apiError(400, "invalid_staff", "staff must be a staff member id");
    const refusal = posRefusal(await getPosAccess(sqlDb, context.shop), { staffUserId: context.staffUserId, locationId }, act);
    if (refusal) return apiError(403, refusal, REFUSALS[refusal]);
    return handle(request, { ...context, actor: { staffUserId: context.staffUserId, staffMemberId, locationId } });
  });
}

function customerIdFrom(value: unknown): string {
  const id = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : typeof value === "string" ? (CUSTOMER.exec(value)?.[1] ?? null) : null;
  if (!id || id === "0") throw apiError(400, "invalid_customer", "customerId must be a customer id");
  return id;
}

async function adminGraphql(shop: string): Promise<AdminGraphql> {
  const admin = await offlineAdmin(shop);
  if (!admin) throw new ShopUnavailableError(shop);
  return admin.graphql;
}

async function limited(limiter: ReturnType<typeof createRateLimiter>, key: string) {
  const slot = await takeSlot(limiter, key);
  if (!slot.allowed) throw apiError(429, "rate_limited", "Too many requests; try again in a minute", { "Retry-After": String(slot.retryAfterSeconds) });
}

/** GET ?customer=<id>&before=<entry id>: the customer's member view (as /proxy/me) and the program's earning rate. */
export const meLoader = posEndpoint("GET", "read", async (request, { shop }) => {
  const url = new URL(request.url);
  const customerId = customerIdFrom(url.searchParams.get("customer"));
  const [settings, timeZone, currency, member] = await Promise.all([
    getProgramSettings(sqlDb, shop),
    shopTimeZone(sqlDb, shop),
    shopCurrency(sqlDb, shop),
    memberView(shop, customerId, historyCursor(url)),
  ]);
  return json({ program: { pointsPerUnit: settings.pointsPerUnit, pendingDays: settings.pendingDays, currency, timeZone }, customerId, member });
});

/** POST { customerId, rewardId, points? }: the code (24 h, for this customer only) for the register to apply. */
export const redeemAction = posEndpoint("POST", "redeem", async (request, { shop, actor }) => {
  const body = await readJsonObject(request);
  const customerId = customerIdFrom(body.customerId);
  const answer = await redeemFor(shop, customerId, body, "pos");
  await recordPosActivity(sqlDb, shop, { ...actor, customerId, action: "redeem", redemptionId: answer.redemption.id, points: answer.redemption.points });
  return json(answer);
});

/** POST { customerId, redemptionId }: the code was taken off the cart; deactivated, the points back. */
export const cancelAction = posEndpoint("POST", "redeem", async (request, { shop, actor }) => {
  const body = await readJsonObject(request);
  const customerId = customerIdFrom(body.customerId);
  const answer = await cancelFor(shop, customerId, body);
  // A repeated cancel returns nothing more and is not a second event.
  if (answer.pointsReturned > 0) {
    await recordPosActivity(sqlDb, shop, { ...actor, customerId, action: "cancel", redemptionId: answer.redemption.id, points: answer.pointsReturned });
  }
  return json(answer);
});

/** GET ?q=<name, email, phone or id>: up to 10 of the shop's customers. */
export const customersLoader = posEndpoint("GET", "read", async (request, { shop, staffUserId }) => {
  const text = parseSearchText(new URL(request.url).searchParams.get("q"));
  await limited(lookupLimiter, `${shop}\n${staffUserId}`);
  return json({ customers: await findCustomers(await adminGraphql(shop), text) });
});

/** POST { firstName, lastName?, email, marketingConsent }: a new Shopify customer, a member from now on. */
export const enrolAction = posEndpoint("POST", "enrol", async (request, { shop, staffUserId, actor }) => {
  const enrolment = parseEnrolment(await readJsonObject(request));
  await limited(enrolLimiter, `${shop}\n${staffUserId}`);
  const outcome = await createCustomer(await adminGraphql(shop), enrolment, actor.locationId);
  if (outcome.kind === "refused") return apiError(422, "customer_not_created", outcome.message);
  const { customer } = outcome;
  // As customers/create will (idempotent): the member exists now, so the counter can show and use it at once.
  await applyCustomerCreated(sqlDb, shop, { customerId: customer.id, email: enrolment.email, firstName: enrolment.firstName, lastName: enrolment.lastName || null });
  await recordPosActivity(sqlDb, shop, { ...actor, customerId: customer.id, action: "enrol" });
  return json({ customer }, { status: 201 });
});
