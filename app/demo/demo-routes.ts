// Demo-only routes. They are added to the route tree only when the app is built with LOYALTY_DEMO=1
// (`npm run demo`), so a production build contains no demo route at all; each one also answers 404 unless
// the server runs in demo mode (app/demo/demo-mode.server.ts).
import type { UNSAFE_DefineRoutesFunction as DefineRoutesFunction } from "@remix-run/dev";

export function isDemoBuild(): boolean {
  return process.env.LOYALTY_DEMO === "1";
}

export function demoRoutes(defineRoutes: DefineRoutesFunction) {
  return defineRoutes((route) => {
    route("demo", "demo/routes/demo-entry.tsx", { id: "demo-entry" });
    route("demo/open", "demo/routes/demo-open.ts", { id: "demo-open" });
    route("demo/app-bridge.js", "demo/routes/demo-app-bridge-script.ts", { id: "demo-app-bridge-script" });
    route("demo/session-token", "demo/routes/demo-session-token.ts", { id: "demo-session-token" });
    route("demo/outbox", "demo/routes/demo-outbox.ts", { id: "demo-outbox" });
    // The storefront: the theme app extension rendered into a demo page, and stand-ins for the storefront URLs it
    // uses (Shopify's app proxy, account, cart and discount links).
    route("demo/storefront", "demo/routes/demo-storefront.ts", { id: "demo-storefront" });
    route("demo/storefront/assets/:file", "demo/routes/demo-storefront-asset.ts", { id: "demo-storefront-asset" });
    route("apps/loyalty/*", "demo/routes/demo-app-proxy.ts", { id: "demo-app-proxy" });
    route("account/login", "demo/routes/demo-storefront-account.ts", { id: "demo-storefront-login" });
    route("account/register", "demo/routes/demo-storefront-account.ts", { id: "demo-storefront-register" });
    route("cart", "demo/routes/demo-storefront-cart.ts", { id: "demo-storefront-cart" });
    route("discount/:code", "demo/routes/demo-storefront-discount.ts", { id: "demo-storefront-discount" });
    // The UI extensions in a harness with a stand-in of Shopify's extension API (app/demo/extension-harness.server.ts).
    route("demo/extensions/:name", "demo/routes/demo-extension-harness.ts", { id: "demo-extension-harness" });
    route("demo/extensions/:name/:file", "demo/routes/demo-extension-harness.ts", { id: "demo-extension-module" });
    route("demo/extension-token", "demo/routes/demo-extension-token.ts", { id: "demo-extension-token" });
    route("cart.js", "demo/routes/demo-storefront-cart-api.ts", { id: "demo-storefront-cart-js" });
    route("cart/update.js", "demo/routes/demo-storefront-cart-api.ts", { id: "demo-storefront-cart-update" });
  });
}
