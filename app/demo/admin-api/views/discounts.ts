// Code discounts: DiscountCodeNode with its DiscountCodeBasic / DiscountCodeFreeShipping, the reads a reconciliation
// job needs (`codeDiscountNode`, `codeDiscountNodeByCode`, `node`) and the mutations the app issues rewards with
// (create amount-off and free-shipping codes, deactivate, delete). Status and usage are computed when read, so a
// code expires by the clock and `asyncUsageCount` reflects uses recorded with `redeemDiscountCode` (seed.ts).
import type { RequestContext, View } from "../context";
import { connection, type ConnectionArgs } from "../connection";
import { parseGid, toGid } from "../ids";
import { moneyV2 } from "../money";
import { applySearch, textMatches } from "../search";
import {
  discountStatus,
  discountUsageCount,
  findDiscountByCode,
  isoSeconds,
  type BasicDiscountRecord,
  type DiscountEligibility,
  type DiscountItemsSelection,
  type DiscountRecord,
  type FreeShippingDiscountRecord,
  type RedeemCodeRecord,
  type ShopState,
} from "../state";
import { customerView } from "./customers";
import {
  parseBasicCodeInput,
  parseFreeShippingCodeInput,
  type DiscountUserErrorData,
  type Parsed,
} from "./discount-input";
import { metafieldFields } from "./metafields";
import { recordSearchWarnings } from "./search-warnings";

function idsConnection(typeName: string, ids: readonly string[]) {
  return (args: ConnectionArgs) =>
    connection(
      typeName,
      ids,
      args,
      (id) => id,
      (id) => ({ __typename: typeName, id }),
    );
}

function redeemCodeView(code: RedeemCodeRecord): View {
  return { __typename: "DiscountRedeemCode", id: code.id, code: code.code, asyncUsageCount: code.asyncUsageCount };
}

function customersOf(shop: ShopState, ids: readonly string[]): View[] {
  return ids.flatMap((id) => {
    const customer = shop.customers.get(id);
    return customer ? [customerView(shop, customer)] : [];
  });
}

/** The 2025-10 `context` union. */
function contextView(shop: ShopState, eligibility: DiscountEligibility): View {
  switch (eligibility.kind) {
    case "all":
      return { __typename: "DiscountBuyerSelectionAll", all: "ALL" };
    case "customers":
      return { __typename: "DiscountCustomers", customers: () => customersOf(shop, eligibility.customerIds) };
    case "segments":
      return {
        __typename: "DiscountCustomerSegments",
        segments: eligibility.segmentIds.map((id) => ({ __typename: "Segment", id })),
      };
  }
}

/** The deprecated `customerSelection` union: the same eligibility in the older shape. */
function customerSelectionView(shop: ShopState, eligibility: DiscountEligibility): View {
  return eligibility.kind === "all"
    ? { __typename: "DiscountCustomerAll", allCustomers: true }
    : contextView(shop, eligibility);
}

function itemsView(items: DiscountItemsSelection): View {
  switch (items.kind) {
    case "all":
      return { __typename: "AllDiscountItems", allItems: true };
    case "products":
      return {
        __typename: "DiscountProducts",
        products: idsConnection("Product", items.productIds),
        productVariants: idsConnection("ProductVariant", items.variantIds),
      };
    case "collections":
      return { __typename: "DiscountCollections", collections: idsConnection("Collection", items.collectionIds) };
  }
}

