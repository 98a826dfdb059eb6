// The custom actions API's request body (docs/openapi.yaml, POST /api/v1/actions), checked field by field: a bad
// field is answered 400 naming it, before anything is read or written.
import { SUBJECT_PATTERN } from "./earning-actions";

export type ActionPost = {
  action: string;
  customerId: string;
  productId: string | null;
  photo: boolean;
  idempotencyKey: string;
};

export type BodyIssue = { field: string; message: string };

const ACTION_KEY = /^[a-z][a-z0-9_]{1,39}$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** A Shopify customer id: digits, or its GraphQL id (gid://shopify/Customer/123). */
export function customerIdOf(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const digits = value.startsWith("gid://shopify/Customer/") ? value.slice("gid://shopify/Customer/".length) : value;
  return /^[1-9]\d{0,19}$/.test(digits) ? digits : null;
}

function productIdOf(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const id = value.startsWith("gid://shopify/Product/") ? value.slice("gid://shopify/Product/".length) : value;
  return /^[1-9]\d{0,19}$/.test(id) && SUBJECT_PATTERN.test(id) ? id : null;
}

export function parseActionPost(body: unknown, idempotencyHeader: string | null): ActionPost | BodyIssue {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return { field: "body", message: "the body must be a JSON object" };
  const fields = body as Record<string, unknown>;
  const allowed = new Set(["action", "customerId", "productId", "photo", "idempotencyKey"]);
  const unknown = Object.keys(fields).find((name) => !allowed.has(name));
  if (unknown !== undefined) return { field: unknown.slice(0, 50), message: "is not a field of this request" };
  if (typeof fields.action !== "string" || !ACTION_KEY.test(fields.action)) {
    return { field: "action", message: "must be an action's key: a-z, 0-9 and _, 2 to 40 characters, starting with a letter" };
  }
  const customerId = customerIdOf(fields.customerId);
  if (customerId === null) return { field: "customerId", message: "must be a Shopify customer id (digits, or gid://shopify/Customer/…)" };
  let productId: string | null = null;
  if (fields.productId !== undefined) {
    productId = productIdOf(fields.productId);
    if (productId === null) return { field: "productId", message: "must be a Shopify product id (digits, or gid://shopify/Product/…)" };
  }
  if (fields.photo !== undefined && typeof fields.photo !== "boolean") return { field: "photo", message: "must be true or false" };
  const idempotencyKey = idempotencyHeader ?? fields.idempotencyKey;
  if (typeof idempotencyKey !== "string" || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    return { field: "idempotencyKey", message: "must be given (Idempotency-Key header or idempotencyKey field): 1 to 200 visible ASCII characters" };
  }
  return { action: fields.action, customerId, productId, photo: fields.photo === true, idempotencyKey };
}
