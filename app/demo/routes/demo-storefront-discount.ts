import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireDemoMode } from "../demo-mode.server";
import { DISCOUNT_COOKIE } from "../storefront/request.server";

// /discount/CODE?redirect=/cart: Shopify's shareable discount link, which applies the code to the cart (a cookie)
// and goes on to `redirect`. Only paths on this site are followed.
export async function loader({ request, params }: LoaderFunctionArgs) {
  requireDemoMode();
  const redirectTo = new URL(request.url).searchParams.get("redirect") ?? "/cart";
  const location = redirectTo.startsWith("/") && !redirectTo.startsWith("//") ? redirectTo : "/cart";
  return new Response(null, {
    status: 302,
    headers: {
      Location: location,
      "Set-Cookie": `${DISCOUNT_COOKIE}=${encodeURIComponent(params.code ?? "")}; Path=/; HttpOnly; SameSite=Lax`,
    },
  });
}
