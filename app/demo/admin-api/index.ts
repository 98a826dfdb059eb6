// The Admin GraphQL API stand-in: Shopify's real Admin schema executed against in-memory shop state, reachable by
// the app through its normal fetch (see handlers.ts). Shopify itself is unreachable from development and CI
// machines; this is what the app talks to in tests and demo mode.
//
//   const standIn = createAdminApiStandIn();
//   standIn.seedShop("tea-house.myshopify.com", { name: "Tea House", currencyCode: "PLN" });
//   standIn.injectFault({ kind: "throttled" }, { operationName: "ShopInfo" });
//
// Every request is logged (`requests`); any operation Shopify would reject as invalid is also kept in
// `invalidOperations`, which the vitest helper turns into a failing test.
import type { GraphQLError } from "graphql";
import { executeAdminRequest, type GraphqlRequestBody, type StandInResponse } from "./execute";
import { FaultQueue, lostAfterApply, type Fault, type FaultOptions } from "./faults";
import { seedCollection, seedCustomer, seedOrder, seedProduct, seedShop, type CollectionSeed, type CustomerSeed, type OrderSeed, type ProductSeed, type ShopSeed } from "./seed";
import { createState, normalizeShopDomain, type StandInState } from "./state";

export { loadAdminSchema, validateAdminOperation } from "./schema";
export { adminApiHandlers } from "./handlers";
export type { Fault, FaultOptions } from "./faults";
export type { CustomerSeed, OrderSeed, ShopSeed, CodeUseRefusal } from "./seed";
export { redeemDiscountCode } from "./seed";
export { discountStatus, discountUsageCount, findDiscountByCode } from "./state";
export type { DiscountRecord, DiscountStatusValue, StoreCreditAccountRecord, StoreCreditTransactionRecord } from "./state";

/** The numeric app id the stand-in plays; `$app` metafield namespaces resolve to `app--4242`. */
export const STAND_IN_APP_ID = "4242";

export interface RequestLogEntry {
  shop: string;
  apiVersion: string;
  operationName: string | null;
  query: string;
  variables: Record<string, unknown>;
  status: number;
  isMutation: boolean;
  /** Fields the operation asked for that the stand-in does not implement (answered null or with an error). */
  unimplemented: string[];
}

export interface InvalidOperation {
  shop: string;
  operationName: string | null;
  query: string;
  errors: readonly GraphQLError[];
}

export interface AdminApiStandIn {
  state: StandInState;
  requests: RequestLogEntry[];
  invalidOperations: InvalidOperation[];
  seedShop(domain: string, seed?: ShopSeed): void;
  seedCustomer(domain: string, seed: CustomerSeed): string;
  seedOrder(domain: string, seed: OrderSeed): string;
  seedProduct(domain: string, seed: ProductSeed): string;
  seedCollection(domain: string, seed: CollectionSeed): string;
  injectFault(fault: Fault, options?: FaultOptions): void;
  /** Answers one request as Shopify's `/admin/api/{version}/graphql.json` would. */
  execute(domain: string, apiVersion: string, body: GraphqlRequestBody): Promise<StandInResponse>;
  /** Forgets every shop, request, invalid operation and pending fault. */
  reset(): void;
}

export function createAdminApiStandIn(): AdminApiStandIn {
  const faults = new FaultQueue();
  const standIn: AdminApiStandIn = {
    state: createState(),
    requests: [],
    invalidOperations: [],
    seedShop(domain, seed) {
      seedShop(standIn.state, domain, seed);
    },
    seedCustomer(domain, seed) {
      return seedCustomer(standIn.state, domain, seed).id;
    },
    seedOrder(domain, seed) {
      return seedOrder(standIn.state, domain, seed).id;
    },
    seedProduct(domain, seed) {
      return seedProduct(standIn.state, domain, seed).id;
    },
    seedCollection(domain, seed) {
      return seedCollection(standIn.state, domain, seed).id;
    },
    injectFault(fault, options) {
      faults.add(fault, options);
    },
    async execute(domain, apiVersion, body) {
      const shopDomain = normalizeShopDomain(domain);
      const shop = standIn.state.shops.get(shopDomain);
      const logEntry: RequestLogEntry = {
        shop: shopDomain,
        apiVersion,
        operationName: body.operationName ?? null,
        query: body.query,
        variables: body.variables ?? {},
        status: 404,
        isMutation: false,
        unimplemented: [],
      };
      standIn.requests.push(logEntry);
      // A store that does not exist: Shopify answers 404 before looking at the operation.
      if (!shop) return { status: 404, body: { errors: "Not Found" } };
      let fault: Fault | null = null;
      const { response: executed, record } = await executeAdminRequest({
        shop,
        body,
        appId: STAND_IN_APP_ID,
        fault: (operationName, isMutation) => (fault = faults.take(operationName, isMutation)),
      });
      // The AfterApply faults let the operation run and then lose its answer (execute.ts ignores those kinds).
      const response = lostAfterApply(fault, executed);
      Object.assign(logEntry, {
        operationName: record.operationName,
        status: response.status,
        isMutation: record.isMutation,
        unimplemented: record.unimplemented,
      });
      if (record.invalid.length > 0) {
        standIn.invalidOperations.push({
          shop: shopDomain,
          operationName: record.operationName,
          query: body.query,
          errors: record.invalid,
        });
      }
      return response;
    },
    reset() {
      standIn.state = createState();
      standIn.requests.length = 0;
      standIn.invalidOperations.length = 0;
      faults.clear();
    },
  };
  return standIn;
}