/** The fields DiscountCodeBasic and DiscountCodeFreeShipping share. */
function commonFields(shop: ShopState, discount: DiscountRecord) {
  const currency = shop.shop.currencyCode;
  const minimum = discount.minimumRequirement;
  return {
    title: discount.title,
    status: (_args: unknown, context: RequestContext) => discountStatus(discount, context.now()),
    startsAt: discount.startsAt,
    endsAt: discount.endsAt,
    createdAt: discount.createdAt,
    updatedAt: discount.updatedAt,
    usageLimit: discount.usageLimit,
    appliesOncePerCustomer: discount.appliesOncePerCustomer,
    asyncUsageCount: discountUsageCount(discount),
    recurringCycleLimit: discount.recurringCycleLimit,
    hasTimelineComment: false,
    codes: (args: ConnectionArgs & { query?: string | null }, context: RequestContext) => {
      const { items, unsupported } = applySearch(discount.codes, args.query, (code, term) =>
        term.field === null || term.field === "code" ? textMatches(code.code, term.value) : undefined,
      );
      recordSearchWarnings(context, "codes", args.query, unsupported);
      return connection("DiscountRedeemCode", items, args, (code) => code.id, redeemCodeView);
    },
    codesCount: { __typename: "Count", count: discount.codes.length, precision: "EXACT" },
    combinesWith: { __typename: "DiscountCombinesWith", ...discount.combinesWith },
    minimumRequirement:
      minimum === null
        ? null
        : minimum.kind === "subtotal"
        ? { __typename: "DiscountMinimumSubtotal", greaterThanOrEqualToSubtotal: moneyV2(minimum.amount, currency) }
        : { __typename: "DiscountMinimumQuantity", greaterThanOrEqualToQuantity: minimum.quantity },
    context: contextView(shop, discount.eligibility),
    customerSelection: customerSelectionView(shop, discount.eligibility),
  };
}

function basicView(shop: ShopState, discount: BasicDiscountRecord): View {
  const { value, items } = discount.customerGets;
  return {
    __typename: "DiscountCodeBasic",
    ...commonFields(shop, discount),
    // Amount off specific products/collections is a product discount; amount off everything is an order discount.
    discountClass: items.kind === "all" ? "ORDER" : "PRODUCT",
    customerGets: {
      __typename: "DiscountCustomerGets",
      value:
        value.kind === "percentage"
          ? { __typename: "DiscountPercentage", percentage: value.percentage }
          : {
              __typename: "DiscountAmount",
              amount: moneyV2(value.amount, shop.shop.currencyCode),
              appliesOnEachItem: value.appliesOnEachItem,
            },
      items: itemsView(items),
      appliesOnOneTimePurchase: discount.customerGets.appliesOnOneTimePurchase,
      appliesOnSubscription: discount.customerGets.appliesOnSubscription,
    },
  };
}

function freeShippingView(shop: ShopState, discount: FreeShippingDiscountRecord): View {
  const { destination } = discount;
  return {
    __typename: "DiscountCodeFreeShipping",
    ...commonFields(shop, discount),
    discountClass: "SHIPPING",
    destinationSelection:
      destination.kind === "all"
        ? { __typename: "DiscountCountryAll", allCountries: true }
        : {
            __typename: "DiscountCountries",
            countries: destination.countries,
            includeRestOfWorld: destination.includeRestOfWorld,
          },
    maximumShippingPrice:
      discount.maximumShippingPrice === null ? null : moneyV2(discount.maximumShippingPrice, shop.shop.currencyCode),
    appliesOnOneTimePurchase: discount.appliesOnOneTimePurchase,
    appliesOnSubscription: discount.appliesOnSubscription,
  };
}

export function codeDiscountNodeView(shop: ShopState, discount: DiscountRecord): View {
  return {
    __typename: "DiscountCodeNode",
    id: discount.id,
    codeDiscount: discount.kind === "basic" ? basicView(shop, discount) : freeShippingView(shop, discount),
    ...metafieldFields(shop, discount.id),
  };
}

/** For `node(id:)`: a DiscountCodeNode of this shop, or null. */
export function discountNodeById(shop: ShopState, id: string): View | null {
  const discount = shop.discounts.get(id);
  return discount ? codeDiscountNodeView(shop, discount) : null;
}

