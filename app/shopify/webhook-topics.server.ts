// What each webhook topic means to the app: how its payload is checked and what applying it does.
//
// `parse` runs twice: when the delivery arrives (a payload that does not have Shopify's shape is answered 400 and
// never stored) and again when the stored delivery is applied. `apply` must be idempotent on the topic's business
// key (order, refund, customer …): Shopify may send the same event in several deliveries, and a delivery whose
// outcome was lost (crash after the work, before it was marked done) is applied again by the inbox sweep.
import db, { sqlDb } from "../db.server";
import { applyCancellation, applyPaidOrder, applyRefund } from "../persistence/order-ledger";
import { applyCustomerCreated, applyCustomerUpdated } from "../persistence/members";
import { recordDataRequest, redactCustomer, redactShop } from "../persistence/privacy";
import { recordShopUninstalled } from "../persistence/shops";
import { markCodesUsed } from "../persistence/redemption";
import { parseCancellation, parseCustomer, parsePaidOrder, parseRefund } from "./order-payloads";
import { parseCustomerRedact, parseDataRequest, parseShopRedact } from "./privacy-payloads";
import { eraseCustomerFromDelivery } from "./delivery-redaction";
import { parseEmailConsent } from "./customer-consent";
import { creditAction } from "../persistence/action-credits";
import { earnsNewsletter } from "../rules/earning-actions";

export type WebhookTopicHandler<Parsed = unknown> = {
  /**
   * Applying it creates data for the shop (members, orders, points). Such a delivery from a shop that is not a tenant
   * (never installed, or erased by shop/redact) is answered 200 and dropped, not stored. The others — the compliance
   * topics and app/uninstalled — only erase, record what the law asks, or end access, so they are always taken.
   */
  createsShopData: boolean;
  /** Throws PayloadError when the payload is not what Shopify sends for this topic. */
  parse(payload: unknown, shop: string): Parsed;
  apply(shop: string, parsed: Parsed): Promise<unknown>;
};

function topic<Parsed>(handler: WebhookTopicHandler<Parsed>): WebhookTopicHandler {
  return handler as WebhookTopicHandler;
}

export const webhookTopics = {
  // Pending points for the order's lines, and any redeemed reward code it used marked used; repeats change nothing.
  "orders/paid": topic({
    createsShopData: true,
    parse: parsePaidOrder,
    apply: async (shop, order) => {
      await applyPaidOrder(sqlDb, shop, order);
      await markCodesUsed(sqlDb, shop, order.discountCodes, order.orderId);
    },
  }),
  // Takes back the refunded units' points (held if the order's paid event has not arrived yet).
  "refunds/create": topic({
    createsShopData: true,
    parse: parseRefund,
    apply: (shop, refund) => applyRefund(sqlDb, shop, refund),
  }),
  // Takes back whatever points the order still holds (held if the order's paid event has not arrived yet).
  "orders/cancelled": topic({
    createsShopData: true,
    parse: parseCancellation,
    apply: (shop, cancellation) => applyCancellation(sqlDb, shop, cancellation),
  }),
  // The customer becomes a member and gets the sign-up bonus, once.
  "customers/create": topic({
    createsShopData: true,
    parse: parseCustomer,
    apply: (shop, customer) => applyCustomerCreated(sqlDb, shop, customer),
  }),
  // Keeps the member's name and email current; email marketing consent becoming subscribed earns the newsletter
  // way to earn, once ever (its limit), so unsubscribing and subscribing again earns nothing more.
  "customers/update": topic({
    createsShopData: true,
    parse: (payload) => ({ customer: parseCustomer(payload), emailConsent: parseEmailConsent(payload) }),
    apply: async (shop, { customer, emailConsent }) => {
      await applyCustomerUpdated(sqlDb, shop, customer);
      if (earnsNewsletter(emailConsent)) await creditAction(sqlDb, { shop, customerId: customer.customerId, actionKey: "newsletter" });
    },
  }),
  // Records the request with an export of everything held about the customer, for the merchant to hand over.
  "customers/data_request": topic({
    createsShopData: false,
    parse: parseDataRequest,
    apply: (shop, request) => recordDataRequest(db, shop, request.customerId),
  }),
  // Erases the customer's personal data, also from deliveries not yet applied; the ledger keeps its anonymous amounts.
  "customers/redact": topic({
    createsShopData: false,
    parse: parseCustomerRedact,
    apply: (shop, request) => redactCustomer(db, shop, request, eraseCustomerFromDelivery),
  }),
  // 48 hours after uninstall: delete everything held for the shop.
  "shop/redact": topic({ createsShopData: false, parse: parseShopRedact, apply: (shop) => redactShop(db, shop) }),
  // The shop's access token is dead once the app is uninstalled; its loyalty data stays until shop/redact.
  "app/uninstalled": topic({
    createsShopData: false,
    parse: () => undefined,
    apply: async (shop) => {
      await db.session.deleteMany({ where: { shop } });
      await recordShopUninstalled(sqlDb, shop);
    },
  }),
} satisfies Record<string, WebhookTopicHandler>;

export type WebhookTopic = keyof typeof webhookTopics;

export function isWebhookTopic(value: string): value is WebhookTopic {
  return Object.prototype.hasOwnProperty.call(webhookTopics, value);
}
