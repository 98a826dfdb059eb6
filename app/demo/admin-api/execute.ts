// One Admin GraphQL request against the stand-in, answered the way Shopify answers it: HTTP 200 with `errors` for
// syntax and validation failures, the calculated query cost in `extensions.cost`, MAX_COST_EXCEEDED for a query
// over 1000 points, THROTTLED when the shop's leaky bucket is empty, and `data` from executing the operation
// against the real schema and the shop's state.
import {
  execute,
  getOperationAST,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
} from "graphql";
import type { RequestContext } from "./context";
import { refill, requestedQueryCost, SINGLE_QUERY_MAX_COST, throttleStatus } from "./cost";
import { userErrorsData, type Fault } from "./faults";
import { fieldResolver } from "./resolve";
import { loadAdminSchema } from "./schema";
import type { ShopState } from "./state";
import { mutationRoot, queryRoot } from "./views/root";

export interface GraphqlRequestBody {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

export interface StandInResponse {
  status: number;
  body: unknown;
  /** Set for the timeout fault: how long to hold the response (Infinity = never answer). */
  delayMs?: number;
  /** Set for the network fault: the connection drops, no HTTP response at all. */
  networkError?: true;
}

export interface ExecutionRecord {
  operationName: string | null;
  isMutation: boolean;
  /** Validation or syntax errors: the operation would have been rejected by Shopify. */
  invalid: readonly GraphQLError[];
  unimplemented: string[];
}

/** Shopify's answer to a missing, invalid or revoked access token. */
export const INVALID_TOKEN_MESSAGE = "[API] Invalid API key or access token (unrecognized login or wrong password)";

function errorBody(errors: readonly GraphQLError[], extra: Record<string, unknown> = {}) {
  return { errors: errors.map((error) => error.toJSON()), ...extra };
}

function throttledError(): GraphQLError {
  return new GraphQLError("Throttled", {
    extensions: {
      code: "THROTTLED",
      documentation: "https://shopify.dev/api/usage/rate-limits",
    },
  });
}

export interface ExecuteOptions {
  shop: ShopState;
  body: GraphqlRequestBody;
  appId: string;
  fault: (operationName: string | null, isMutation: boolean) => Fault | null;
  now?: () => Date;
}

export async function executeAdminRequest(options: ExecuteOptions): Promise<{ response: StandInResponse; record: ExecutionRecord }> {
  const schema = loadAdminSchema();
  const { shop, body } = options;
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (error) {
    const errors = [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
    return {
      response: { status: 200, body: errorBody(errors) },
      record: { operationName: body.operationName ?? null, isMutation: false, invalid: errors, unimplemented: [] },
    };
  }
  const operation = getOperationAST(document, body.operationName ?? undefined);
  const operationName = operation?.name?.value ?? body.operationName ?? null;
  const isMutation = operation?.operation === "mutation";
  const invalid = validate(schema, document);
  if (invalid.length > 0 || !operation) {
    const errors = invalid.length > 0 ? invalid : [new GraphQLError("An operation name is required")];
    return {
      response: { status: 200, body: errorBody(errors) },
      record: { operationName, isMutation, invalid: errors, unimplemented: [] },
    };
  }
  const record: ExecutionRecord = { operationName, isMutation, invalid: [], unimplemented: [] };

  const fault = options.fault(operationName, isMutation);
  if (fault?.kind === "http5xx") {
    const status = fault.status ?? 503;
    return { response: { status, body: { errors: status === 503 ? "Service Unavailable" : "Internal Server Error" } }, record };
  }
  if (fault?.kind === "timeout") {
    return { response: { status: 504, body: { errors: "Gateway Timeout" }, delayMs: fault.delayMs ?? Infinity }, record };
  }
  if (fault?.kind === "network") return { response: { status: 0, body: null, networkError: true }, record };
  if (fault?.kind === "invalidToken") {
    return { response: { status: 401, body: { errors: INVALID_TOKEN_MESSAGE } }, record };
  }

  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const variables = body.variables ?? {};
  const requested = requestedQueryCost(schema, operation, fragments, variables);
  refill(shop.bucket, Date.now());
  if (requested > SINGLE_QUERY_MAX_COST) {
    const error = new GraphQLError(
      `Query cost is ${requested}, which exceeds the single query max cost limit (${SINGLE_QUERY_MAX_COST}).`,
      { extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: SINGLE_QUERY_MAX_COST } },
    );
    return { response: { status: 200, body: errorBody([error]) }, record };
  }
  if (fault?.kind === "throttled" || requested > shop.bucket.available) {
    const cost = { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: throttleStatus(shop.bucket) };
    if (fault?.kind === "throttled") cost.throttleStatus.currentlyAvailable = 0;
    return { response: { status: 200, body: errorBody([throttledError()], { extensions: { cost } }) }, record };
  }
  if (fault?.kind === "userErrors") {
    shop.bucket.available -= requested;
    const cost = { requestedQueryCost: requested, actualQueryCost: requested, throttleStatus: throttleStatus(shop.bucket) };
    return {
      response: { status: 200, body: { data: userErrorsData(schema, operation, fault.userErrors), extensions: { cost } } },
      record,
    };
  }

  const context: RequestContext = {
    shop,
    now: options.now ?? (() => new Date()),
    appId: options.appId,
    actualCost: 0,
    unimplemented: new Set(),
    searchWarnings: [],
  };
  const result = await execute({
    schema,
    document,
    operationName: body.operationName ?? undefined,
    variableValues: variables,
    rootValue: isMutation ? mutationRoot(shop) : queryRoot(shop),
    contextValue: context,
    fieldResolver,
  });
  const actual = isMutation ? requested : Math.min(requested, context.actualCost);
  shop.bucket.available -= actual;
  record.unimplemented = [...context.unimplemented];
  const extensions: Record<string, unknown> = {
    cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: throttleStatus(shop.bucket) },
  };
  if (context.searchWarnings.length > 0) extensions.search = context.searchWarnings;
  const responseBody: Record<string, unknown> = { data: result.data ?? null };
  if (result.errors?.length) responseBody.errors = result.errors.map((error) => error.toJSON());
  responseBody.extensions = extensions;
  return { response: { status: 200, body: responseBody }, record };
}
