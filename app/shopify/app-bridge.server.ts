// Where the admin pages load App Bridge from. Always Shopify's CDN, except in the offline demo, which
// serves a stand-in (app/demo/routes/demo-app-bridge-script.ts) because the CDN is unreachable there.
import { isDemoMode } from "../demo/demo-mode.server";

export const SHOPIFY_APP_BRIDGE_URL = "https://cdn.shopify.com/shopifycloud/app-bridge.js";
export const DEMO_APP_BRIDGE_URL = "/demo/app-bridge.js";

export function appBridgeScriptUrl(): string {
  return isDemoMode() ? DEMO_APP_BRIDGE_URL : SHOPIFY_APP_BRIDGE_URL;
}
