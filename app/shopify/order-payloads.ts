// Shopify webhook bodies (orders/paid, refunds/create, orders/cancelled, customers/create|update) → the domain
// events of app/rules/order-events.ts. Everything is validated; anything off-shape is a PayloadError naming
// the field, which the webhook layer answers with 400.
//
// Money: always `*_set.shop_money`, never `presentment_money`, so a multi-currency order earns in the shop's
// currency. Every shop_money read must be in the order's shop currency.
//
// Ids: the body is parsed losslessly (app/shopify/webhook-json.ts): an integer id beyond 2^53 arrives as the string
// of its digits, exact. Ids are read from `admin_graphql_api_id` ("gid://shopify/Order/123") when the object has
// one, else from the numeric or string id. When both are present they must agree.
import { describeValue, PayloadError } from "./payload-error";
import { knownLocale } from "../i18n";
import { MoneyFormatError, toMinorUnits } from "../rules/money";
import { mostPointsForOrder } from "../rules/earning";
import { MAX_ORDER_POINTS } from "../rules/points-limits";
import type {
  CustomerProfile,
  OrderCancellation,
  OrderRefund,
  PaidOrder,
  PaidOrderLine,
  PaidOrderShipping,
  RefundedLine,
} from "../rules/order-events";

type Json = Record<string, unknown>;

/** The offending value in a message: short and safe at any depth (see describeValue). */
const show = (value: unknown): string => describeValue(value);

function fail(path: string, problem: string): never {
  throw new PayloadError(`${path}: ${problem}`);
}

export function object(value: unknown, path: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail(path, `expected an object, got ${show(value)}`);
  }
  return value as Json;
}

/** An array field; absent or null reads as empty, because Shopify omits empty collections in some versions. */
function list(value: unknown, path: string): unknown[] {
  if (value == null) return [];
  if (!Array.isArray(value)) fail(path, `expected an array, got ${show(value)}`);
  return value;
}

function boolean(value: unknown, path: string): boolean {
  if (typeof value !== "boolean") fail(path, `expected true or false, got ${show(value)}`);
  return value;
}

/**
 * Text the app stores. NUL (U+0000) is refused: PostgreSQL cannot hold it in a text column, so a delivery carrying it
 * would be accepted and then fail every time it is applied. Refused on SQLite too, so both databases take the same.
 */
export function storableText(value: string, path: string): string {
  if (value.includes("\u0000")) fail(path, "contains a NUL character (U+0000)");
  return value;
}

function optionalText(value: unknown, path: string): string | null {
  if (value == null || value === "") return null;
  if (typeof value !== "string") fail(path, `expected a string, got ${show(value)}`);
  return storableText(value, path);
}

function quantity(value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    fail(path, `expected a whole number of units ≥ 0, got ${show(value)}`);
  }
  return value;
}

// ISO 8601 with an explicit offset, so the instant is unambiguous (times are kept in UTC).
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * The times an event may carry: from 2000 (before Shopify existed) to a day ahead of this server's clock (clocks
 * differ a little). A time outside would be stored as given and then hold points pending for centuries, or order
 * history by nonsense, so it is refused when the delivery arrives.
 */
export const EARLIEST_EVENT_TIME = Date.UTC(2000, 0, 1);
export const MAX_EVENT_TIME_AHEAD_MS = 24 * 60 * 60 * 1000;

function timestamp(value: unknown, path: string): Date {
  const match = typeof value === "string" ? TIMESTAMP.exec(value) : null;
  const date = match ? new Date(value as string) : null;
  // Date would roll 2025-02-30 over into March, and take hour 24: the fields must be what they say.
  const [, year, month, day, hour, minute] = (match ?? []).map(Number);
  const realDay = new Date(Date.UTC(year!, month! - 1, day!)).getUTCDate() === day && month! >= 1 && month! <= 12;
  const fieldsInRange = realDay && hour! <= 23 && minute! <= 59;
  if (!date || Number.isNaN(date.getTime()) || !fieldsInRange) fail(path, `expected an ISO 8601 time with offset, got ${show(value)}`);
  if (date.getTime() < EARLIEST_EVENT_TIME || date.getTime() > Date.now() + MAX_EVENT_TIME_AHEAD_MS) {
    fail(path, `${show(value)} is not a time this event can have (from 2000 up to now)`);
  }
  return date;
}

