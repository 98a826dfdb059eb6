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
  });
}
