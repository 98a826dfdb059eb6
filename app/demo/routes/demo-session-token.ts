import { mintDemoSessionToken } from "../session-token.server";
import { requireDemoMode } from "../demo-mode.server";

// The demo App Bridge stand-in asks here for a fresh token, as App Bridge asks Shopify admin.
export async function loader() {
  requireDemoMode();
  return Response.json({ token: await mintDemoSessionToken() }, { headers: { "Cache-Control": "no-store" } });
}
