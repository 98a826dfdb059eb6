import standInScript from "../app-bridge-stand-in.js?raw";
import { requireDemoMode } from "../demo-mode.server";

// Serves the App Bridge stand-in in place of Shopify's CDN script, which the offline demo cannot reach.
export async function loader() {
  requireDemoMode();
  return new Response(standInScript, {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-cache" },
  });
}
