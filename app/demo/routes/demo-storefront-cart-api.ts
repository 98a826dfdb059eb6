import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireDemoMode } from "../demo-mode.server";
import { DISCOUNT_COOKIE } from "../storefront/request.server";

// The demo storefront's stand-in for Shopify's Cart AJAX API, as much of it as the cart block uses:
//   GET  /cart.js          the cart, with `discount_codes` [{ code, applicable }]
//   POST /cart/update.js   { discount: "CODE1,CODE2" } replaces the cart's discount codes ("" removes them all)
// The demo cart holds no lines; its codes live in the same cookie /discount/CODE sets.
function codesOf(request: Request): string[] {
  const raw = new RegExp(`(?:^|;\\s*)${DISCOUNT_COOKIE}=([^;]*)`).exec(request.headers.get("Cookie") ?? "")?.[1] ?? "";
  return decodeURIComponent(raw).split(",").map((c) => c.trim()).filter(Boolean);
}

function cart(codes: string[], headers: HeadersInit = {}) {
  return Response.json(
    { token: "demo-cart", item_count: 0, items: [], total_price: 0, currency: "USD", discount_codes: codes.map((code) => ({ code, applicable: true })) },
    { headers: { "Cache-Control": "no-store", ...headers } },
  );
}

export async function loader({ request }: LoaderFunctionArgs) {
  requireDemoMode();
  return cart(codesOf(request));
}

export async function action({ request }: ActionFunctionArgs) {
  requireDemoMode();
  const body = (await request.json().catch(() => ({}))) as { discount?: unknown };
  if (typeof body.discount !== "string") return cart(codesOf(request));
  // Shopify treats codes case-insensitively and keeps one of each.
  const codes = [...new Set(body.discount.split(",").map((c) => c.trim().toUpperCase()).filter(Boolean))];
  return cart(codes, { "Set-Cookie": `${DISCOUNT_COOKIE}=${encodeURIComponent(codes.join(","))}; Path=/; HttpOnly; SameSite=Lax` });
}
