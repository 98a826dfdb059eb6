// The Admin GraphQL operations behind redemption, and the inputs built from a reward. Every document here is
// validated against Shopify's Admin schema by the stand-in in the tests (an invalid one fails the test).
import { formatMinorUnits } from "../loyalty/money";
import type { IssueRequest } from "../loyalty/redemption";

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
      storeCreditAccountTransaction { amount { amount currencyCode } account { id } }
      userErrors { field code message }
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
  };
}

/** The variables of the create mutation for a code reward: which document, and its input. */
export function codeDiscountInput(request: IssueRequest): { document: string; input: Record<string, unknown> } {
  const { reward } = request;
  const basics = codeBasics(request);
  switch (reward.type) {
    case "free_shipping":
      return { document: CREATE_FREE_SHIPPING_CODE, input: { ...basics, destination: { all: true } } };
    case "percentage":
      return {
        document: CREATE_BASIC_CODE,
        input: { ...basics, customerGets: { value: { percentage: reward.percentage! / 100 }, items: { all: true } } },
      };
    case "free_product":
      // 100% off the chosen variant. Shopify's basic discount has no "one unit" limit for a percentage, so every
      // unit of that variant in the cart is free; the code is single-use and only for this customer.
      return {
        document: CREATE_BASIC_CODE,
        input: {
          ...basics,
          customerGets: { value: { percentage: 1 }, items: { products: { productVariantsToAdd: [variantGid(reward.variantId!)] } } },
        },
      };
    case "fixed_amount":
    case "variable_amount":
      return {
        document: CREATE_BASIC_CODE,
        input: {
          ...basics,
          customerGets: {
            value: { discountAmount: { amount: decimal(request.valueMinor!, request.currency), appliesOnEachItem: false } },
            items: { all: true },
          },
        },
      };
    case "store_credit":
      throw new Error("store credit is not a discount code");
  }
}

export function storeCreditInput(request: IssueRequest) {
  return {
    id: customerGid(request.customerId),
    creditInput: { creditAmount: { amount: decimal(request.valueMinor!, request.currency), currencyCode: request.currency } },
  };
}
