// Demo mode: the real app served offline against the Admin API stand-in, for trying it in a browser.
// It must never run in production: it mints session tokens for the demo shop.

export const DEMO_SHOP = "demo-loyalty.myshopify.com";

export function isDemoMode(): boolean {
  return process.env.LOYALTY_DEMO === "1" && process.env.NODE_ENV !== "production";
}

export function assertDemoAllowed(): void {
  if (process.env.NODE_ENV === "production") {
    throw new Error("Demo mode refuses to run with NODE_ENV=production: it mints session tokens for a demo shop.");
  }
}

/** Thrown by every demo route outside demo mode, so the route behaves as if it did not exist. */
export function requireDemoMode(): void {
  if (!isDemoMode()) throw new Response("Not Found", { status: 404 });
}
