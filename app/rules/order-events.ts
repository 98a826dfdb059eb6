import type { OrderFingerprint, ReferralSignal } from "./referrals";

// The order events the ledger understands, already translated out of Shopify's webhook payloads
// (app/shopify/order-payloads.ts does that). Money is integer minor units of the shop's currency
// (`shop_money`), so multi-currency orders earn in the shop's currency and nothing is ever a float.

export type PaidOrderLine = {
  lineItemId: string;
  productId: string | null;
  quantity: number;
  giftCard: boolean;
  /** price × quantity, before any discount, in minor units. */
  grossAmount: number;
  /** Sum of the line's discount allocations (line-level and order-level discounts allocated to it). */
  discountAmount: number;
  /** Sum of the line's tax lines. */
  taxAmount: number;
};

export type PaidOrderShipping = {
  /** Shipping after its discounts, minor units. */
  netAmount: number;
  taxAmount: number;
};

export type CustomerProfile = {
  customerId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  /** The shopper's language when the body says it (an order's customer_locale), as one of the app's locales. */
  locale?: string | null;
};

export type PaidOrder = {
  orderId: string;
  /** null: a guest checkout; earns nothing (the order is still recorded). */
  customer: CustomerProfile | null;
  /** ISO 4217 code of the shop's currency (shop_money). */
  currency: string;
  /** Whether the line prices already include tax (Shopify's `taxes_included`). */
  taxesIncluded: boolean;
  lines: PaidOrderLine[];
  shipping: PaidOrderShipping;
  /** When the order was paid/processed (UTC). */
  paidAt: Date;
  /** Shopify's source_name ("web", "pos", an app's id, …): POS-only and online-only campaigns read it. */
  sourceName?: string | null;
  /** Discount codes the order used (a redeemed reward's code marks that redemption used). */
  discountCodes: string[];
  /** What referrals read from the body (app/rules/referrals.ts), set by the orders/paid topic; absent elsewhere. */
  referral?: OrderReferralFields;
};

export type OrderReferralFields = { signal: ReferralSignal | null; fingerprint: OrderFingerprint };

export type RefundedLine = { lineItemId: string; quantity: number };

export type OrderRefund = {
  refundId: string;
  orderId: string;
  lines: RefundedLine[];
  /** Shipping refunded by this refund, minor units (0 when none). */
  shippingAmount: number;
  createdAt: Date;
};

export type OrderCancellation = {
  orderId: string;
  cancelledAt: Date;
};
