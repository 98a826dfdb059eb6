// customers/redact and the webhook inbox: a delivery not yet applied still holds Shopify's whole body (names, emails,
// addresses, phone numbers …). Erasing a customer rewrites the bodies about them down to what applying them needs,
// so they can still be applied (an order still earns, a refund still takes back) with nothing personal left.
import { parseWebhookJson } from "./webhook-json";
import type { DeliveryEraser } from "../persistence/privacy";

/**
 * Every field the topic parsers read (app/shopify/order-payloads.ts, privacy-payloads.ts), at any depth, except a
 * customer's name and email. Anything else is dropped, whatever Shopify adds to its bodies later. A test parses
 * Shopify's fixtures before and after, so a parser reading a field missing here fails it.
 */
const KEPT_FIELDS = new Set([
  "id",
  "admin_graphql_api_id",
  "order_id",
  "line_item_id",
  "product_id",
  "currency",
  "currency_code",
  "amount",
  "shop_money",
  "total_price_set",
  "price_set",
  "amount_set",
  "discounted_price_set",
  "subtotal_amount_set",
  "customer",
  "line_items",
  "line_item",
  "quantity",
  "gift_card",
  "discount_allocations",
  "tax_lines",
  "taxes_included",
  "shipping_lines",
  "is_removed",
  "discount_codes",
  "code",
  "processed_at",
  // Where the order was placed (POS-only and online-only campaigns): not personal data.
  "source_name",
  "created_at",
  "cancelled_at",
  "refund_line_items",
  "refund_shipping_lines",
  "order_adjustments",
  "kind",
  "orders_requested",
  "orders_to_redact",
  "shop_domain",
]);

/**
 * Deeper than anything the parsers read (line_items[i].discount_allocations[j].amount_set.shop_money.amount is 7
 * levels); what lies below is dropped, which also keeps the recursion shallow whatever a body holds.
 */
const MAX_DEPTH = 16;

/** `body` with only KEPT_FIELDS, to MAX_DEPTH levels. */
export function withoutPersonalData(body: unknown, depth = 0): unknown {
  if (typeof body !== "object" || body === null) return body;
  if (depth >= MAX_DEPTH) return null;
  if (Array.isArray(body)) return body.map((item) => withoutPersonalData(item, depth + 1));
  const kept: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(body)) {
    if (KEPT_FIELDS.has(field)) kept[field] = withoutPersonalData(value, depth + 1);
  }
  return kept;
}

type Json = Record<string, unknown>;

function asObject(value: unknown): Json | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

/** The resource's id as text, from its numeric/string id or the tail of its GraphQL id. */
function idsOf(node: Json | null): string[] {
  if (!node) return [];
  const ids: string[] = [];
  if (typeof node.id === "number" || typeof node.id === "string") ids.push(String(node.id));
  const gid = typeof node.admin_graphql_api_id === "string" ? /\/(\d+)$/.exec(node.admin_graphql_api_id)?.[1] : undefined;
  if (gid) ids.push(gid);
  return ids;
}

type Erased = { customerId: string; orderIds: ReadonlySet<string> };

/** Whether a stored body of `topic` is about the customer being erased (or one of their orders). */
export function concernsCustomer(topic: string, body: unknown, who: Erased): boolean {
  const node = asObject(body);
  if (!node) return false;
  const isCustomer = (value: unknown) => idsOf(asObject(value)).includes(who.customerId);
  switch (topic) {
    case "orders/paid":
    case "orders/cancelled":
      return isCustomer(node.customer) || idsOf(node).some((id) => who.orderIds.has(id));
    case "refunds/create":
      return who.orderIds.has(String(node.order_id));
    case "customers/create":
    case "customers/update":
      return isCustomer(node);
    case "customers/data_request":
    case "customers/redact":
      return isCustomer(node.customer);
    default:
      return false;
  }
}

/** The DeliveryEraser customers/redact uses: the body without personal data if it is about them, else null. */
export const eraseCustomerFromDelivery: DeliveryEraser = (topic, payload, who) => {
  let body: unknown;
  try {
    // Read as the inbox reads it, so ids beyond 2^53 keep their digits (written back as strings, which apply alike).
    body = parseWebhookJson(payload);
  } catch {
    return null; // stored bodies were valid JSON when accepted; nothing to read a customer from otherwise
  }
  return concernsCustomer(topic, body, who) ? JSON.stringify(withoutPersonalData(body)) : null;
};
