// The Admin GraphQL operations behind redemption, and the inputs built from a reward. Codegen types every document
// here against the Admin schema of the version the app calls (app/types), and the stand-in validates each one the
// tests send against the same schema (an invalid one fails the test).
import { formatMinorUnits } from "../rules/money";
import type { IssueRequest } from "../persistence/redemption";
import type { RewardStoreCreditCreditMutationVariables } from "../types/admin.generated";
import type { CurrencyCode, DiscountCodeBasicInput, DiscountCodeFreeShippingInput } from "../types/admin.types";

export const CREATE_BASIC_CODE = `#graphql
  mutation RewardCodeBasicCreate($input: DiscountCodeBasicInput!) {
    discountCodeBasicCreate(basicCodeDiscount: $input) {
      codeDiscountNode { id }
      userErrors { field code message }
    }
  }
`;

export const CREATE_FREE_SHIPPING_CODE = `#graphql
  mutation RewardCodeFreeShippingCreate($input: DiscountCodeFreeShippingInput!) {
    discountCodeFreeShippingCreate(freeShippingCodeDiscount: $input) {
      codeDiscountNode { id }
      userErrors { field code message }
    }
  }
`;

export const LOOK_UP_CODE = `#graphql
  query RewardCodeLookUp($code: String!) {
    codeDiscountNodeByCode(code: $code) {
      id
      codeDiscount {
        __typename
        ... on DiscountCodeBasic { status asyncUsageCount }
        ... on DiscountCodeFreeShipping { status asyncUsageCount }
      }
    }
  }
`;

export const DEACTIVATE_CODE = `#graphql
  mutation RewardCodeDeactivate($id: ID!) {
    discountCodeDeactivate(id: $id) {
      codeDiscountNode { id }
      userErrors { field code message }
    }
  }
`;

export const CREDIT_STORE_CREDIT = `#graphql
  mutation RewardStoreCreditCredit($id: ID!, $creditInput: StoreCreditAccountCreditInput!) {
    storeCreditAccountCredit(id: $id, creditInput: $creditInput) {
      storeCreditAccountTransaction {
        amount { amount currencyCode }
        account { id }
        ... on StoreCreditAccountCreditTransaction { id }
      }
      userErrors { field code message }
    }
  }
`;

// A customer's store credit account in one currency (accounts are one per currency) with its newest transactions
// first (the default sort is CREATED_AT); one account keeps the query's cost well under Shopify's 1,000. Only
// credits matter to support; the other kinds (debits, reverted debits, expirations) are told apart by __typename.
// 100 reach back far enough for a reservation of the last days; when they do not, the answer is "could
// not tell" rather than "not there" (reward-issuer.server.ts).
export const STORE_CREDIT_TRANSACTIONS = `#graphql
  query RewardStoreCreditTransactions($customerId: ID!, $accountQuery: String!) {
    customer(id: $customerId) {
      storeCreditAccounts(first: 1, query: $accountQuery) {
        nodes {
          id
          transactions(first: 100, reverse: true) {
            nodes {
              __typename
              createdAt
              amount { amount currencyCode }
              ... on StoreCreditAccountCreditTransaction { id }
            }
            pageInfo { hasNextPage endCursor }
          }
        }
      }
    }
  }
`;

export const customerGid = (customerId: string) => `gid://shopify/Customer/${customerId}`;
export const variantGid = (variantId: string) => `gid://shopify/ProductVariant/${variantId}`;

/** Shopify's Decimal input: "12.50" for 1250 minor units of a 2-decimal currency. */
const decimal = (minor: number, currency: string) => formatMinorUnits(minor, currency);

/** The parts every reward code shares: single use, only this customer, the reward's expiry, minimum and combining. */
function codeBasics(request: IssueRequest) {
  const { reward } = request;
  return {
    title: `${reward.title} (loyalty reward ${request.redemptionId})`,
    code: request.code,
    startsAt: request.startsAt.toISOString(),
    endsAt: request.expiresAt?.toISOString() ?? null,
    context: { customers: { add: [customerGid(request.customerId)] } },
    usageLimit: 1,
    appliesOncePerCustomer: true,
    minimumRequirement:
      reward.minimumSubtotalMinor === null
        ? null
        : { subtotal: { greaterThanOrEqualToSubtotal: decimal(reward.minimumSubtotalMinor, request.currency) } },
    combinesWith: {
      productDiscounts: reward.combinesWithProductDiscounts,
      orderDiscounts: reward.combinesWithOrderDiscounts,
      shippingDiscounts: reward.combinesWithShippingDiscounts,
    },
  } satisfies DiscountCodeBasicInput & DiscountCodeFreeShippingInput;
}

/** The input of CREATE_FREE_SHIPPING_CODE: free shipping to every destination. */
export function freeShippingCodeInput(request: IssueRequest): DiscountCodeFreeShippingInput {
  return { ...codeBasics(request), destination: { all: true } };
}

/** The input of CREATE_BASIC_CODE, for every reward that is an amount or percentage off. */
export function basicCodeInput(request: IssueRequest): DiscountCodeBasicInput {
  const { reward } = request;
  const basics = codeBasics(request);
  switch (reward.type) {
    case "percentage":
      return { ...basics, customerGets: { value: { percentage: reward.percentage! / 100 }, items: { all: true } } };
    case "free_product":
      // 100% off the chosen variant. Shopify's basic discount has no "one unit" limit for a percentage, so every
      // unit of that variant in the cart is free; the code is single-use and only for this customer.
      return {
        ...basics,
        customerGets: { value: { percentage: 1 }, items: { products: { productVariantsToAdd: [variantGid(reward.variantId!)] } } },
      };
    case "fixed_amount":
    case "variable_amount":
      return {
        ...basics,
        customerGets: {
          value: { discountAmount: { amount: decimal(request.valueMinor!, request.currency), appliesOnEachItem: false } },
          items: { all: true },
        },
      };
    case "free_shipping":
    case "store_credit":
      throw new Error(`a ${reward.type} reward is not an amount-off code`);
  }
}

export function storeCreditVariables(request: IssueRequest): RewardStoreCreditCreditMutationVariables {
  return {
    id: customerGid(request.customerId),
    creditInput: { creditAmount: { amount: decimal(request.valueMinor!, request.currency), currencyCode: currencyCode(request.currency) } },
  };
}

/**
 * Shopify's CurrencyCode for the shop's currency (stored as text; it came from Shopify's `currencyCode`). Only the
 * ISO 4217 shape is checked here: the generated enum has no runtime values, and Shopify itself refuses a code it
 * does not know with a GraphQL error.
 */
function currencyCode(code: string): CurrencyCode {
  if (!isCurrencyCode(code)) throw new Error(`"${code}" is not an ISO 4217 currency code`);
  return code;
}

function isCurrencyCode(code: string): code is CurrencyCode {
  return /^[A-Z]{3}$/.test(code);
}
