// Putting shops, customers and orders into the stand-in, as they would already exist in a real store, and what
// happens at checkout that the Admin API later reports (a discount code being used). Seeds take the few fields a
// test cares about and fill the rest with neutral values; ids may be numeric or GIDs.
import { toGid } from "./ids";
import { parseAmount } from "./money";
import {
  discountStatus,
  discountUsageCount,
  findDiscountByCode,
  isoSeconds,
  normalizeShopDomain,
  type RedeemCodeRecord,
  type CollectionRecord,
  type ProductRecord,
  type CustomerRecord,
  type CustomerStateValue,
  type FinancialStatus,
  type OrderLineRecord,
  type OrderRecord,
  type ShopRecord,
  type ShopState,
  type StandInState,
} from "./state";
import { MAXIMUM_AVAILABLE } from "./cost";

export type ShopSeed = Partial<Omit<ShopRecord, "id">> & { id?: number | string };

export interface CustomerSeed {
  id?: number | string;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  note?: string | null;
  tags?: string[];
  state?: CustomerStateValue;
  locale?: string;
  verifiedEmail?: boolean;
  taxExempt?: boolean;
  createdAt?: string;
  updatedAt?: string;
}

export interface OrderLineSeed {
  id?: number | string;
  title: string;
  variantTitle?: string | null;
  quantity: number;
  /** Unit price as a decimal string ("24.50") in the order's currency. */
  price: string;
  sku?: string | null;
  vendor?: string | null;
  productId?: number | string | null;
  variantId?: number | string | null;
  requiresShipping?: boolean;
  taxable?: boolean;
  isGiftCard?: boolean;
}

export interface OrderSeed {
  id?: number | string;
  name?: string;
  customerId?: number | string | null;
  email?: string | null;
  currencyCode?: string;
  lines?: OrderLineSeed[];
  /** Defaults: subtotal = sum of lines; total = subtotal + shipping + tax − discounts. */
  subtotalPrice?: string;
  totalShippingPrice?: string;
  totalTax?: string;
  totalDiscounts?: string;
  totalPrice?: string;
  totalRefunded?: string;
  financialStatus?: FinancialStatus;
  /** Codes redeemed on this order; each one raises the matching discount's usage count, as checkout would. */
  discountCodes?: string[];
  tags?: string[];
  note?: string | null;
  test?: boolean;
  sourceName?: string | null;
  cancelledAt?: string | null;
  cancelReason?: string | null;
  closedAt?: string | null;
  createdAt?: string;
  processedAt?: string;
  updatedAt?: string;
}

function defaultShop(domain: string, id: string, now: Date): ShopRecord {
  const handle = domain.replace(/\.myshopify\.com$/, "");
  return {
    id,
    name: handle,
    email: `owner@${handle}.example`,
    contactEmail: `owner@${handle}.example`,
    shopOwnerName: "Shop Owner",
    myshopifyDomain: domain,
    primaryDomainHost: domain,
    currencyCode: "USD",
    enabledPresentmentCurrencies: [],
    ianaTimezone: "Etc/UTC",
    timezoneAbbreviation: "UTC",
    timezoneOffset: "+0000",
    timezoneOffsetMinutes: 0,
    planDisplayName: "Basic",
    partnerDevelopment: false,
    shopifyPlus: false,
    taxesIncluded: false,
    weightUnit: "KILOGRAMS",
    moneyFormat: "${{amount}}",
    moneyWithCurrencyFormat: "${{amount}} USD",
    description: null,
    createdAt: isoSeconds(now),
    updatedAt: isoSeconds(now),
  };
}

export function seedShop(state: StandInState, domain: string, seed: ShopSeed = {}, now = new Date()): ShopState {
  const key = normalizeShopDomain(domain);
  const existing = state.shops.get(key);
  const ids = existing?.ids ?? state.ids;
  const { id, ...fields } = seed;
  const base = existing?.shop ?? defaultShop(key, toGid("Shop", ids.take()), now);
  const shop: ShopRecord = { ...base, ...fields, id: id === undefined ? base.id : toGid("Shop", id) };
  if (!seed.enabledPresentmentCurrencies && !existing) shop.enabledPresentmentCurrencies = [shop.currencyCode];
  if (existing) {
    existing.shop = shop;
    return existing;
  }
  const created: ShopState = {
    domain: key,
    shop,
    products: new Map(),
    collections: new Map(),
    customers: new Map(),
    orders: new Map(),
    discounts: new Map(),
    metafields: new Map(),
    storeCreditAccounts: new Map(),
    storeCreditTransactions: [],
    flowTriggerRuns: [],
    bulkOperations: new Map(),
    ids,
    bucket: { available: MAXIMUM_AVAILABLE, updatedAtMs: Date.now() },
  };
  state.shops.set(key, created);
  return created;
}

