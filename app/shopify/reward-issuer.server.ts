// The RewardIssuer (app/loyalty/redemption.ts) over the Admin GraphQL API.
//
// What each failure means for the redemption:
//   userErrors                 → refused: Shopify created nothing.
//   THROTTLED                  → retried with back-off; still throttled after the retries → refused (nothing created).
//   5xx, timeout, network error → unknown: it may have been created. The caller looks the code up and removes it.
// A 5xx is never retried blindly: a retry of a create that did succeed would be refused as a duplicate code and
// read as "nothing created" while the first code is live.
import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import type { IssueOutcome, IssueRequest, IssuedState, RedemptionRecord, RewardIssuer } from "../loyalty/redemption";
import {
  codeDiscountInput,
  CREDIT_STORE_CREDIT,
  DEACTIVATE_CODE,
  LOOK_UP_CODE,
  storeCreditInput,
} from "./reward-operations";

/** The admin client's `graphql`, as `admin.graphql` from @shopify/shopify-app-remix has it. */
export type AdminGraphql = (query: string, options?: { variables?: Record<string, unknown> }) => Promise<Response>;

export type IssuerOptions = {
  /** How long one request may take before its answer counts as lost. */
  timeoutMs?: number;
  /** Throttled requests are retried this many times, waiting baseDelayMs, 2×, 4× … (or what Shopify asks). */
  throttleRetries?: number;
  baseDelayMs?: number;
};

type UserError = { field: string[] | null; code: string | null; message: string };
type GraphqlBody = { data?: Record<string, unknown> | null; errors?: unknown };

type CallResult =
  | { kind: "ok"; data: Record<string, unknown> }
  | { kind: "throttled" }
  | { kind: "failed"; reason: string };

class TimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`no answer from Shopify within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function isThrottled(errors: unknown): boolean {
  return Array.isArray(errors) && errors.some((e) => (e as { extensions?: { code?: string } })?.extensions?.code === "THROTTLED");
}

/** The library throws on GraphQL errors and HTTP errors; what it carries differs, so both shapes are read. */
function describeThrown(error: unknown): { throttled: boolean; reason: string } {
  const body = (error as { body?: GraphqlBody; response?: GraphqlBody })?.body ?? (error as { response?: GraphqlBody })?.response;
  const errors = body?.errors ?? (error as { errors?: unknown })?.errors;
  const graphQLErrors = (errors as { graphQLErrors?: unknown })?.graphQLErrors ?? errors;
  return { throttled: isThrottled(graphQLErrors), reason: error instanceof Error ? error.message : String(error) };
}

export function createRewardIssuer(graphql: AdminGraphql, options: IssuerOptions = {}): RewardIssuer {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const throttleRetries = options.throttleRetries ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 500;

  async function callOnce(document: string, variables: Record<string, unknown>): Promise<CallResult> {
    try {
      const response = await withTimeout(graphql(document, { variables }), timeoutMs);
      if (response.status >= 500) return { kind: "failed", reason: `Shopify answered HTTP ${response.status}` };
      const body = (await withTimeout(response.json(), timeoutMs)) as GraphqlBody;
      if (isThrottled(body.errors)) return { kind: "throttled" };
      if (body.errors || !body.data) return { kind: "failed", reason: `GraphQL errors: ${JSON.stringify(body.errors)}` };
      return { kind: "ok", data: body.data };
    } catch (error) {
      const { throttled, reason } = describeThrown(error);
      return throttled ? { kind: "throttled" } : { kind: "failed", reason };
    }
  }

  async function call(document: string, variables: Record<string, unknown>): Promise<CallResult> {
    for (let attempt = 0; ; attempt += 1) {
      const result = await callOnce(document, variables);
      if (result.kind !== "throttled" || attempt >= throttleRetries) return result;
      await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** attempt));
    }
  }

  function payloadOf(data: Record<string, unknown>, field: string) {
    return (data[field] ?? null) as Record<string, unknown> | null;
  }

  function userErrorsOf(payload: Record<string, unknown> | null): UserError[] {
    return (payload?.userErrors as UserError[] | undefined) ?? [];
  }

  const describe = (errors: UserError[]) => errors.map((e) => (e.code ? `${e.code}: ${e.message}` : e.message)).join("; ");

  return {
    async issue(request: IssueRequest): Promise<IssueOutcome> {
      const isCredit = request.reward.type === "store_credit";
      const { document, variables, field } = isCredit
        ? { document: CREDIT_STORE_CREDIT, variables: storeCreditInput(request), field: "storeCreditAccountCredit" }
        : (() => {
            const built = codeDiscountInput(request);
            const mutation = request.reward.type === "free_shipping" ? "discountCodeFreeShippingCreate" : "discountCodeBasicCreate";
            return { document: built.document, variables: { input: built.input }, field: mutation };
          })();
      const result = await call(document, variables);
      if (result.kind === "throttled") return { kind: "refused", reason: "Shopify is busy (throttled); try again shortly" };
      if (result.kind === "failed") return { kind: "unknown", reason: result.reason };
      const payload = payloadOf(result.data, field);
      const errors = userErrorsOf(payload);
      if (errors.length > 0) return { kind: "refused", reason: describe(errors) };
      if (isCredit) {
        const transaction = payload?.storeCreditAccountTransaction as { account?: { id?: string } } | null;
        if (!transaction) return { kind: "unknown", reason: "storeCreditAccountCredit returned no transaction" };
        return { kind: "issued", shopifyCreditId: transaction.account?.id ?? "" };
      }
      const node = payload?.codeDiscountNode as { id?: string } | null;
      if (!node?.id) return { kind: "unknown", reason: `${field} returned no discount` };
      return { kind: "issued", shopifyDiscountId: node.id };
    },

    async lookUp(redemption: RedemptionRecord): Promise<IssuedState> {
      if (redemption.code === null) {
        // A store-credit transaction has no key of ours to find it by; only a confirmed answer settles it.
        return redemption.shopifyCreditId
          ? { kind: "present", shopifyId: redemption.shopifyCreditId, active: true, used: true }
          : { kind: "unreachable", reason: "store credit cannot be looked up; needs a person to check" };
      }
      const result = await call(LOOK_UP_CODE, { code: redemption.code });
      if (result.kind !== "ok") return { kind: "unreachable", reason: result.kind === "failed" ? result.reason : "throttled" };
      const node = result.data.codeDiscountNodeByCode as
        | { id: string; codeDiscount: { status?: string; asyncUsageCount?: number } }
        | null;
      if (!node) return { kind: "absent" };
      return {
        kind: "present",
        shopifyId: node.id,
        active: node.codeDiscount.status === "ACTIVE" || node.codeDiscount.status === "SCHEDULED",
        used: (node.codeDiscount.asyncUsageCount ?? 0) > 0,
      };
    },

    async revoke(_redemption: RedemptionRecord, shopifyId: string): Promise<boolean> {
      const result = await call(DEACTIVATE_CODE, { id: shopifyId });
      if (result.kind !== "ok") return false;
      const errors = userErrorsOf(payloadOf(result.data, "discountCodeDeactivate"));
      return errors.length === 0;
    },
  };
}

/** The shop has no offline session (never installed, or uninstalled): nothing can be asked of Shopify for it. */
export class ShopUnavailableError extends Error {
  constructor(readonly shop: string) {
    super("This shop cannot issue rewards right now");
    this.name = "ShopUnavailableError";
  }
}

/**
 * The issuer for one shop, through its offline session (the app's stored access token). Throws ShopUnavailableError
 * when there is none; it is obtained before anything is reserved, so a redemption refused this way wrote nothing.
 */
export async function rewardIssuerForShop(shop: string, options?: IssuerOptions): Promise<RewardIssuer> {
  const { unauthenticated } = await import("../shopify.server");
  try {
    const { admin } = await unauthenticated.admin(shop);
    return createRewardIssuer(admin.graphql as AdminGraphql, options);
  } catch (error) {
    if (error instanceof SessionNotFoundError) throw new ShopUnavailableError(shop);
    throw error;
  }
}
