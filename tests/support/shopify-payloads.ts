// Webhook bodies in Shopify's real shapes, built from the recorded 2026-07 fixtures with only the fields a test
// cares about changed (ids, customer, lines, prices), so every other field stays what Shopify sends.
import orderFixture from "../fixtures/shopify/order-2026-07.json";
import refundFixture from "../fixtures/shopify/refund-2026-07.json";
import customerFixture from "../fixtures/shopify/customer-2026-07.json";

type Json = Record<string, unknown>;

function moneySet(amount: string, currency = "USD") {
  return { shop_money: { amount, currency_code: currency }, presentment_money: { amount, currency_code: currency } };
}

/** An id as Shopify writes it: a JSON number, also beyond 2^53 (a BigInt here, written as its digits by webhookJson). */
function idValue(id: string): number | bigint {
  return Number.isSafeInteger(Number(id)) ? Number(id) : BigInt(id);
}

function cents(amount: number): string {
  return (amount / 100).toFixed(2);
}

export type TestLine = {
  id: string;
  quantity: number;
  /** Unit price in cents. */
  unitPrice: number;
  /** Discount allocated to the whole line, in cents. */
  discount?: number;
  productId?: string;
  giftCard?: boolean;
};

export type TestOrder = {
  orderId: string;
  /** null: guest checkout. */
  customerId: string | null;
  lines: TestLine[];
  /** Shipping after discounts, cents. */
  shipping?: number;
  /** ISO time the order was paid; default now. */
  processedAt?: string;
  /** The shopper's language as Shopify gives it ("pl-PL"); the fixture's null by default. */
  customerLocale?: string | null;
  /**
   * A sale at the point of sale, in the shape Shopify documents for POS orders: source_name "pos", the location and
   * the staff user who rang it up, a device, no browser_ip / client_details / checkout or cart token, no shipping.
   */
  pos?: { locationId: string; userId?: string };
};

/** An orders/paid body. */
export function orderPaidPayload(order: TestOrder): Json {
  const body = structuredClone(orderFixture) as Json;
  const lineTemplate = (orderFixture.line_items[0] ?? {}) as Json;
  const shippingTemplate = (orderFixture.shipping_lines[0] ?? {}) as Json;
  body.id = idValue(order.orderId);
  body.admin_graphql_api_id = `gid://shopify/Order/${order.orderId}`;
  body.name = `#${order.orderId}`;
  body.financial_status = "paid";
  body.cancelled_at = null;
  body.cancel_reason = null;
  body.refunds = [];
  // Paid now unless said otherwise: the fixture's 2025 date is long past any pending period.
  body.processed_at = order.processedAt ?? new Date().toISOString();
  if (order.customerLocale !== undefined) body.customer_locale = order.customerLocale;
  if (order.customerId === null) {
    body.customer = null;
  } else {
    body.customer = {
      ...structuredClone(orderFixture.customer),
      id: idValue(order.customerId),
      admin_graphql_api_id: `gid://shopify/Customer/${order.customerId}`,
      email: `customer-${order.customerId}@example.com`,
    };
  }
  body.line_items = order.lines.map((line) => ({
    ...structuredClone(lineTemplate),
    id: idValue(line.id),
    admin_graphql_api_id: `gid://shopify/LineItem/${line.id}`,
    quantity: line.quantity,
    current_quantity: line.quantity,
    price: cents(line.unitPrice),
    price_set: moneySet(cents(line.unitPrice)),
    product_id: Number(line.productId ?? "632910392"),
    gift_card: line.giftCard ?? false,
    tax_lines: [],
    discount_allocations: line.discount
      ? [{ amount: cents(line.discount), amount_set: moneySet(cents(line.discount)), discount_application_index: 0 }]
      : [],
  }));
  const shipping = order.shipping ?? 0;
  body.shipping_lines = [
    {
      ...structuredClone(shippingTemplate),
      price: cents(shipping),
      price_set: moneySet(cents(shipping)),
      discounted_price: cents(shipping),
      discounted_price_set: moneySet(cents(shipping)),
      tax_lines: [],
      discount_allocations: [],
    },
  ];
  if (order.pos) {
    body.source_name = "pos";
    body.location_id = idValue(order.pos.locationId);
    body.user_id = order.pos.userId ? idValue(order.pos.userId) : null;
    body.device_id = 1;
    delete body.browser_ip;
    body.client_details = null;
    body.checkout_token = null;
    body.cart_token = null;
    body.checkout_id = null;
    body.landing_site = null;
    body.referring_site = null;
    body.shipping_lines = [];
    body.shipping_address = null;
  }
  return body;
}

