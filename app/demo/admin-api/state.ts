// The stand-in's in-memory store: one ShopState per myshopify domain, holding only what Shopify would hold for that
// shop. Records keep Shopify's identifiers (GIDs) and exact money (micro-units); the views in resolvers/ turn them
// into API objects. Nothing here knows about GraphQL.
import { IdSequence } from "./ids";
import type { Micros } from "./money";

export interface ShopRecord {
  id: string;
  name: string;
  email: string;
  contactEmail: string;
  shopOwnerName: string;
  myshopifyDomain: string;
  primaryDomainHost: string;
  currencyCode: string;
  enabledPresentmentCurrencies: string[];
  ianaTimezone: string;
  timezoneAbbreviation: string;
  timezoneOffset: string;
  timezoneOffsetMinutes: number;
  planDisplayName: string;
  partnerDevelopment: boolean;
  shopifyPlus: boolean;
  taxesIncluded: boolean;
  weightUnit: string;
  moneyFormat: string;
  moneyWithCurrencyFormat: string;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

export type CustomerStateValue = "DECLINED" | "DISABLED" | "ENABLED" | "INVITED";

export interface CustomerRecord {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  note: string | null;
  tags: string[];
  state: CustomerStateValue;
  locale: string;
  verifiedEmail: boolean;
  taxExempt: boolean;
  createdAt: string;
  updatedAt: string;
  /** The email marketing consent given to customerCreate (POS enrolment); not read back by any query the app makes. */
  emailMarketingConsent?: { marketingState: string; marketingOptInLevel: string | null; consentUpdatedAt: string | null; sourceLocationId: string | null };
}

export interface OrderLineRecord {
  id: string;
  title: string;
  variantTitle: string | null;
  quantity: number;
  unitPrice: Micros;
  sku: string | null;
  vendor: string | null;
  productId: string | null;
  variantId: string | null;
  requiresShipping: boolean;
  taxable: boolean;
  isGiftCard: boolean;
}

export type FinancialStatus =
  | "PENDING"
  | "AUTHORIZED"
  | "PARTIALLY_PAID"
  | "PARTIALLY_REFUNDED"
  | "VOIDED"
  | "PAID"
  | "REFUNDED"
  | "EXPIRED";

export interface OrderRecord {
  id: string;
  name: string;
  customerId: string | null;
  email: string | null;
  currencyCode: string;
  lines: OrderLineRecord[];
  subtotal: Micros;
  totalShipping: Micros;
  totalTax: Micros;
  totalDiscounts: Micros;
  totalPrice: Micros;
  totalRefunded: Micros;
  financialStatus: FinancialStatus;
  discountCodes: string[];
  tags: string[];
  note: string | null;
  test: boolean;
  sourceName: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  closedAt: string | null;
  createdAt: string;
  processedAt: string;
  updatedAt: string;
}

/** Who may use a discount (2025-10 `context`, or the older `customerSelection`, which maps onto the same thing). */
export type DiscountEligibility =
  | { kind: "all" }
  | { kind: "customers"; customerIds: string[] }
  | { kind: "segments"; segmentIds: string[] };

export type DiscountValue =
  | { kind: "percentage"; percentage: number }
  | { kind: "amount"; amount: Micros; appliesOnEachItem: boolean };

export type DiscountItemsSelection =
  | { kind: "all" }
  | { kind: "products"; productIds: string[]; variantIds: string[] }
  | { kind: "collections"; collectionIds: string[] };

export type MinimumRequirement =
  | { kind: "subtotal"; amount: Micros }
  | { kind: "quantity"; quantity: string };

export interface RedeemCodeRecord {
  id: string; // gid://shopify/DiscountRedeemCode/…
  code: string;
  asyncUsageCount: number;
  /** Who used it (null for a guest checkout), so "once per customer" can be enforced by the usage helper. */
  usedBy: Array<string | null>;
}

interface DiscountCommon {
  id: string; // gid://shopify/DiscountCodeNode/…
  title: string;
  codes: RedeemCodeRecord[];
  startsAt: string;
  endsAt: string | null;
  usageLimit: number | null;
  appliesOncePerCustomer: boolean;
  eligibility: DiscountEligibility;
  combinesWith: { orderDiscounts: boolean; productDiscounts: boolean; shippingDiscounts: boolean };
  minimumRequirement: MinimumRequirement | null;
  recurringCycleLimit: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface BasicDiscountRecord extends DiscountCommon {
  kind: "basic";
  customerGets: {
    value: DiscountValue;
    items: DiscountItemsSelection;
    appliesOnOneTimePurchase: boolean;
    appliesOnSubscription: boolean;
  };
}

export interface FreeShippingDiscountRecord extends DiscountCommon {
  kind: "freeShipping";
  destination: { kind: "all" } | { kind: "countries"; countries: string[]; includeRestOfWorld: boolean };
  maximumShippingPrice: Micros | null;
  appliesOnOneTimePurchase: boolean;
  appliesOnSubscription: boolean;
}

export type DiscountRecord = BasicDiscountRecord | FreeShippingDiscountRecord;

export interface MetafieldRecord {
  id: string;
  ownerId: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
  createdAt: string;
  updatedAt: string;
}

export interface StoreCreditAccountRecord {
  id: string;
  ownerId: string;
  currencyCode: string;
  balance: Micros;
}

export interface StoreCreditTransactionRecord {
  id: string;
  accountId: string;
  kind: "credit" | "debit";
  /** Signed: credits positive, debits negative, as Shopify reports `amount`. */
  amount: Micros;
  balanceAfter: Micros;
  expiresAt: string | null;
  createdAt: string;
}

/** Shopify's leaky bucket for one app on one shop (calculated query cost). */
export interface ThrottleBucket {
  available: number;
  updatedAtMs: number;
}

/** A product as far as the app asks about it: its tags and the collections it is in (campaign scopes, exclusions). */
export interface ProductRecord {
  id: string;
  title: string;
  tags: string[];
  collectionIds: string[];
}

export interface CollectionRecord {
  id: string;
  title: string;
}

/** A bulk query (bulkOperationRunQuery): its JSONL is produced when it starts and served once it completes. */
export interface BulkOperationRecord {
  id: string;
  query: string;
  status: "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELED";
  errorCode: "ACCESS_DENIED" | "INTERNAL_SERVER_ERROR" | "TIMEOUT" | null;
  objectCount: number;
  jsonl: string;
  url: string | null;
  createdAt: string;
  completedAt: string | null;
  /** Reads of its status so far: it completes on the second, as a real one is RUNNING for a while first. */
  polls: number;
}

export interface FlowTriggerRun {
  handle: string;
  payload: Record<string, unknown>;
  at: string;
}

export interface ShopState {
  domain: string;
  shop: ShopRecord;
  products: Map<string, ProductRecord>;
  collections: Map<string, CollectionRecord>;
  customers: Map<string, CustomerRecord>;
  orders: Map<string, OrderRecord>;
  discounts: Map<string, DiscountRecord>;
  metafields: Map<string, MetafieldRecord>;
  storeCreditAccounts: Map<string, StoreCreditAccountRecord>;
  storeCreditTransactions: StoreCreditTransactionRecord[];
  /** Every flowTriggerReceive Shopify accepted (views/flow.ts), oldest first. */
  flowTriggerRuns: FlowTriggerRun[];
  bulkOperations: Map<string, BulkOperationRecord>;
  ids: IdSequence;
  bucket: ThrottleBucket;
}

export interface StandInState {
  shops: Map<string, ShopState>;
  /**
   * One id sequence for every shop: Shopify's ids are unique across shops, so a customer or discount id of one shop
   * never names something in another — which is what makes "shop B cannot reach shop A's discount" a real test.
   */
  ids: IdSequence;
}

export function createState(): StandInState {
  return { shops: new Map(), ids: new IdSequence() };
}

/** "demo-loyalty" and "Demo-Loyalty.myshopify.com" both mean "demo-loyalty.myshopify.com". */
export function normalizeShopDomain(domain: string): string {
  const host = domain.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/.*$/, "");
  return host.includes(".") ? host : `${host}.myshopify.com`;
}

/** Shopify writes DateTime values in UTC with second precision: 2025-01-31T12:00:00Z. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Numeric order of GIDs, which is Shopify's default `sortKey: ID`. */
export function byNumericId(a: { id: string }, b: { id: string }): number {
  const left = BigInt(a.id.replace(/^.*\//, "").replace(/\D.*$/, "") || "0");
  const right = BigInt(b.id.replace(/^.*\//, "").replace(/\D.*$/, "") || "0");
  return left < right ? -1 : left > right ? 1 : 0;
}

export type DiscountStatusValue = "ACTIVE" | "EXPIRED" | "SCHEDULED";

/**
 * Shopify's DiscountStatus, derived from the dates as Shopify derives it: EXPIRED once `endsAt` has passed (which is
 * also how a deactivated discount looks: deactivating ends it now), SCHEDULED before `startsAt`, ACTIVE otherwise.
 */
export function discountStatus(discount: Pick<DiscountRecord, "startsAt" | "endsAt">, now: Date): DiscountStatusValue {
  if (discount.endsAt !== null && Date.parse(discount.endsAt) <= now.getTime()) return "EXPIRED";
  if (Date.parse(discount.startsAt) > now.getTime()) return "SCHEDULED";
  return "ACTIVE";
}

/** Times any of the discount's codes was used: Shopify's `asyncUsageCount` of the discount. */
export function discountUsageCount(discount: DiscountRecord): number {
  return discount.codes.reduce((sum, code) => sum + code.asyncUsageCount, 0);
}

/** Discount codes are unique per shop regardless of case ("SAVE10" and "save10" are the same code). */
export function findDiscountByCode(
  shop: ShopState,
  code: string,
): { discount: DiscountRecord; redeemCode: RedeemCodeRecord } | null {
  const wanted = code.toLowerCase();
  for (const discount of shop.discounts.values()) {
    const redeemCode = discount.codes.find((candidate) => candidate.code.toLowerCase() === wanted);
    if (redeemCode) return { discount, redeemCode };
  }
  return null;
}
