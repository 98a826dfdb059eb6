// Every Admin GraphQL call of the app goes through runAdminGraphql, which sorts what came back into one of a few
// outcomes, once, so the adapters (reward-issuer, customer-lookup, shop-info, theme-embed) only decide what an
// outcome means for them:
//   data        the operation ran and no payload has userErrors
//   userErrors  a mutation was refused: Shopify changed nothing
//   throttled   THROTTLED still, after backing off and retrying
//   errors      top-level GraphQL errors (invalid operation, missing access, …); `data` may be partial, so none is given
//   http        any other HTTP status (5xx: Shopify may or may not have applied a mutation; 429 too, not retried:
//               the Admin GraphQL API signals its rate limit with THROTTLED)
//   timeout     no answer within the time limit (it may have been applied)
//   network     no HTTP answer at all (connection refused, reset, DNS)
// 5xx, timeouts and network errors are never retried here: retrying a create that did succeed would be refused as a
// duplicate and mistaken for "nothing created" (reward-issuer.server.ts explains what it does instead).
import type { AdminMutations, AdminOperations, AdminQueries, ReturnData } from "@shopify/admin-api-client";
import { GraphqlQueryError, HttpRequestError, HttpResponseError } from "@shopify/shopify-api";
import type { AdminGraphqlClient } from "@shopify/shopify-app-remix/server";

/** `admin.graphql` as @shopify/shopify-app-remix hands it out (authenticate.admin and unauthenticated.admin). */
export type AdminGraphql = AdminGraphqlClient;

// The library's operation maps have a `[key: string]` fallback, under which any string is an operation returning
// `any`. Only the keys codegen added (app/types/admin.generated.d.ts, one per `#graphql` document) are accepted here,
// so a document whose types were not generated, or are stale, fails the typecheck instead of returning `any`.
type GeneratedKeys<Operations> = keyof {
  [K in keyof Operations as K extends string ? (string extends K ? never : K) : never]: true;
};
export type AdminOperation = GeneratedKeys<AdminQueries> | GeneratedKeys<AdminMutations>;

// Only there for `typeof` below: TypeScript instantiates a generic function type for one operation only through a value.
declare const _graphqlForTypes: AdminGraphql;
/** The variables the client's own typing requires for this operation (none, or the generated Variables type). */
export type AdminVariables<Operation extends AdminOperation> = NonNullable<
  Parameters<typeof _graphqlForTypes<Operation>>[1]
>["variables"];
export type AdminData<Operation extends AdminOperation> = ReturnData<Operation, AdminOperations>;

export type AdminUserError = { field?: string[] | null; code?: string | null; message: string };

export type AdminGraphqlFailure =
  | { kind: "userErrors"; userErrors: AdminUserError[]; message: string }
  | { kind: "throttled"; message: string }
  | { kind: "errors"; message: string }
  | { kind: "http"; status: number; message: string }
  | { kind: "timeout"; message: string }
  | { kind: "network"; message: string };

export type AdminGraphqlResult<Data> = { kind: "data"; data: Data } | AdminGraphqlFailure;

export type AdminGraphqlSettings = {
  /** How long one request may take before its answer counts as lost. */
  timeoutMs?: number;
  /** THROTTLED requests are retried this many times, waiting baseDelayMs, 2×, 4× … or longer if Shopify's bucket needs it. */
  throttleRetries?: number;
  baseDelayMs?: number;
};

const DEFAULTS = { timeoutMs: 10_000, throttleRetries: 3, baseDelayMs: 500 } satisfies Required<AdminGraphqlSettings>;

/** Thrown by requireData: an adapter whose contract is "an answer or an exception" (import jobs, the home page). */
export class AdminGraphqlError extends Error {
  constructor(readonly failure: AdminGraphqlFailure) {
    super(failure.message);
    this.name = "AdminGraphqlError";
  }
}

export function requireData<Data>(result: AdminGraphqlResult<Data>): Data {
  if (result.kind !== "data") throw new AdminGraphqlError(result);
  return result.data;
}

/** The same outcome with its data narrowed to what the caller reads (failures pass through unchanged). */
export function mapData<Data, Mapped>(result: AdminGraphqlResult<Data>, map: (data: Data) => Mapped): AdminGraphqlResult<Mapped> {
  return result.kind === "data" ? { kind: "data", data: map(result.data) } : result;
}

export async function runAdminGraphql<Operation extends AdminOperation>(
  graphql: AdminGraphql,
  operation: Operation,
  variables?: AdminVariables<Operation>,
  settings: AdminGraphqlSettings = {},
): Promise<AdminGraphqlResult<AdminData<Operation>>> {
  const { timeoutMs, throttleRetries, baseDelayMs } = { ...DEFAULTS, ...settings };
  for (let attempt = 0; ; attempt += 1) {
    const { result, waitHintMs } = await attemptOnce(graphql, operation, variables, timeoutMs);
    if (result.kind === "throttled" && attempt < throttleRetries) {
      await sleep(Math.max(baseDelayMs * 2 ** attempt, waitHintMs));
      continue;
    }
    // Failures name their operation, so a logged or stored reason says which call it was.
    return result.kind === "data" ? result : { ...result, message: `${operationNameOf(operation)}: ${result.message}` };
  }
}

