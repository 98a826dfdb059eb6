import standInScript from "../app-bridge-stand-in.js?raw";
import { requireDemoMode } from "../demo-mode.server";
import { DEMO_COLLECTIONS, DEMO_PRODUCTS } from "../demo-data";

// Serves the App Bridge stand-in in place of Shopify's CDN script, which the offline demo cannot reach. The demo
// catalog comes first, for the stand-in's resource picker (shopify.resourcePicker).
export async function loader() {
  requireDemoMode();
  const resources = { products: DEMO_PRODUCTS, collections: DEMO_COLLECTIONS };
  return new Response(`window.__demoResources=${JSON.stringify(resources)};\n${standInScript}`, {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-cache" },
  });
}
