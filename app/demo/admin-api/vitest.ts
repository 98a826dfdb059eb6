// Test wiring for the stand-in: routes the app's Admin API fetches to a fresh stand-in for each test file, and
// fails any test during which the app sent an operation that does not validate against Shopify's Admin schema.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { bindShopifyFetchLate } from "./shopify-fetch";
import { adminApiHandlers, createAdminApiStandIn, type AdminApiStandIn, type InvalidOperation } from "./index";

export function describeInvalidOperations(invalid: readonly InvalidOperation[]): string {
  return invalid
    .map(
      (operation) =>
        `${operation.operationName ?? "(anonymous)"} on ${operation.shop}:\n` +
        operation.errors.map((error) => `  - ${error.message}`).join("\n"),
    )
    .join("\n");
}

/** Fails (throws) if the stand-in received an operation Shopify would reject since the last check; clears the list. */
export function expectOnlyValidOperations(standIn: AdminApiStandIn): void {
  const invalid = [...standIn.invalidOperations];
  standIn.invalidOperations.length = 0;
  expect(invalid, `the app sent Admin API operations Shopify would reject:\n${describeInvalidOperations(invalid)}`).toEqual([]);
}

/** Call at the top of a test file. Requests to hosts other than *.myshopify.com pass through untouched. */
export function installAdminApiStandIn(): AdminApiStandIn {
  const standIn = createAdminApiStandIn();
  const server = setupServer(...adminApiHandlers(standIn));
  beforeAll(() => {
    server.listen({ onUnhandledRequest: "bypass" });
    bindShopifyFetchLate();
  });
  afterEach(() => expectOnlyValidOperations(standIn));
  afterAll(() => server.close());
  return standIn;
}
