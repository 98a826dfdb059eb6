// The mandatory compliance webhooks' bodies (customers/data_request, customers/redact, shop/redact). Their shapes:
// https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance
import { describeValue, PayloadError } from "./payload-error";
import { numericId, object } from "./order-payloads";

export type CustomerPrivacyRequest = { customerId: string; orderIds: string[] };

function orderIds(value: unknown, path: string): string[] {
  if (value == null) return [];
  if (!Array.isArray(value)) throw new PayloadError(`${path}: expected a list of order ids`);
  return value.map((id, i) => numericId(id, `${path}[${i}]`));
}

/** customers/data_request: `customer.id` and `orders_requested`. */
export function parseDataRequest(payload: unknown): CustomerPrivacyRequest {
  const body = object(payload, "customers/data_request payload");
  const customer = object(body.customer, "customer");
  return { customerId: numericId(customer.id, "customer.id"), orderIds: orderIds(body.orders_requested, "orders_requested") };
}

/** customers/redact: `customer.id` and `orders_to_redact`. */
export function parseCustomerRedact(payload: unknown): CustomerPrivacyRequest {
  const body = object(payload, "customers/redact payload");
  const customer = object(body.customer, "customer");
  return { customerId: numericId(customer.id, "customer.id"), orderIds: orderIds(body.orders_to_redact, "orders_to_redact") };
}

/** shop/redact: the shop it names must be the shop that signed the request. */
export function parseShopRedact(payload: unknown, signedShop: string): void {
  const body = object(payload, "shop/redact payload");
  if (body.shop_domain !== signedShop) {
    throw new PayloadError(`shop_domain ${describeValue(body.shop_domain)} is not the shop that sent the webhook`);
  }
}
