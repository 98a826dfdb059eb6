import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireDemoMode } from "../demo-mode.server";
import { mintDemoExtensionToken, mintDemoPosToken } from "../session-token.server";

// The harness's sessionToken.get(): a token shaped as Shopify mints it for a checkout or customer account extension,
// signed with the demo secret, for the demo shop and the demo shopper the harness shows (or a guest); with
// surface=pos, a POS user's token (sub = the demo staff user).
export async function loader({ request }: LoaderFunctionArgs) {
  requireDemoMode();
  const url = new URL(request.url);
  if (url.searchParams.get("surface") === "pos") return Response.json({ token: await mintDemoPosToken() }, { headers: { "Cache-Control": "no-store" } });
  const surface = url.searchParams.get("surface") === "customerAccount" ? "customerAccount" : "checkout";
  const customer = url.searchParams.get("customer");
  const customerId = customer && /^\d+$/.test(customer) ? customer : null;
  return Response.json({ token: await mintDemoExtensionToken(surface, customerId) }, { headers: { "Cache-Control": "no-store" } });
}