function operationNameOf(document: string): string {
  return /\b(?:query|mutation)\s+(\w+)/.exec(document)?.[1] ?? "anonymous operation";
}

type Attempt<Data> = { result: AdminGraphqlResult<Data>; waitHintMs: number };

async function attemptOnce<Operation extends AdminOperation>(
  graphql: AdminGraphql,
  operation: Operation,
  variables: AdminVariables<Operation> | undefined,
  timeoutMs: number,
): Promise<Attempt<AdminData<Operation>>> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Raced rather than trusted to the signal alone, so a transport that ignores aborts still cannot hang the caller.
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve("timeout");
    }, timeoutMs);
  });
  const answered = graphql(operation, { variables, signal: controller.signal })
    .then((response) => response.json())
    .then(
      (body) => ({ body }),
      (error: unknown) => ({ error }),
    );
  const first = await Promise.race([answered, timedOut]).finally(() => clearTimeout(timer));
  const noHint = (result: AdminGraphqlResult<AdminData<Operation>>) => ({ result, waitHintMs: 0 });
  if (first === "timeout") return noHint({ kind: "timeout", message: `no answer from Shopify within ${timeoutMs} ms` });
  if ("error" in first) return classifyThrown(first.error);
  const { data } = first.body;
  if (data === undefined || data === null) return noHint({ kind: "errors", message: "Shopify answered without data" });
  const userErrors = userErrorsIn(data);
  if (userErrors.length > 0) return noHint({ kind: "userErrors", userErrors, message: describeUserErrors(userErrors) });
  return noHint({ kind: "data", data });
}

/** The library throws for everything but data; which class says what happened. */
function classifyThrown(error: unknown): Attempt<never> {
  // authenticate.admin turns HTTP errors into a Response. A 401 or a redirect is its request to re-authenticate
  // (it has already dropped the invalid token), which must reach Remix, not be read as an outcome.
  if (error instanceof Response) {
    if (error.status === 401 || (error.status >= 300 && error.status < 400)) throw error;
    return { result: { kind: "http", status: error.status, message: `Shopify answered HTTP ${error.status}` }, waitHintMs: 0 };
  }
  if (error instanceof GraphqlQueryError) {
    const errors = graphqlErrorsOf(error.body);
    const message = errors.map((e) => e.message).join("; ") || error.message;
    if (errors.some((e) => e.code === "THROTTLED")) {
      return { result: { kind: "throttled", message: `throttled: ${message}` }, waitHintMs: bucketWaitMs(error.body) };
    }
    return { result: { kind: "errors", message }, waitHintMs: 0 };
  }
  if (error instanceof HttpResponseError) {
    return { result: { kind: "http", status: error.response.code, message: error.message }, waitHintMs: 0 };
  }
  // No response at all; an abort by our own timer lands in the race above first.
  if (error instanceof HttpRequestError) return { result: { kind: "network", message: error.message }, waitHintMs: 0 };
  throw error;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

function graphqlErrorsOf(body: unknown): Array<{ message: string; code: string | undefined }> {
  const errors = isRecord(body) && isRecord(body.errors) ? body.errors.graphQLErrors : undefined;
  if (!Array.isArray(errors)) return [];
  return errors.filter(isRecord).map((e) => ({
    message: String(e.message ?? ""),
    code: isRecord(e.extensions) && typeof e.extensions.code === "string" ? e.extensions.code : undefined,
  }));
}

/** How long until Shopify's leaky bucket holds what the throttled query asked for (its `extensions.cost`). */
function bucketWaitMs(body: unknown): number {
  const cost = isRecord(body) && isRecord(body.extensions) ? body.extensions.cost : undefined;
  if (!isRecord(cost) || !isRecord(cost.throttleStatus)) return 0;
  const requested = Number(cost.requestedQueryCost);
  const available = Number(cost.throttleStatus.currentlyAvailable);
  const restoreRate = Number(cost.throttleStatus.restoreRate);
  if (!(restoreRate > 0) || !(requested > available)) return 0;
  return Math.ceil(((requested - available) / restoreRate) * 1000);
}

/** userErrors of every root payload of a mutation (`{ discountCodeBasicCreate: { userErrors: […] } }`). */
function userErrorsIn(data: unknown): AdminUserError[] {
  if (!isRecord(data)) return [];
  return Object.values(data).flatMap((payload) =>
    isRecord(payload) && Array.isArray(payload.userErrors) ? payload.userErrors.filter(isUserError) : [],
  );
}

function isUserError(value: unknown): value is AdminUserError {
  return isRecord(value) && typeof value.message === "string";
}

function describeUserErrors(errors: AdminUserError[]): string {
  return errors.map((e) => (e.code ? `${e.code}: ${e.message}` : e.message)).join("; ");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