export function discountQueryFields(shop: ShopState) {
  return {
    codeDiscountNode: ({ id }: { id: string }) => discountNodeById(shop, id),
    codeDiscountNodeByCode: ({ code }: { code: string }) => {
      const found = findDiscountByCode(shop, code);
      return found ? codeDiscountNodeView(shop, found.discount) : null;
    },
  };
}

function userErrorView(error: DiscountUserErrorData): View {
  return { __typename: "DiscountUserError", ...error, extraInfo: null };
}

function notFound(): View[] {
  return [userErrorView({ field: ["id"], message: "Code discount does not exist.", code: "INVALID" })];
}

/** Stores a validated discount with fresh ids: the node's and its one redeem code's. */
function create(
  shop: ShopState,
  { code, fields }: Parsed<BasicDiscountRecord> | Parsed<FreeShippingDiscountRecord>,
  now: Date,
): DiscountRecord {
  const timestamp = isoSeconds(now);
  const assigned = {
    id: toGid("DiscountCodeNode", shop.ids.take()),
    codes: [{ id: toGid("DiscountRedeemCode", shop.ids.take()), code, asyncUsageCount: 0, usedBy: [] }],
    createdAt: timestamp,
    updatedAt: timestamp,
  };
  const discount: DiscountRecord = fields.kind === "basic" ? { ...fields, ...assigned } : { ...fields, ...assigned };
  shop.discounts.set(discount.id, discount);
  return discount;
}

type CreateResult =
  | { ok: true; value: Parsed<BasicDiscountRecord> | Parsed<FreeShippingDiscountRecord> }
  | { ok: false; errors: DiscountUserErrorData[] };

function createPayload(shop: ShopState, typeName: string, result: CreateResult, now: Date): View {
  return result.ok
    ? {
        __typename: typeName,
        codeDiscountNode: codeDiscountNodeView(shop, create(shop, result.value, now)),
        userErrors: [],
      }
    : { __typename: typeName, codeDiscountNode: null, userErrors: result.errors.map(userErrorView) };
}

export function discountMutationFields(shop: ShopState) {
  return {
    discountCodeBasicCreate: (
      { basicCodeDiscount }: { basicCodeDiscount: Record<string, unknown> },
      context: RequestContext,
    ) =>
      createPayload(
        shop,
        "DiscountCodeBasicCreatePayload",
        parseBasicCodeInput(shop, basicCodeDiscount),
        context.now(),
      ),
    discountCodeFreeShippingCreate: (
      { freeShippingCodeDiscount }: { freeShippingCodeDiscount: Record<string, unknown> },
      context: RequestContext,
    ) =>
      createPayload(
        shop,
        "DiscountCodeFreeShippingCreatePayload",
        parseFreeShippingCodeInput(shop, freeShippingCodeDiscount),
        context.now(),
      ),
    // Deactivating ends the discount now: it reads back as EXPIRED, keeps its code (still taken) and its usage.
    discountCodeDeactivate: ({ id }: { id: string }, context: RequestContext) => {
      const discount = shop.discounts.get(id);
      if (!discount) {
        return { __typename: "DiscountCodeDeactivatePayload", codeDiscountNode: null, userErrors: notFound() };
      }
      const now = context.now();
      if (discount.endsAt === null || Date.parse(discount.endsAt) > now.getTime()) discount.endsAt = isoSeconds(now);
      discount.updatedAt = isoSeconds(now);
      return {
        __typename: "DiscountCodeDeactivatePayload",
        codeDiscountNode: codeDiscountNodeView(shop, discount),
        userErrors: [],
      };
    },
    // Deleting removes the discount and frees its code for reuse.
    discountCodeDelete: ({ id }: { id: string }) => {
      const found = parseGid(id)?.type === "DiscountCodeNode" && shop.discounts.delete(id);
      return found
        ? { __typename: "DiscountCodeDeletePayload", deletedCodeDiscountId: id, userErrors: [] }
        : { __typename: "DiscountCodeDeletePayload", deletedCodeDiscountId: null, userErrors: notFound() };
    },
  };
}
