// Storefront requests arrive through Shopify's app proxy, signed with the app secret. The signature names the
// shop and the logged-in customer; nothing the browser sends outside the signed parameters is trusted.
import { requestSignatures } from "../shopify.server";

export type ProxyContext = { shop: string; customerId: string | null };

function unauthorized(message: string): Response {
  return Response.json({ error: message }, { status: 401 });
}

export async function authenticateProxy(request: Request): Promise<ProxyContext> {
  const url = new URL(request.url);
  if (!url.searchParams.get("signature")) throw unauthorized("Missing app proxy signature");
  // Shopify's check: HMAC of the sorted query parameters, and a timestamp at most 90 s off (which throws).
  const valid = await requestSignatures
    .validateHmac(url.searchParams as unknown as Parameters<typeof requestSignatures.validateHmac>[0], { signator: "appProxy" })
    .catch(() => false);
  if (!valid) throw unauthorized("Invalid app proxy signature");
  const shop = url.searchParams.get("shop");
  if (!shop) throw unauthorized("Invalid app proxy signature");
  const customerId = url.searchParams.get("logged_in_customer_id");
  return { shop, customerId: customerId ? customerId : null };
}
