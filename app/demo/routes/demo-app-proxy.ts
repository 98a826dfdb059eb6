import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { DEMO_SHOP, requireDemoMode } from "../demo-mode.server";
import { signedProxyUrl, storefrontCustomerId } from "../storefront/app-proxy.server";
import { isLiquidAnswer, renderProxyLiquid } from "../storefront/proxy-liquid.server";

// /apps/loyalty/* on the demo storefront: what Shopify's app proxy does on a real shop. The request goes on to the
// app's real /proxy/* routes over HTTP, signed with the app secret and naming the demo shop and the shopper signed
// in on the demo storefront (its cookie, which like Shopify we do not pass on). The answer comes back as it is.
async function forward(request: Request, subpath: string): Promise<Response> {
  requireDemoMode();
  const url = new URL(request.url);
  const target = signedProxyUrl({
    appUrl: url.origin,
    subpath: subpath.split("/").map(encodeURIComponent).join("/"),
    query: url.searchParams,
    shop: DEMO_SHOP,
    customerId: storefrontCustomerId(request),
    secret: process.env.SHOPIFY_API_SECRET ?? "",
  });
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  const headers: Record<string, string> = { Accept: request.headers.get("Accept") ?? "*/*" };
  if (hasBody) headers["Content-Type"] = request.headers.get("Content-Type") ?? "application/octet-stream";
  const answer = await fetch(target, { method: request.method, headers, body: hasBody ? await request.arrayBuffer() : undefined, redirect: "manual" });
  // A Liquid answer (the referral landing page) is rendered, as Shopify renders it in the theme.
  if (answer.ok && isLiquidAnswer(answer)) {
    return renderProxyLiquid(await answer.text(), { customerId: storefrontCustomerId(request), locale: url.searchParams.get("locale") ?? "en" });
  }
  const passed = new Headers();
  for (const name of ["Content-Type", "Cache-Control", "Retry-After"]) {
    const value = answer.headers.get(name);
    if (value) passed.set(name, value);
  }
  return new Response(answer.body, { status: answer.status, headers: passed });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  return forward(request, params["*"] ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  return forward(request, params["*"] ?? "");
}
