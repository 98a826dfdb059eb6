import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireDemoMode } from "../demo-mode.server";
import { storefrontResponse } from "../storefront/request.server";

// /cart on the demo storefront: shows the discount code the panel's "Apply to cart" link applied.
export async function loader({ request }: LoaderFunctionArgs) {
  requireDemoMode();
  return storefrontResponse(request, "cart");
}
