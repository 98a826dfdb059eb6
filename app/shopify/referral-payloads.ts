// orders/paid → what referrals need from it, read once when the delivery is parsed: whether the order says it was
// referred (welcome code or cart attribute) and its fingerprint (email, shipping address, browser) for the checks.
// Both are pure reads of the body (app/rules/referrals.ts); nothing here touches the database.
import type { PaidOrder } from "../rules/order-events";
import { readOrderFingerprint, readReferralSignal } from "../rules/referrals";

export function withReferralFields(order: PaidOrder, payload: unknown): PaidOrder {
  return {
    ...order,
    referral: { signal: readReferralSignal(payload), fingerprint: readOrderFingerprint(payload, order.customer?.customerId ?? null) },
  };
}
