// The UI extensions' endpoints, one definition for both surfaces (routes extension.checkout.* and
// extension.account.*): what the shopper sees and redeeming/cancelling go through the same functions as the app
// proxy's /me, /redeem and /cancel (app/shopify/member-api.server.ts).
import { sqlDb } from "../db.server";
import { getProgramSettings } from "../persistence/program-settings";
import { shopCurrency, shopTimeZone } from "../persistence/shops";
import { orderPointsForCustomer } from "../persistence/order-points";
import { cancelFromRequest, historyCursor, memberView, redeemFromRequest } from "./member-api.server";
import { extensionHandler, type ExtensionSurface } from "./extension-api.server";
import { apiError, json } from "./storefront-api.server";

const ORDER_ID = /^(?:gid:\/\/shopify\/(?:Order|OrderIdentity)\/)?(\d{1,20})$/;

/**
 * GET ?before=<entry id>&order=<order id>: the program (how points are earned, for guests' "this order would earn"),
 * the shop's time zone and currency, and for a signed-in customer their member view and, with `order`, what that
 * order of theirs earned (null until orders/paid has been applied, or when it is not theirs).
 */
export function meLoader(surface: ExtensionSurface) {
  return extensionHandler(surface, async (request, { shop, customerId }) => {
    if (request.method !== "GET") return apiError(405, "method_not_allowed", "Use GET", { Allow: "GET" });
    const url = new URL(request.url);
    const orderParam = url.searchParams.get("order");
    const orderId = orderParam === null ? null : (ORDER_ID.exec(orderParam)?.[1] ?? undefined);
    if (orderId === undefined) return apiError(400, "invalid_order", "order must be an order id");
    const [settings, timeZone, currency] = await Promise.all([getProgramSettings(sqlDb, shop), shopTimeZone(sqlDb, shop), shopCurrency(sqlDb, shop)]);
    const program = { pointsPerUnit: settings.pointsPerUnit, includeShipping: settings.includeShipping, includeTaxes: settings.includeTaxes, pendingDays: settings.pendingDays, currency, timeZone };
    if (!customerId) return json({ signedIn: false, program, member: null, order: null });
    const [member, order] = await Promise.all([
      memberView(shop, customerId, historyCursor(url)),
      orderId === null ? null : orderPointsForCustomer(sqlDb, shop, orderId, customerId),
    ]);
    return json({
      signedIn: true,
      program,
      member,
      order: order && { points: order.points, releaseAt: order.releaseAt.toISOString(), released: order.released, cancelled: order.cancelled },
    });
  });
}

/** POST { rewardId, points? }: checkout codes are short-lived (they go straight into this checkout); account ones not. */
export function redeemAction(surface: ExtensionSurface) {
  return extensionHandler(surface, async (request, { shop, customerId }) => {
    if (request.method !== "POST") return apiError(405, "method_not_allowed", "Use POST", { Allow: "POST" });
    if (!customerId) return apiError(401, "sign_in_required", "Sign in to redeem points");
    return json(await redeemFromRequest(request, shop, customerId, surface === "checkout" ? "checkout" : "panel"));
  });
}

/** POST { redemptionId }: the shopper removed the code; it is deactivated and the points come back. */
export function cancelAction(surface: ExtensionSurface) {
  return extensionHandler(surface, async (request, { shop, customerId }) => {
    if (request.method !== "POST") return apiError(405, "method_not_allowed", "Use POST", { Allow: "POST" });
    if (!customerId) return apiError(401, "sign_in_required", "Sign in to manage your rewards");
    return json(await cancelFromRequest(request, shop, customerId));
  });
}
