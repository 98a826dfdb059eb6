import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateProxy } from "../shopify/proxy.server";

// GET /proxy/session (storefront: /apps/loyalty/session): who the signed proxy request is for.
export async function loader({ request }: LoaderFunctionArgs) {
  const { shop, customerId } = await authenticateProxy(request);
  return Response.json({ shop, customerId }, { headers: { "Cache-Control": "private, no-store" } });
}
