// The RewardIssuer (app/persistence/redemption.ts) over the Admin GraphQL API. runAdminGraphql sorts the answers; what
// each failure means for a redemption is decided here:
//   userErrors                          → refused: Shopify created nothing.
//   throttled (after its back-off)      → refused (nothing created).
//   GraphQL errors, 5xx, timeout, network → unknown: it may have been created. The caller looks the code up and
//                                         removes it. None is retried blindly: a retry of a create that did succeed
//                                         would be refused as a duplicate code and read as "nothing created" while
//                                         the first code is live.
import type { IssueOutcome, IssueRequest, IssuedState, RedemptionRecord, RewardIssuer, StoreCreditEntry } from "../persistence/redemption";
import {
  mapData,
  runAdminGraphql,
  type AdminGraphql,
  type AdminGraphqlFailure,
  type AdminGraphqlSettings,
  type AdminOperation,
  type AdminVariables,
} from "./admin-graphql.server";
import {
  basicCodeInput,
  CREATE_BASIC_CODE,
  CREATE_FREE_SHIPPING_CODE,
  CREDIT_STORE_CREDIT,
  DEACTIVATE_CODE,
  freeShippingCodeInput,
  customerGid,
  LOOK_UP_CODE,
  STORE_CREDIT_TRANSACTIONS,
  storeCreditVariables,
} from "./reward-operations";
import { toMinorUnits } from "../rules/money";
import { offlineAdmin } from "./offline-admin.server";

/** What a failed create means (exported for the referral welcome code, which is created the same way). */
export function failedIssue(failure: AdminGraphqlFailure): IssueOutcome {
  switch (failure.kind) {
    case "userErrors":
      return { kind: "refused", reason: failure.message };
    case "throttled":
      return { kind: "refused", reason: `Shopify is busy (throttled); try again shortly (${failure.message})` };
    default:
      return { kind: "unknown", reason: failure.message };
  }
}

export function createRewardIssuer(graphql: AdminGraphql, settings: AdminGraphqlSettings = {}): RewardIssuer {
  const call = <Operation extends AdminOperation>(operation: Operation, variables: AdminVariables<Operation>) =>
    runAdminGraphql(graphql, operation, variables, settings);

  async function createCode(request: IssueRequest) {
    return request.reward.type === "free_shipping"
      ? mapData(
          await call(CREATE_FREE_SHIPPING_CODE, { input: freeShippingCodeInput(request) }),
          (data) => data.discountCodeFreeShippingCreate?.codeDiscountNode,
        )
      : mapData(
          await call(CREATE_BASIC_CODE, { input: basicCodeInput(request) }),
          (data) => data.discountCodeBasicCreate?.codeDiscountNode,
        );
  }

  return {
    async issue(request: IssueRequest): Promise<IssueOutcome> {
      if (request.reward.type === "store_credit") {
        const result = await call(CREDIT_STORE_CREDIT, storeCreditVariables(request));
        if (result.kind !== "data") return failedIssue(result);
        const transaction = result.data.storeCreditAccountCredit?.storeCreditAccountTransaction;
        if (!transaction) return { kind: "unknown", reason: "storeCreditAccountCredit returned no transaction" };
        // The credit transaction's own id: what support matches a lost answer against (storeCreditsSince).
        return { kind: "issued", shopifyCreditId: transaction.id };
      }
      const created = await createCode(request);
      if (created.kind !== "data") return failedIssue(created);
      if (!created.data) return { kind: "unknown", reason: "the discount code create returned no discount" };
      return { kind: "issued", shopifyDiscountId: created.data.id };
    },

    async lookUp(redemption: RedemptionRecord): Promise<IssuedState> {
      if (redemption.code === null) {
        // A store-credit transaction has no key of ours to find it by; only a confirmed answer settles it.
        return redemption.shopifyCreditId
          ? { kind: "present", shopifyId: redemption.shopifyCreditId, active: true, used: true }
          : { kind: "unreachable", reason: "store credit cannot be looked up; needs a person to check" };
      }
      const result = await call(LOOK_UP_CODE, { code: redemption.code });
      if (result.kind !== "data") return { kind: "unreachable", reason: result.message };
      const node = result.data.codeDiscountNodeByCode;
      if (!node) return { kind: "absent" };
      // Only the two kinds of discount we create have status and usage selected; another kind holding our code (an
      // app or buy-X-get-Y discount) reads as neither active nor used, so it is never taken for our reward.
      const discount = node.codeDiscount;
      return {
        kind: "present",
        shopifyId: node.id,
        active: "status" in discount && (discount.status === "ACTIVE" || discount.status === "SCHEDULED"),
        used: "asyncUsageCount" in discount && discount.asyncUsageCount > 0,
      };
    },

    async revoke(_redemption: RedemptionRecord, shopifyId: string): Promise<boolean> {
      return (await call(DEACTIVATE_CODE, { id: shopifyId })).kind === "data";
    },

    async storeCreditsSince(customerId: string, currency: string, since: Date): Promise<StoreCreditEntry[] | null> {
      const result = await call(STORE_CREDIT_TRANSACTIONS, {
        customerId: customerGid(customerId),
        accountQuery: `currency_code:${currency}`,
      });
      if (result.kind !== "data") return null;
      const customer = result.data.customer;
      // No customer: no account could have been credited.
      if (!customer) return [];
      const credits: StoreCreditEntry[] = [];
      for (const account of customer.storeCreditAccounts.nodes) {
        const { nodes, pageInfo } = account.transactions;
        const oldest = nodes.at(-1);
        // More transactions than one page since `since`: an older page could hold the credit, so this cannot say no.
        if (pageInfo.hasNextPage && oldest && Date.parse(oldest.createdAt) >= since.getTime()) return null;
        for (const node of nodes) {
          if (node.__typename !== "StoreCreditAccountCreditTransaction" || !("id" in node)) continue;
          const createdAt = new Date(node.createdAt);
          if (createdAt < since) continue;
          const currency = node.amount.currencyCode;
          const amountMinor = minorOrNull(node.amount.amount, currency);
          // An amount finer than the currency's minor unit was not credited by us (ours are whole minor units).
          if (amountMinor !== null) credits.push({ id: node.id, amountMinor, currency, createdAt });
        }
      }
      return credits.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    },
  };
}

function minorOrNull(amount: string, currency: string): number | null {
  try {
    return toMinorUnits(amount, currency);
  } catch {
    return null;
  }
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
export async function rewardIssuerForShop(shop: string, settings?: AdminGraphqlSettings): Promise<RewardIssuer> {
  const admin = await offlineAdmin(shop);
  if (!admin) throw new ShopUnavailableError(shop);
  return createRewardIssuer(admin.graphql, settings);
}
