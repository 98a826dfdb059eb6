import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireDemoMode } from "../demo-mode.server";
import { storefrontResponse } from "../storefront/request.server";

// /demo/storefront: a storefront page with the theme app extension's real Liquid and built assets.
//   ?customer=7001 (or guest) signs a demo shopper in, ?locale=pl|ru|ro, ?page=rewards adds the "Rewards page"
//   block, ?page=product a product page with the "Earn points" block, ?embed=0 leaves the launcher out, ?setting.<id>=<value> sets a block setting as the theme editor would.
export async function loader({ request }: LoaderFunctionArgs) {
  requireDemoMode();
  const asked = new URL(request.url).searchParams.get("page");
  const page = asked === "rewards" ? "rewards" : asked === "product" ? "product" : "home";
  return storefrontResponse(request, page);
}