/** The first of `fields` that is present, as a time; the message names the field that was read. */
function firstTimestamp(node: Json, ...fields: [string, ...string[]]): Date {
  const field = fields.find((name) => node[name] != null) ?? fields[0];
  return timestamp(node[field], field);
}

/** A numeric id from a JSON number or a digit string. */
export function numericId(value: unknown, path: string): string {
  if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) return String(value);
  // Shopify's ids are 64-bit: at most 20 digits (longer would be stored, then never found by anything that looks it up).
  if (typeof value === "string" && /^[1-9]\d{0,19}$/.test(value)) return value;
  if (typeof value === "number" && Number.isInteger(value) && value > 0) {
    fail(path, `${value} is beyond 2^53 and was rounded by JSON parsing; no admin_graphql_api_id to read it from`);
  }
  return fail(path, `expected a numeric id, got ${show(value)}`);
}

/** The exact id of a resource: from its GraphQL id when given (see the note at the top), else from `raw`. */
function resourceId(raw: unknown, gid: unknown, type: string, path: string): string {
  if (gid == null) return numericId(raw, path);
  const match = typeof gid === "string" ? new RegExp(`^gid://shopify/${type}/([1-9]\\d{0,19})$`).exec(gid) : null;
  if (!match?.[1]) fail(`${path} (admin_graphql_api_id)`, `expected gid://shopify/${type}/<id>, got ${show(gid)}`);
  const exact = match[1];
  const rawIsExact = (typeof raw === "number" && Number.isSafeInteger(raw)) || typeof raw === "string";
  if (rawIsExact && String(raw) !== exact) {
    fail(path, `${show(raw)} disagrees with admin_graphql_api_id ${gid}`);
  }
  return exact;
}

function idOf(node: Json, type: string, path: string): string {
  return resourceId(node.id, node.admin_graphql_api_id, type, `${path}.id`);
}

/**
 * A MoneyBag's shop amount in minor units. `currency` is the shop currency the amount must be in; amounts as
 * JSON numbers (seen in some Shopify examples) are read through their shortest decimal form, which is exact
 * for any amount with ≤ 15 significant digits.
 */
function shopMoney(set: unknown, path: string, currency: string, options: { allowNegative?: boolean } = {}): number {
  const money = object(object(set, path).shop_money, `${path}.shop_money`);
  const code = money.currency_code;
  if (code !== undefined && code !== currency) {
    fail(`${path}.shop_money.currency_code`, `expected the shop currency ${currency}, got ${show(code)}`);
  }
  const amount = money.amount;
  const amountPath = `${path}.shop_money.amount`;
  if (typeof amount !== "string" && !(typeof amount === "number" && Number.isFinite(amount))) {
    fail(amountPath, `expected a decimal amount, got ${show(amount)}`);
  }
  let minor: number;
  try {
    minor = toMinorUnits(String(amount), currency);
  } catch (error) {
    if (error instanceof MoneyFormatError) fail(amountPath, error.message);
    throw error;
  }
  if (minor < 0 && !options.allowNegative) fail(amountPath, `expected an amount ≥ 0, got ${show(amount)}`);
  return minor;
}

/** a + b, which must stay a whole number JS holds exactly (every amount and count is added with it). */
function exactSum(a: number, b: number, path: string): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) fail(path, "adds up to more than can be counted exactly (2^53)");
  return sum;
}

function sumShopMoney(items: unknown, field: string, path: string, currency: string): number {
  return list(items, path).reduce<number>(
    (sum, item, i) => exactSum(sum, shopMoney(object(item, `${path}[${i}]`)[field], `${path}[${i}].${field}`, currency), path),
    0,
  );
}

