// Storefront requests arrive through Shopify's app proxy, signed with the app secret. The signature names the
// shop and the logged-in customer; nothing the browser sends outside the signed parameters is trusted.
import { requestSignatures } from "../shopify.server";

export type ProxyContext = { shop: string; customerId: string | null };

/**
 * The parameters Shopify's proxy sets, which say who the request is for. Each must appear exactly once: a repeated
 * parameter is signed as its values joined with commas, so the signature of `logged_in_customer_id=1&…=2` is that
 * of `logged_in_customer_id=1,2` and does not say which customer is meant, while reading the parameter picks the
 * first. Shopify's library itself refuses repeats of shop, timestamp and signature only.
 */
const IDENTITY_PARAMS = ["shop", "logged_in_customer_id", "path_prefix", "timestamp", "signature"] as const;

/** 401 in the API's error shape (docs/proxy-api.md); every refusal has the one code, the message says why. */
function unauthorized(message: string): Response {
  return Response.json(
    { error: { code: "invalid_signature", message } },
    { status: 401, headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function authenticateProxy(request: Request): Promise<ProxyContext> {
  const params = new URL(request.url).searchParams;
  if (!params.get("signature")) throw unauthorized("Missing app proxy signature");
  const repeated = IDENTITY_PARAMS.find((name) => params.getAll(name).length > 1);
  if (repeated) throw unauthorized(`Query parameter ${repeated} appears more than once`);
  // Shopify's check: HMAC of the sorted query parameters, and a timestamp at most 90 s off (which throws).
  const valid = await requestSignatures
    .validateHmac(params as unknown as Parameters<typeof requestSignatures.validateHmac>[0], { signator: "appProxy" })
    .catch(() => false);
  if (!valid) throw unauthorized("Invalid app proxy signature");
  const shop = params.get("shop");
  if (!shop) throw unauthorized("Invalid app proxy signature");
  const customerId = params.get("logged_in_customer_id");
  return { shop, customerId: customerId ? customerId : null };
}
