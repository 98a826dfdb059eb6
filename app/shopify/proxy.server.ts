// Storefront requests arrive through Shopify's app proxy, signed with the app secret. The signature names the
// shop and the logged-in customer; nothing the browser sends outside the signed parameters is trusted.
import { authenticate } from "../shopify.server";

export type ProxyContext = { shop: string; customerId: string | null };

function unauthorized(message: string): Response {
  return Response.json({ error: message }, { status: 401 });
}

export async function authenticateProxy(request: Request): Promise<ProxyContext> {
  const url = new URL(request.url);
  if (!url.searchParams.get("signature")) throw unauthorized("Missing app proxy signature");
  try {
    await authenticate.public.appProxy(request);
  } catch (error) {
    // The library answers 400 for a bad signature or a stale timestamp; both mean "not from Shopify".
    if (error instanceof Response && error.status === 400) throw unauthorized("Invalid app proxy signature");
    throw error;
  }
  const customerId = url.searchParams.get("logged_in_customer_id");
  return { shop: url.searchParams.get("shop")!, customerId: customerId ? customerId : null };
}