/** The shop currency: the order's `currency` (Shopify documents it as the shop's), else a shop_money code. */
function shopCurrency(order: Json): string {
  if (order.currency !== undefined) {
    if (typeof order.currency !== "string") fail("currency", `expected a currency code, got ${show(order.currency)}`);
    return order.currency;
  }
  const money = object(object(order.total_price_set, "total_price_set").shop_money, "total_price_set.shop_money");
  if (typeof money.currency_code !== "string") {
    fail("currency", `missing, and total_price_set.shop_money.currency_code is ${show(money.currency_code)}`);
  }
  return money.currency_code;
}

function customerProfile(value: unknown, path: string): CustomerProfile {
  const customer = object(value, path);
  return {
    customerId: idOf(customer, "Customer", path),
    email: optionalText(customer.email, `${path}.email`),
    firstName: optionalText(customer.first_name, `${path}.first_name`),
    lastName: optionalText(customer.last_name, `${path}.last_name`),
  };
}

function paidOrderLine(value: unknown, path: string, currency: string): PaidOrderLine {
  const line = object(value, path);
  const units = quantity(line.quantity, `${path}.quantity`);
  // null: a custom item or a deleted product, which no exclusion can name.
  const productId = line.product_id == null ? null : numericId(line.product_id, `${path}.product_id`);
  const grossAmount = shopMoney(line.price_set, `${path}.price_set`, currency) * units;
  if (!Number.isSafeInteger(grossAmount)) fail(`${path}.price_set`, "price × quantity is more than can be counted exactly (2^53)");
  return {
    lineItemId: idOf(line, "LineItem", path),
    productId,
    quantity: units,
    giftCard: boolean(line.gift_card, `${path}.gift_card`),
    grossAmount,
    discountAmount: sumShopMoney(line.discount_allocations, "amount_set", `${path}.discount_allocations`, currency),
    taxAmount: sumShopMoney(line.tax_lines, "price_set", `${path}.tax_lines`, currency),
  };
}

function shippingTotals(lines: unknown, currency: string): PaidOrderShipping {
  let netAmount = 0;
  let taxAmount = 0;
  list(lines, "shipping_lines").forEach((value, i) => {
    const path = `shipping_lines[${i}]`;
    const line = object(value, path);
    if (line.is_removed === true) return; // replaced by an order edit; not what the customer paid for
    if (line.discounted_price_set != null) {
      netAmount = exactSum(netAmount, shopMoney(line.discounted_price_set, `${path}.discounted_price_set`, currency), "shipping_lines");
    } else {
      const price = shopMoney(line.price_set, `${path}.price_set`, currency);
      const discount = sumShopMoney(line.discount_allocations, "amount_set", `${path}.discount_allocations`, currency);
      netAmount = exactSum(netAmount, Math.max(0, price - discount), "shipping_lines");
    }
    taxAmount = exactSum(taxAmount, sumShopMoney(line.tax_lines, "price_set", `${path}.tax_lines`, currency), "shipping_lines");
  });
  return { netAmount, taxAmount };
}

/** orders/paid → PaidOrder. */
export function parsePaidOrder(payload: unknown): PaidOrder {
  const order = object(payload, "orders/paid payload");
  const currency = shopCurrency(order);
  if (order.line_items === undefined) fail("line_items", "missing");
  const lines = list(order.line_items, "line_items").map((line, i) =>
    paidOrderLine(line, `line_items[${i}]`, currency),
  );
  const seen = new Set<string>();
  for (const line of lines) {
    // Ledger keys are per line; two lines with one id would silently share (and lose) points.
    if (seen.has(line.lineItemId)) fail("line_items", `line item ${line.lineItemId} appears twice`);
    seen.add(line.lineItemId);
  }
  const customer = order.customer == null ? null : { ...customerProfile(order.customer, "customer"), locale: knownLocale(optionalText(order.customer_locale, "customer_locale")) };
  const paid: PaidOrder = {
    orderId: idOf(order, "Order", "order"),
    customer,
    currency,
    taxesIncluded: boolean(order.taxes_included, "taxes_included"),
    lines,
    shipping: shippingTotals(order.shipping_lines, currency),
    paidAt: firstTimestamp(order, "processed_at", "created_at"),
    discountCodes: discountCodes(order.discount_codes),
    sourceName: typeof order.source_name === "string" ? order.source_name.slice(0, 255) : null,
  };
  // Refused now rather than failing when applied: what the order could earn at the highest rate any shop may set.
  if (mostPointsForOrder(paid) > BigInt(MAX_ORDER_POINTS)) {
    fail("line_items", `the order could earn more than ${MAX_ORDER_POINTS} points, the most one order may earn`);
  }
  return paid;
}