/** An orders/cancelled body: the order as it is after cancelling. */
export function orderCancelledPayload(order: TestOrder, cancelledAt = "2026-11-20T10:00:00-05:00"): Json {
  return { ...orderPaidPayload(order), cancelled_at: cancelledAt, cancel_reason: "customer", financial_status: "refunded" };
}

export type TestRefund = {
  refundId: string;
  orderId: string;
  lines: Array<{ lineItemId: string; quantity: number }>;
  /** Shipping refunded, cents. */
  shipping?: number;
};

/** A refunds/create body. */
export function refundPayload(refund: TestRefund): Json {
  const body = structuredClone(refundFixture) as Json;
  const itemTemplate = (refundFixture.refund_line_items[0] ?? {}) as Json;
  body.id = idValue(refund.refundId);
  body.admin_graphql_api_id = `gid://shopify/Refund/${refund.refundId}`;
  body.order_id = idValue(refund.orderId);
  body.refund_line_items = refund.lines.map((line, i) => ({
    ...structuredClone(itemTemplate),
    id: idValue(`${refund.refundId}${String(i).padStart(2, "0")}`),
    line_item_id: idValue(line.lineItemId),
    quantity: line.quantity,
    line_item: {
      ...structuredClone(itemTemplate.line_item as Json),
      id: idValue(line.lineItemId),
      admin_graphql_api_id: `gid://shopify/LineItem/${line.lineItemId}`,
    },
  }));
  body.refund_shipping_lines = [];
  body.order_adjustments = refund.shipping
    ? [{ id: 1, order_id: idValue(refund.orderId), refund_id: idValue(refund.refundId), kind: "shipping_refund",
        reason: "Shipping refund", amount: cents(-refund.shipping), amount_set: moneySet(cents(-refund.shipping)),
        tax_amount: "0.00", tax_amount_set: moneySet("0.00") }]
    : [];
  return body;
}

/** A customers/create or customers/update body. */
export function customerPayload(customerId: string, overrides: Json = {}): Json {
  return {
    ...structuredClone(customerFixture),
    id: Number(customerId),
    admin_graphql_api_id: `gid://shopify/Customer/${customerId}`,
    ...overrides,
  };
}

/** A products/update body (REST shape, API 2026-07: `tags` is one comma-separated string). */
export function productUpdatePayload(productId: string, tags: string): Json {
  return {
    id: Number(productId),
    admin_graphql_api_id: `gid://shopify/Product/${productId}`,
    title: "House blend, 1 kg",
    body_html: "",
    vendor: "Tea House",
    product_type: "Coffee",
    handle: "house-blend",
    status: "active",
    tags,
    created_at: "2026-01-05T10:00:00-05:00",
    updated_at: "2026-11-20T10:00:00-05:00",
    published_at: "2026-01-05T10:00:00-05:00",
    variants: [{ id: 40100002, product_id: Number(productId), title: "Default Title", price: "24.50", sku: "HB-1" }],
  };
}

/** A collections/update body (REST shape): the collection itself, never its products. */
export function collectionUpdatePayload(collectionId: string, title = "Gift sets"): Json {
  return {
    id: Number(collectionId),
    handle: "gift-sets",
    title,
    updated_at: "2026-11-20T10:00:00-05:00",
    body_html: "",
    published_at: "2026-01-05T10:00:00-05:00",
    sort_order: "manual",
    template_suffix: null,
    published_scope: "web",
    admin_graphql_api_id: `gid://shopify/Collection/${collectionId}`,
  };
}

/** A collections/delete body (REST shape): only what identifies the collection. */
export function collectionDeletePayload(collectionId: string): Json {
  return { id: Number(collectionId), published_scope: "web", admin_graphql_api_id: `gid://shopify/Collection/${collectionId}` };
}
