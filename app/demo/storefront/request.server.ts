// Reading a demo storefront request: the page's language (?locale=), the block settings to try (?setting.<id>=),
// whether the launcher is on (?embed=0 leaves it off) and the signed-in demo shopper (?customer=<id>|guest, kept
// in a cookie like a storefront session; without the parameter the cookie decides).
import { DEMO_STOREFRONT_SHOPPERS } from "../demo-data";
import { customerCookie, storefrontCustomerId } from "./app-proxy.server";
import { renderStorefront, STOREFRONT_LOCALES, type StorefrontOptions, type StorefrontPage } from "./page.server";

export const DISCOUNT_COOKIE = "demo_storefront_discount";

export async function storefrontResponse(request: Request, page: StorefrontPage): Promise<Response> {
  const url = new URL(request.url);
  const headers = new Headers({ "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });

  let customerId = storefrontCustomerId(request);
  const chosen = url.searchParams.get("customer");
  if (chosen !== null) {
    if (chosen !== "guest" && !DEMO_STOREFRONT_SHOPPERS.some((c) => String(c.id) === chosen)) {
      return new Response(`Unknown demo shopper ${chosen}: use guest or one of ${DEMO_STOREFRONT_SHOPPERS.map((c) => c.id).join(", ")}`, { status: 400 });
    }
    customerId = chosen === "guest" ? null : chosen;
    headers.append("Set-Cookie", customerCookie(customerId));
  }

  const locale = url.searchParams.get("locale") ?? "en";
  if (!STOREFRONT_LOCALES.some((l) => l.locale === locale)) return new Response(`Unknown locale ${locale}`, { status: 400 });

  const settings: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (key.startsWith("setting.")) settings[key.slice("setting.".length)] = value;
  const discount = new RegExp(`(?:^|;\\s*)${DISCOUNT_COOKIE}=([^;]+)`).exec(request.headers.get("Cookie") ?? "")?.[1];

  const options: StorefrontOptions = {
    page,
    locale,
    customerId,
    embed: url.searchParams.get("embed") !== "0",
    settings,
    discount: discount ? decodeURIComponent(discount) : null,
  };
  return new Response(await renderStorefront(options), { headers });
}