/** Seeding a customer or order for a shop nobody seeded yet creates that shop with neutral defaults. */
function shopFor(state: StandInState, domain: string, now: Date): ShopState {
  return state.shops.get(normalizeShopDomain(domain)) ?? seedShop(state, domain, {}, now);
}

function newId(shop: ShopState, type: string, id: number | string | undefined): string {
  if (id === undefined) return toGid(type, shop.ids.take());
  shop.ids.observe(id);
  return toGid(type, id);
}

export function seedCustomer(state: StandInState, domain: string, seed: CustomerSeed, now = new Date()): CustomerRecord {
  const shop = shopFor(state, domain, now);
  const id = newId(shop, "Customer", seed.id);
  const timestamp = isoSeconds(now);
  const record: CustomerRecord = {
    id,
    firstName: seed.firstName ?? null,
    lastName: seed.lastName ?? null,
    email: seed.email ?? null,
    phone: seed.phone ?? null,
    note: seed.note ?? null,
    tags: [...(seed.tags ?? [])].sort(),
    state: seed.state ?? "DISABLED",
    locale: seed.locale ?? "en",
    verifiedEmail: seed.verifiedEmail ?? true,
    taxExempt: seed.taxExempt ?? false,
    createdAt: seed.createdAt ?? timestamp,
    updatedAt: seed.updatedAt ?? seed.createdAt ?? timestamp,
  };
  shop.customers.set(id, record);
  return record;
}

export type CollectionSeed = { id?: number | string; title: string };
export type ProductSeed = { id?: number | string; title: string; tags?: string[]; collectionIds?: Array<number | string> };

export function seedCollection(state: StandInState, domain: string, seed: CollectionSeed, now = new Date()): CollectionRecord {
  const shop = shopFor(state, domain, now);
  const record: CollectionRecord = { id: newId(shop, "Collection", seed.id), title: seed.title };
  shop.collections.set(record.id, record);
  return record;
}

export function seedProduct(state: StandInState, domain: string, seed: ProductSeed, now = new Date()): ProductRecord {
  const shop = shopFor(state, domain, now);
  const record: ProductRecord = {
    id: newId(shop, "Product", seed.id),
    title: seed.title,
    tags: [...(seed.tags ?? [])].sort(),
    collectionIds: (seed.collectionIds ?? []).map((id) => toGid("Collection", id)),
  };
  shop.products.set(record.id, record);
  return record;
}