function discountCodes(value: unknown): string[] {
  if (value == null) return [];
  return list(value, "discount_codes").map((entry, i) => {
    const code = object(entry, `discount_codes[${i}]`).code;
    if (typeof code !== "string") fail(`discount_codes[${i}].code`, `expected a code, got ${show(code)}`);
    return storableText(code, `discount_codes[${i}].code`);
  });
}

/** A refund's money, read in the currency its shop_money names: refunds carry no order-level currency field. */
function refundMoney(set: unknown, path: string, options: { allowNegative?: boolean } = {}): number {
  const code = object(object(set, path).shop_money, `${path}.shop_money`).currency_code;
  if (typeof code !== "string") fail(`${path}.shop_money.currency_code`, `expected a currency code, got ${show(code)}`);
  return shopMoney(set, path, code, options);
}

/**
 * Shipping this refund gives back: its refund_shipping_lines when it has any, else the older
 * "shipping_refund" order adjustments (whose amounts are negative: money leaving the shop), else 0.
 */
function refundedShipping(refund: Json): number {
  const shippingLines = list(refund.refund_shipping_lines, "refund_shipping_lines");
  if (shippingLines.length > 0) {
    return shippingLines.reduce<number>((sum, value, i) => {
      const path = `refund_shipping_lines[${i}]`;
      return exactSum(sum, refundMoney(object(value, path).subtotal_amount_set, `${path}.subtotal_amount_set`), path);
    }, 0);
  }
  return list(refund.order_adjustments, "order_adjustments").reduce<number>((sum, value, i) => {
    const path = `order_adjustments[${i}]`;
    const adjustment = object(value, path);
    if (adjustment.kind !== "shipping_refund") return sum;
    return exactSum(sum, Math.abs(refundMoney(adjustment.amount_set, `${path}.amount_set`, { allowNegative: true })), path);
  }, 0);
}

function refundedLines(items: unknown): RefundedLine[] {
  // One refund may list a line more than once (restocked at several locations): its quantities are added.
  const quantities = new Map<string, number>();
  list(items, "refund_line_items").forEach((value, i) => {
    const path = `refund_line_items[${i}]`;
    const item = object(value, path);
    const nested = item.line_item == null ? {} : object(item.line_item, `${path}.line_item`);
    const lineItemId = resourceId(item.line_item_id, nested.admin_graphql_api_id, "LineItem", `${path}.line_item_id`);
    quantities.set(lineItemId, exactSum(quantities.get(lineItemId) ?? 0, quantity(item.quantity, `${path}.quantity`), `${path}.quantity`));
  });
  return [...quantities].map(([lineItemId, units]) => ({ lineItemId, quantity: units }));
}

/** refunds/create → OrderRefund. */
export function parseRefund(payload: unknown): OrderRefund {
  const refund = object(payload, "refunds/create payload");
  return {
    refundId: idOf(refund, "Refund", "refund"),
    orderId: numericId(refund.order_id, "order_id"),
    lines: refundedLines(refund.refund_line_items),
    shippingAmount: refundedShipping(refund),
    createdAt: firstTimestamp(refund, "created_at", "processed_at"),
  };
}

/** orders/cancelled → OrderCancellation. */
export function parseCancellation(payload: unknown): OrderCancellation {
  const order = object(payload, "orders/cancelled payload");
  if (order.cancelled_at == null) {
    fail("cancelled_at", "is empty: the order is not cancelled");
  }
  return { orderId: idOf(order, "Order", "order"), cancelledAt: timestamp(order.cancelled_at, "cancelled_at") };
}

/** customers/create and customers/update → CustomerProfile. */
export function parseCustomer(payload: unknown): CustomerProfile {
  return customerProfile(payload, "customer");
}
