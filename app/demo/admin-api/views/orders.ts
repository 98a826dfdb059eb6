// Orders: the Order object with its line items and money sets, `order(id)` and the `orders` connection.
import type { View } from "../context";
import { connection, type ConnectionArgs } from "../connection";
import { legacyId } from "../ids";
import { moneyBag, type Micros } from "../money";
import { compareMatches, textMatches, type Term } from "../search";
import { byNumericId, type OrderLineRecord, type OrderRecord, type ShopState } from "../state";
import { metafieldFields } from "./metafields";
import { resourceFields } from "./resource-fields";
import { customerView } from "./customers";

export function ordersOfCustomer(shop: ShopState, customerId: string): OrderRecord[] {
  return [...shop.orders.values()].filter((order) => order.customerId === customerId).sort(byNumericId);
}

function lineItemView(line: OrderLineRecord, currencyCode: string): View {
  const money = (micros: Micros) => moneyBag(micros, currencyCode);
  const total = line.unitPrice * BigInt(line.quantity);
  return {
    __typename: "LineItem",
    id: line.id,
    name: line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title,
    title: line.title,
    variantTitle: line.variantTitle,
    quantity: line.quantity,
    currentQuantity: line.quantity,
    sku: line.sku,
    vendor: line.vendor,
    requiresShipping: line.requiresShipping,
    taxable: line.taxable,
    isGiftCard: line.isGiftCard,
    originalUnitPriceSet: money(line.unitPrice),
    originalTotalSet: money(total),
    discountedUnitPriceSet: money(line.unitPrice),
    discountedTotalSet: money(total),
    product: line.productId ? { __typename: "Product", id: line.productId } : null,
    variant: line.variantId ? { __typename: "ProductVariant", id: line.variantId } : null,
  };
}

export function orderView(shop: ShopState, order: OrderRecord): View {
  const money = (micros: Micros) => moneyBag(micros, order.currencyCode);
  const customer = order.customerId ? shop.customers.get(order.customerId) : undefined;
  return {
    __typename: "Order",
    id: order.id,
    legacyResourceId: legacyId(order.id),
    name: order.name,
    email: order.email,
    customer: () => (customer ? customerView(shop, customer) : null),
    currencyCode: order.currencyCode,
    presentmentCurrencyCode: order.currencyCode,
    lineItems: (args: ConnectionArgs) =>
      connection("LineItem", order.lines, args, (line) => line.id, (line) => lineItemView(line, order.currencyCode)),
    subtotalPriceSet: money(order.subtotal),
    totalShippingPriceSet: money(order.totalShipping),
    totalTaxSet: money(order.totalTax),
    totalDiscountsSet: money(order.totalDiscounts),
    totalPriceSet: money(order.totalPrice),
    totalRefundedSet: money(order.totalRefunded),
    currentTotalPriceSet: money(order.totalPrice - order.totalRefunded),
    // The stand-in's financial statuses are exactly Shopify's OrderDisplayFinancialStatus values.
    displayFinancialStatus: order.financialStatus,
    discountCode: order.discountCodes[0] ?? null,
    discountCodes: order.discountCodes,
    tags: order.tags,
    note: order.note,
    test: order.test,
    sourceName: order.sourceName,
    cancelledAt: order.cancelledAt,
    cancelReason: order.cancelReason,
    closed: order.closedAt !== null,
    closedAt: order.closedAt,
    createdAt: order.createdAt,
    processedAt: order.processedAt,
    updatedAt: order.updatedAt,
    ...metafieldFields(shop, order.id),
  };
}

function matchOrder(order: OrderRecord, term: Term): boolean | undefined {
  switch (term.field) {
    case null:
    case "name":
      return textMatches(order.name, term.value) || textMatches(order.name.replace(/^#/, ""), term.value);
    case "email":
      return textMatches(order.email, term.value);
    case "customer_id":
      return order.customerId !== null && compareMatches(legacyId(order.customerId), term);
    case "financial_status":
      return textMatches(order.financialStatus, term.value);
    case "tag":
      return order.tags.some((tag) => textMatches(tag, term.value));
    case "test":
      return String(order.test) === term.value.toLowerCase();
    case "id":
      return compareMatches(legacyId(order.id), term);
    case "created_at":
      return compareMatches(order.createdAt, term);
    case "processed_at":
      return compareMatches(order.processedAt, term);
    case "updated_at":
      return compareMatches(order.updatedAt, term);
    default:
      return undefined;
  }
}

export function orderFields(shop: ShopState) {
  const fields = resourceFields("Order", "orders", shop.orders, matchOrder, (order) => orderView(shop, order));
  return { order: fields.byId, orders: fields.list };
}