export function seedOrder(state: StandInState, domain: string, seed: OrderSeed, now = new Date()): OrderRecord {
  const shop = shopFor(state, domain, now);
  const id = newId(shop, "Order", seed.id);
  const currencyCode = seed.currencyCode ?? shop.shop.currencyCode;
  const lines: OrderLineRecord[] = (seed.lines ?? []).map((line) => ({
    id: newId(shop, "LineItem", line.id),
    title: line.title,
    variantTitle: line.variantTitle ?? null,
    quantity: line.quantity,
    unitPrice: parseAmount(line.price),
    sku: line.sku ?? null,
    vendor: line.vendor ?? null,
    productId: line.productId == null ? null : toGid("Product", line.productId),
    variantId: line.variantId == null ? null : toGid("ProductVariant", line.variantId),
    requiresShipping: line.requiresShipping ?? true,
    taxable: line.taxable ?? true,
    isGiftCard: line.isGiftCard ?? false,
  }));
  const subtotal =
    seed.subtotalPrice !== undefined
      ? parseAmount(seed.subtotalPrice)
      : lines.reduce((sum, line) => sum + line.unitPrice * BigInt(line.quantity), 0n);
  const totalShipping = parseAmount(seed.totalShippingPrice ?? "0");
  const totalTax = parseAmount(seed.totalTax ?? "0");
  const totalDiscounts = parseAmount(seed.totalDiscounts ?? "0");
  const totalPrice =
    seed.totalPrice !== undefined ? parseAmount(seed.totalPrice) : subtotal + totalShipping + totalTax - totalDiscounts;
  const customerId = seed.customerId == null ? null : toGid("Customer", seed.customerId);
  const customerEmail = customerId ? (shop.customers.get(customerId)?.email ?? null) : null;
  const timestamp = isoSeconds(now);
  const record: OrderRecord = {
    id,
    name: seed.name ?? `#${1000 + shop.orders.size + 1}`,
    customerId,
    email: seed.email ?? customerEmail,
    currencyCode,
    lines,
    subtotal,
    totalShipping,
    totalTax,
    totalDiscounts,
    totalPrice,
    totalRefunded: parseAmount(seed.totalRefunded ?? "0"),
    financialStatus: seed.financialStatus ?? "PAID",
    discountCodes: seed.discountCodes ?? [],
    tags: [...(seed.tags ?? [])].sort(),
    note: seed.note ?? null,
    test: seed.test ?? false,
    sourceName: seed.sourceName ?? "web",
    cancelledAt: seed.cancelledAt ?? null,
    cancelReason: seed.cancelReason ?? null,
    closedAt: seed.closedAt ?? null,
    createdAt: seed.createdAt ?? timestamp,
    processedAt: seed.processedAt ?? seed.createdAt ?? timestamp,
    updatedAt: seed.updatedAt ?? seed.createdAt ?? timestamp,
  };
  shop.orders.set(id, record);
  // Seeded orders are history: their codes count as used whatever the discount's rules say today.
  for (const code of record.discountCodes) {
    const found = findDiscountByCode(shop, code);
    if (found) markUsed(found.redeemCode, customerId);
  }
  return record;
}

function markUsed(redeemCode: RedeemCodeRecord, customerId: string | null): void {
  redeemCode.asyncUsageCount += 1;
  redeemCode.usedBy.push(customerId);
}

/** Why checkout would refuse a code (the stand-in's names, not Shopify's storefront messages). */
export type CodeUseRefusal =
  | "UNKNOWN_CODE"
  | "NOT_ACTIVE"
  | "USAGE_LIMIT_REACHED"
  | "CUSTOMER_NOT_ELIGIBLE"
  | "ALREADY_USED_BY_CUSTOMER";

/**
 * A customer redeeming a code at checkout, for tests and the demo: applies the rules checkout applies to a code
 * discount (active now, total usage limit, who may use it, once per customer) and, if they pass, counts the use —
 * which is what the app later reads back as `asyncUsageCount`. Returns null when the code was used, otherwise why
 * checkout would have refused it. Segment membership is not modelled: a segment-restricted code is usable by anyone.
 */
export function redeemDiscountCode(
  state: StandInState,
  domain: string,
  code: string,
  options: { customerId?: number | string | null; now?: Date } = {},
): CodeUseRefusal | null {
  const shop = state.shops.get(normalizeShopDomain(domain));
  const found = shop ? findDiscountByCode(shop, code) : null;
  if (!found) return "UNKNOWN_CODE";
  const { discount, redeemCode } = found;
  const customerId = options.customerId == null ? null : toGid("Customer", options.customerId);
  if (discountStatus(discount, options.now ?? new Date()) !== "ACTIVE") return "NOT_ACTIVE";
  if (discount.usageLimit !== null && discountUsageCount(discount) >= discount.usageLimit) return "USAGE_LIMIT_REACHED";
  const { eligibility } = discount;
  if (eligibility.kind === "customers" && (customerId === null || !eligibility.customerIds.includes(customerId))) {
    return "CUSTOMER_NOT_ELIGIBLE";
  }
  const usedBefore = discount.codes.some((candidate) => candidate.usedBy.includes(customerId));
  if (discount.appliesOncePerCustomer && customerId !== null && usedBefore) return "ALREADY_USED_BY_CUSTOMER";
  markUsed(redeemCode, customerId);
  return null;
}
