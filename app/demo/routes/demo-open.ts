import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireDemoMode } from "../demo-mode.server";
import { embeddedAdminQuery } from "../session-token.server";

// /demo/open?path=/app&locale=pl — opens an admin page with a freshly minted session token, the way Shopify
// admin loads an embedded app. Minting at click time keeps the one-minute token valid.
export async function loader({ request }: LoaderFunctionArgs) {
  requireDemoMode();
  const url = new URL(request.url);
  const path = url.searchParams.get("path") ?? "/app";
  if (!path.startsWith("/app")) throw new Response("Only admin pages (/app…) can be opened", { status: 400 });
  // The page's own query (e.g. /app/customers?segment=active) is kept, with the embedded admin's parameters added.
  const [pathname, ownQuery = ""] = path.split("?", 2) as [string, string?];
  const query = new URLSearchParams(ownQuery);
  for (const [key, value] of await embeddedAdminQuery(url.searchParams.get("locale") ?? "en")) query.set(key, value);
  return redirect(`${pathname}?${query.toString()}`);
}
