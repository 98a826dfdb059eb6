// Helpers for the admin page tests: run loaders and actions as Remix does, with session tokens signed as Shopify
// admin signs them (for a chosen staff member), and put members with points in the database.
import { getJwt } from "@shopify/shopify-api/test-helpers";
import db, { sqlDb } from "../../app/db.server";
import { appendEntries, ensureMember } from "../../app/persistence/ledger";
import { API_KEY, API_SECRET_KEY, APP_URL } from "./shopify-requests";

type RouteArgs = { request: Request; params: Record<string, string>; context: Record<string, unknown> };
type RouteFunction = (args: RouteArgs) => Promise<unknown>;

/** What Remix's `data(value, init)` returns. */
type DataWithInit = { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null };

export type RouteResult<T = unknown> = { status: number; body: T; response: Response | null };

/**
 * Runs a loader or action the way Remix does: a thrown Response is the response; `data(value, init)` carries its
 * status; a plain value is a 200.
 */
export async function runRoute<T = unknown>(fn: RouteFunction, request: Request, params: Record<string, string> = {}): Promise<RouteResult<T>> {
  try {
    const result = await fn({ request, params, context: {} });
    if (result instanceof Response) return { status: result.status, body: undefined as T, response: result };
    if (result && typeof result === "object" && (result as DataWithInit).type === "DataWithResponseInit") {
      const { data, init } = result as DataWithInit;
      return { status: init?.status ?? 200, body: data as T, response: null };
    }
    return { status: 200, body: result as T, response: null };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: undefined as T, response: thrown };
    throw thrown;
  }
}

/** A session token for `shop` naming staff member `sub`, signed with the app's secret as Shopify admin signs it. */
export async function sessionTokenFor(shop: string, sub = "12345"): Promise<string> {
  const { token } = await getJwt(shop.replace(/\.myshopify\.com$/, ""), API_KEY, API_SECRET_KEY, { sub });
  return token;
}

/** An App Bridge fetch (Remix data request or form post) from staff member `sub` of `shop`. */
export async function staffRequest(
  shop: string,
  path: string,
  options: { sub?: string; method?: string; form?: Record<string, string>; body?: BodyInit } = {},
): Promise<Request> {
  const headers = new Headers({ Authorization: `Bearer ${await sessionTokenFor(shop, options.sub)}` });
  let body: BodyInit | undefined = options.body;
  if (options.form) {
    body = new URLSearchParams(options.form);
    headers.set("Content-Type", "application/x-www-form-urlencoded");
  }
  return new Request(`${APP_URL}${path}`, { method: options.method ?? (body ? "POST" : "GET"), headers, body });
}

/** A member of `shop` with `points` available (through the ledger, as everything else). */
export async function seedMember(
  shop: string,
  customerId: string,
  profile: { email?: string | null; firstName?: string | null; lastName?: string | null } = {},
  points = 0,
  pending = 0,
) {
  const member = await ensureMember(sqlDb, shop, customerId, profile);
  if (points !== 0 || pending !== 0) {
    await sqlDb.transaction().execute((tx) =>
      appendEntries(tx, shop, member.id, [
        {
          kind: "action_bonus",
          availableDelta: points,
          pendingDelta: pending,
          reason: "Test grant",
          sourceType: "system",
          sourceId: "test",
          idempotencyKey: `test-grant:${customerId}`,
        },
      ]),
    );
  }
  return db.member.findUniqueOrThrow({ where: { id: member.id } });
}
