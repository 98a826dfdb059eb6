// @shopify/shopify-api's Node adapter captures `globalThis.fetch` once, when it is first imported — usually before
// msw patches fetch, so the app's Admin API calls would bypass the stand-in and fail with "fetch failed".
// Pointing the library at a function that looks fetch up on every call makes the interception apply whenever it
// was installed. Only the demo and tests call this; production keeps the library's own binding.
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";

export function bindShopifyFetchLate(): void {
  setAbstractFetchFunc((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
}
