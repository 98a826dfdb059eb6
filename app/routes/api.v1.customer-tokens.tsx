import { sqlDb } from "../db.server";
import { markApiKeyUsed } from "../persistence/api-keys";
import { customerIdOf } from "../rules/action-api-request";
import { DEFAULT_TOKEN_SECONDS, MAX_TOKEN_SECONDS, mintCustomerToken, TOKEN_SCOPES, type TokenScope } from "../shopify/customer-tokens.server";
import { headlessError, headlessJson, keyRoute } from "../shopify/headless-api.server";

// POST /api/v1/customer-tokens { customerId, scopes?, expiresIn? } (shop API key) → a token for that one customer,
// for the merchant's app to call /api/v1/customer/* with (app/shopify/customer-tokens.server.ts). The merchant's
// backend has signed the customer in; we take its word for who they are, as we do for the key's other calls.
const route = keyRoute(["POST"], { customer: false }, async (key, { body }) => {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return headlessError(400, "invalid_request", "the body must be a JSON object");
  const { customerId: rawCustomer, scopes: rawScopes, expiresIn: rawSeconds, ...rest } = body as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) return headlessError(400, "invalid_request", `${extra} is not a field of this request`);
  const customerId = customerIdOf(rawCustomer);
  if (customerId === null) return headlessError(400, "invalid_request", "customerId must be a Shopify customer id (digits, or gid://shopify/Customer/…)");
  const scopes = rawScopes === undefined ? [...TOKEN_SCOPES] : rawScopes;
  if (
    !Array.isArray(scopes) ||
    scopes.length === 0 ||
    !scopes.every((scope) => (TOKEN_SCOPES as readonly unknown[]).includes(scope)) ||
    new Set(scopes).size !== scopes.length
  ) {
    return headlessError(400, "invalid_request", `scopes must be a non-empty list of ${TOKEN_SCOPES.join(", ")}`);
  }
  const seconds = rawSeconds === undefined ? DEFAULT_TOKEN_SECONDS : rawSeconds;
  if (typeof seconds !== "number" || !Number.isSafeInteger(seconds) || seconds < 60 || seconds > MAX_TOKEN_SECONDS) {
    return headlessError(400, "invalid_request", `expiresIn must be a whole number of seconds from 60 to ${MAX_TOKEN_SECONDS}`);
  }
  const { token, expiresAt } = await mintCustomerToken({ shop: key.shop, id: key.keyId, hash: key.keyHash }, customerId, scopes as TokenScope[], seconds);
  await markApiKeyUsed(sqlDb, key.keyId);
  return headlessJson({ token, tokenType: "Bearer", expiresAt: expiresAt.toISOString(), customerId, scopes }, 201);
});
export const loader = route.loader;
export const action = route.action;
