// What each webhook topic means to the app: how its payload is checked and what applying it does.
//
// `parse` runs twice: when the delivery arrives (a payload that does not have Shopify's shape is answered 400 and
// never stored) and again when the stored delivery is applied. `apply` must be idempotent on the topic's business
// key (order, refund, customer …): Shopify may send the same event in several deliveries, and a delivery whose
// outcome was lost (crash after the work, before it was marked done) is applied again by the inbox sweep.
import db, { sqlDb } from "../db.server";
import { applyCancellation, applyPaidOrder, applyRefund } from "../persistence/order-ledger";
import { applyAccountEnabled, applyCustomerCreated, applyCustomerUpdated } from "../persistence/members";
import { recordDataRequest, redactCustomer, redactShop } from "../persistence/privacy";
import { recordShopUninstalled } from "../persistence/shops";
import { markCodesUsed } from "../persistence/redemption";
import { returnRewardPointsOfReversedOrder } from "../persistence/reward-refunds";
import { parseCancellation, parseCustomer, parsePaidOrder, parseRefund } from "./order-payloads";
import { parseCustomerRedact, parseDataRequest, parseShopRedact } from "./privacy-payloads";
import { eraseCustomerFromDelivery } from "./delivery-redaction";
import { parseAccount, parseEmailConsent } from "./customer-consent";
import { parseCollectionChange, parseProductUpdate } from "./product-payloads";
import { applyProductTags, refreshFactsForCollection } from "../persistence/product-facts";
import { productFactsGraphqlForShop } from "./product-facts.server";
import { creditAction } from "../persistence/action-credits";
import { earnsNewsletter } from "../rules/earning-actions";
import { attributeReferral } from "../persistence/referrals";
import { withReferralFields } from "./referral-payloads";

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
  // A refund or cancellation that came first may already have reversed the order: then the reward's points come back
  // (app/persistence/reward-refunds.ts), whichever of the events completes the picture.
  // Referrals (app/persistence/referrals.ts): only an order whose body carries a welcome code or the referral cart
  // attribute costs a referral query; every other order none.
  "orders/paid": topic({
    createsShopData: true,
    parse: (payload) => withReferralFields(parsePaidOrder(payload), payload),
    apply: async (shop, order) => {
      await applyPaidOrder(sqlDb, shop, order);
      if (order.referral?.signal) await attributeReferral(sqlDb, shop, order, order.referral.signal, order.referral.fingerprint);
      // Only an order that used one of our codes can owe reward points back (and there is a query to spare then).
      if (order.discountCodes.length > 0) {
        await markCodesUsed(sqlDb, shop, order.discountCodes, order.orderId);
        await returnRewardPointsOfReversedOrder(sqlDb, shop, order.orderId);
      }
    },
  }),
  // Takes back the refunded units' points (held if the order's paid event has not arrived yet); a full refund gives
  // the points of a reward the order used back. Both run again on a retried delivery and change nothing then.
  "refunds/create": topic({
    createsShopData: true,
    parse: parseRefund,
    apply: async (shop, refund) => {
      await applyRefund(sqlDb, shop, refund);
      await returnRewardPointsOfReversedOrder(sqlDb, shop, refund.orderId);
    },
  }),
  // Takes back whatever points the order still holds (held if the order's paid event has not arrived yet), and gives
  // back the points of a reward the order used.
  "orders/cancelled": topic({
    createsShopData: true,
    parse: parseCancellation,
    apply: async (shop, cancellation) => {
      await applyCancellation(sqlDb, shop, cancellation);
      await returnRewardPointsOfReversedOrder(sqlDb, shop, cancellation.orderId);
    },
  }),
  // The customer becomes a member and gets the sign-up bonus, once.
  "customers/create": topic({
    createsShopData: true,
    parse: (payload) => ({ customer: parseCustomer(payload), account: parseAccount(payload) }),
    apply: (shop, { customer, account }) => applyCustomerCreated(sqlDb, shop, customer, new Date(), account),
  }),
  // Keeps the member's name and email current; email marketing consent becoming subscribed earns the newsletter
  // way to earn, once ever (its limit), so unsubscribing and subscribing again earns nothing more.
  "customers/update": topic({
    createsShopData: true,
    parse: (payload) => ({ customer: parseCustomer(payload), emailConsent: parseEmailConsent(payload), account: parseAccount(payload) }),
    apply: async (shop, { customer, emailConsent, account }) => {
      await applyCustomerUpdated(sqlDb, shop, customer);
      // An account activated after sign-up (invite accepted, checkout account): the sign-up bonus (membership.ts).
      await applyAccountEnabled(sqlDb, shop, customer.customerId, account);
      if (earnsNewsletter(emailConsent)) await creditAction(sqlDb, { shop, customerId: customer.customerId, actionKey: "newsletter" });
    },
  }),
  // A product's tags changed (or anything else about it): the product facts orders/paid reads follow its tags, with
  // no API call (app/persistence/product-facts.ts); nothing is written when the shop names no tags.
  "products/update": topic({
    createsShopData: true,
    parse: parseProductUpdate,
    apply: (shop, product) => applyProductTags(sqlDb, shop, product.productId, product.tags),
  }),
  // A collection's products changed (added, removed, rules edited) or it was deleted: when exclusions or a campaign
  // name it, the product facts are read again through the Admin API. This runs after the answer, from the inbox (as
  // all webhook work does), never inside the delivery's insert; a collection nobody names costs no API call.
  "collections/update": topic({
    createsShopData: true,
    parse: (payload) => parseCollectionChange(payload, "collections/update"),
    apply: (shop, change) => refreshFactsForCollection(sqlDb, shop, change.collectionId, productFactsGraphqlForShop),
  }),
  "collections/delete": topic({
    createsShopData: true,
    parse: (payload) => parseCollectionChange(payload, "collections/delete"),
    apply: (shop, change) => refreshFactsForCollection(sqlDb, shop, change.collectionId, productFactsGraphqlForShop),
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
