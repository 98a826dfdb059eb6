// Referrals in the demo: the program on, Ana Popescu (customer 7011) as the advocate with the fixed link
// /apps/loyalty/r/ANAREF23, and one referral in each status, made through the real paths (orders/paid's
// applyPaidOrder, attribution, the release sweep, the review decision):
//   rewarded   friend 7013 (Mihai Ionescu), first order paid 20 days ago: the advocate has the 500 points;
//   pending    friend 7014 (Irina Popa), first order paid 2 days ago;
//   qualified  a guest whose order ships to Ana's address, approved by staff, still in its pending period;
//   review     a guest ordering from Ana's IP address and browser;
//   rejected   Ana herself under "ana.popescu+deal@googlemail.com";
//   cancelled  a guest whose order was cancelled within its pending period.
// Admin: /app/referrals. Idempotent: every step is keyed (order records, one referral per friend, ledger keys).
import { sqlDb } from "../db.server";
import { instant } from "../db/dialect";
import type { AdminApiStandIn } from "./admin-api";
import { ensureMember } from "../persistence/ledger";
import { applyCancellation, applyPaidOrder } from "../persistence/order-ledger";
import { attributeReferral, decideReview, releaseDueReferrals, saveReferralSettings } from "../persistence/referrals";
import { DEFAULT_REFERRAL_SETTINGS, normaliseEmail, type OrderFingerprint } from "../rules/referrals";
import type { PaidOrder } from "../rules/order-events";
import { DEMO_SHOP } from "./demo-mode.server";
import { DEMO_ADVOCATE, DEMO_REFERRED_FRIENDS } from "./demo-data";

export const DEMO_REFERRAL_CODE = "ANAREF23";

const DAY = 24 * 60 * 60 * 1000;
const ANA_ADDRESS = "stradaflorilor5|010101|ro";
const ANA_IP = "203.0.113.70";
const ANA_BROWSER = "agent:Mozilla/5.0 (demo)|ro-RO";

type DemoOrder = { orderId: string; customerId: string | null; email: string; cents: number; daysAgo: number; fingerprint?: Partial<OrderFingerprint> };

function paidOrder(order: DemoOrder, now: Date): PaidOrder {
  const fingerprint: OrderFingerprint = {
    customerId: order.customerId,
    emailKey: normaliseEmail(order.email),
    addressKey: `${order.orderId}street|010101|ro`,
    browserIp: `198.51.100.${Number(order.orderId) % 200}`,
    clientKey: `agent:demo ${order.orderId}`,
    ...order.fingerprint,
  };
  return {
    orderId: order.orderId,
    customer: order.customerId ? { customerId: order.customerId, email: order.email, firstName: null, lastName: null } : null,
    currency: "EUR",
    taxesIncluded: false,
    lines: [{ lineItemId: `${order.orderId}1`, productId: "632910392", quantity: 1, giftCard: false, grossAmount: order.cents, discountAmount: 0, taxAmount: 0 }],
    shipping: { netAmount: 0, taxAmount: 0 },
    paidAt: new Date(now.getTime() - order.daysAgo * DAY),
    discountCodes: [],
    referral: { signal: order.customerId === String(DEMO_ADVOCATE.id) ? null : { welcomeCodes: [], referralCode: DEMO_REFERRAL_CODE }, fingerprint },
  };
}

async function placeOrder(order: DemoOrder, now: Date) {
  const paid = paidOrder(order, now);
  await applyPaidOrder(sqlDb, DEMO_SHOP, paid, now);
  if (paid.referral?.signal) await attributeReferral(sqlDb, DEMO_SHOP, paid, paid.referral.signal, paid.referral.fingerprint, now);
}

export async function seedDemoReferrals(standIn: AdminApiStandIn, now = new Date()) {
  for (const customer of [DEMO_ADVOCATE, ...DEMO_REFERRED_FRIENDS]) standIn.seedCustomer(DEMO_SHOP, customer);
  await saveReferralSettings(sqlDb, DEMO_SHOP, { ...DEFAULT_REFERRAL_SETTINGS, enabled: true, advocatePoints: 500, minSubtotalMinor: 2000, pendingDays: 14 }, now);
  const advocate = await ensureMember(sqlDb, DEMO_SHOP, String(DEMO_ADVOCATE.id), DEMO_ADVOCATE, now);
  await sqlDb
    .insertInto("ReferralCode")
    .values({ shop: DEMO_SHOP, memberId: advocate.id, code: DEMO_REFERRAL_CODE, createdAt: instant(now) })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
  // Ana's own order (its fingerprint is what the checks compare friends' orders with).
  const ana = { addressKey: ANA_ADDRESS, browserIp: ANA_IP, clientKey: ANA_BROWSER };
  await placeOrder({ orderId: "871100", customerId: String(DEMO_ADVOCATE.id), email: DEMO_ADVOCATE.email, cents: 4500, daysAgo: 40, fingerprint: ana }, now);
  await placeOrder({ orderId: "871113", customerId: "7013", email: "mihai.ionescu@example.com", cents: 5200, daysAgo: 20 }, now);
  await placeOrder({ orderId: "871114", customerId: "7014", email: "irina.popa@example.com", cents: 3900, daysAgo: 2 }, now);
  await placeOrder({ orderId: "871121", customerId: null, email: "flatmate.guest@example.com", cents: 3000, daysAgo: 3, fingerprint: { addressKey: ANA_ADDRESS } }, now);
  await placeOrder({ orderId: "871122", customerId: null, email: "same.device@example.com", cents: 2800, daysAgo: 4, fingerprint: { browserIp: ANA_IP, clientKey: ANA_BROWSER } }, now);
  await placeOrder({ orderId: "871123", customerId: null, email: "ana.popescu+deal@googlemail.com", cents: 2500, daysAgo: 5 }, now);
  // The cancellation arrives first (held until its order is recorded, as webhooks may come in any order).
  await applyCancellation(sqlDb, DEMO_SHOP, { orderId: "871124", cancelledAt: new Date(now.getTime() - 15 * DAY) }, now);
  await placeOrder({ orderId: "871124", customerId: null, email: "changed.mind@example.com", cents: 6100, daysAgo: 16 }, now);
  const flatmate = await sqlDb.selectFrom("Referral").select(["id", "status"]).where("shop", "=", DEMO_SHOP).where("orderId", "=", "871121").executeTakeFirst();
  if (flatmate?.status === "review") await decideReview(sqlDb, DEMO_SHOP, flatmate.id, "approve", "demo staff", "Flatmates: checked with the customer", now);
  await releaseDueReferrals(sqlDb, { now });
}
