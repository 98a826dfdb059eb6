import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";

// Shopify opens the app URL with ?shop=…; send it to the embedded admin, which authenticates it.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) throw redirect(`/app?${url.searchParams.toString()}`);
  return new Response("Loyalty for Shopify: install this app from the Shopify admin.", {
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}
