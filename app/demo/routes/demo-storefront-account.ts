import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireDemoMode } from "../demo-mode.server";
import { storefrontResponse } from "../storefront/request.server";

// /account/login and /account/register on the demo storefront (where the panel's sign-in and create-account links
// go): the demo has no customer accounts, so this page signs in one of the demo shoppers.
export async function loader({ request }: LoaderFunctionArgs) {
  requireDemoMode();
  return storefrontResponse(request, "login");
}
