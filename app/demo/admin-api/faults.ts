// Faults a test (or the demo) can make the stand-in answer with, to prove the app copes with what Shopify really does
// under stress. Most replace execution, so nothing changes: a mutation refused with userErrors, a 5xx, a THROTTLED
// error, no answer, a dropped connection, or the 401 Shopify gives a revoked access token (after an uninstall). The "AfterApply" kinds are the nasty case: Shopify did the work (the discount exists, the
// credit was booked) but the answer never reached the app — a gateway timeout or 5xx after the commit — so only
// reading the state back (reconciliation) tells the app what happened.
import type { GraphQLSchema, OperationDefinitionNode } from "graphql";
import type { StandInResponse } from "./execute";
import { getNamedType, isObjectType, isNonNullType, Kind } from "graphql";

export interface InjectedUserError {
  field: string[] | null;
  message: string;
  code?: string;
}

export type Fault =
  | { kind: "userErrors"; userErrors: InjectedUserError[] }
  | { kind: "http5xx"; status?: 500 | 502 | 503 | 504 }
  | { kind: "throttled" }
  | { kind: "timeout"; delayMs?: number }
  | { kind: "network" }
  | { kind: "invalidToken" }
  | { kind: "timeoutAfterApply"; delayMs?: number }
  | { kind: "http5xxAfterApply"; status?: 500 | 502 | 503 | 504 };

export interface FaultOptions {
  /** Only operations with this name trigger the fault (default: any operation). */
  operationName?: string;
  /** How many matching requests get the fault (default 1). */
  times?: number;
}

interface QueuedFault {
  fault: Fault;
  operationName: string | undefined;
  remaining: number;
}

export class FaultQueue {
  private queued: QueuedFault[] = [];

  add(fault: Fault, options: FaultOptions = {}): void {
    this.queued.push({ fault, operationName: options.operationName, remaining: options.times ?? 1 });
  }

  /** The first queued fault matching this request, consumed once. userErrors only ever match mutations. */
  take(operationName: string | null, isMutation: boolean): Fault | null {
    const index = this.queued.findIndex(
      (entry) =>
        (entry.operationName === undefined || entry.operationName === operationName) &&
        (entry.fault.kind !== "userErrors" || isMutation),
    );
    if (index === -1) return null;
    const entry = this.queued[index]!;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.queued.splice(index, 1);
    return entry.fault;
  }

  clear(): void {
    this.queued = [];
  }
}

/**
 * The `data` Shopify returns when a mutation is refused: each root field's payload has its `userErrors` filled and
 * every other (nullable) payload field null.
 */
export function userErrorsData(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  userErrors: InjectedUserError[],
): Record<string, unknown> {
  const mutation = schema.getMutationType();
  const data: Record<string, unknown> = {};
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const field = mutation?.getFields()[selection.name.value];
    const payload = field ? getNamedType(field.type) : undefined;
    if (!payload || !isObjectType(payload)) continue;
    const result: Record<string, unknown> = {};
    for (const payloadField of selection.selectionSet?.selections ?? []) {
      if (payloadField.kind !== Kind.FIELD) continue;
      const name = payloadField.name.value;
      const alias = payloadField.alias?.value ?? name;
      if (name === "__typename") result[alias] = payload.name;
      else if (name === "userErrors") {
        const full = (error: InjectedUserError): Record<string, unknown> => ({
          __typename: "UserError",
          field: error.field,
          message: error.message,
          code: error.code ?? null,
        });
        // Only the sub-fields the operation selected, as a real response would have.
        const picked = (payloadField.selectionSet?.selections ?? []).flatMap((sub) =>
          sub.kind === Kind.FIELD ? [[sub.alias?.value ?? sub.name.value, sub.name.value] as const] : [],
        );
        result[alias] = userErrors.map((error) =>
          Object.fromEntries(picked.map(([key, name]) => [key, full(error)[name] ?? null])),
        );
      } else {
        const type = payload.getFields()[name]?.type;
        result[alias] = type && isNonNullType(type) ? [] : null;
      }
    }
    data[selection.alias?.value ?? selection.name.value] = result;
  }
  return data;
}

const STATUS_TEXT = {
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/**
 * For the AfterApply faults: the response the app gets instead of the one the executed operation produced. Only an
 * operation that really ran (HTTP 200 with `data`) is turned into a lost answer; one refused before running (invalid,
 * over the cost limit, throttled) stays as it was, because then nothing was applied.
 */
export function lostAfterApply(fault: Fault | null, executed: StandInResponse): StandInResponse {
  const ran = executed.status === 200 && (executed.body as { data?: unknown } | null)?.data != null;
  if (!fault || !ran) return executed;
  if (fault.kind === "timeoutAfterApply") {
    return { status: 504, body: { errors: "Gateway Timeout" }, delayMs: fault.delayMs ?? Infinity };
  }
  if (fault.kind === "http5xxAfterApply") {
    const status = fault.status ?? 502;
    return { status, body: { errors: STATUS_TEXT[status] } };
  }
  return executed;
}
