// Referrals, the pure part: what a referral code and a friend's welcome code look like, how an order says it was
// referred (read from the raw orders/paid body, before anything touches the database), whether the friend's order
// qualifies, which fraud checks it trips (each with its reason in words), and what happens when its pending period
// ends. No I/O here; app/persistence/referrals.ts stores and applies what these decide.
//
// Attribution has two real Shopify mechanisms, and either is enough:
//   - the friend's single-use welcome code in the order's `discount_codes`;
//   - the cart attribute the storefront script sets from `?ref=CODE` (cart/update.js `attributes`), which Shopify
//     copies to the order's `note_attributes`, so a friend who never typed the code is still attributed.
import { randomInt } from "node:crypto";
import { CODE_ALPHABET, generateRewardCode } from "./redemption-codes";

// ---- codes ----

/** A member's referral code: 8 characters of the reward codes' alphabet (no look-alikes), easy to read out. */
export const REFERRAL_CODE_LENGTH = 8;
const REFERRAL_CODE = new RegExp(`^[${CODE_ALPHABET}]{${REFERRAL_CODE_LENGTH}}$`);

export function generateReferralCode(): string {
  let code = "";
  for (let i = 0; i < REFERRAL_CODE_LENGTH; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** The code as typed or carried in a link (any case, spaces around), or null when it cannot be one of ours. */
export function normaliseReferralCode(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const code = value.trim().toUpperCase();
  return REFERRAL_CODE.test(code) ? code : null;
}

/**
 * The friend's welcome code: "FRIEND-" and 10 random characters. The fixed prefix is what lets orders/paid tell,
 * from the payload alone, that an order may be referred; the random part makes it unguessable.
 */
export const WELCOME_CODE_PREFIX = "FRIEND-";
const WELCOME_CODE = new RegExp(`^${WELCOME_CODE_PREFIX}[${CODE_ALPHABET}]{10}$`);

export function generateWelcomeCode(): string {
  return generateRewardCode(WELCOME_CODE_PREFIX);
}

export function isWelcomeCode(code: string): boolean {
  return WELCOME_CODE.test(code.trim().toUpperCase());
}

/** The cart attribute the storefront sets; the leading underscore keeps it out of the buyer's view at checkout. */
export const REFERRAL_CART_ATTRIBUTE = "_loyalty_ref";

/**
 * The shareable link: the app's landing page on the shop's own domain, through the app proxy
 * (app/routes/proxy.r.$code.tsx). Not `/?ref=CODE` on any page: the theme embed runs no script until the launcher is
 * clicked, so only a page of the app's own can remember the referral and put it on the cart when the friend arrives.
 */
export const REFERRAL_LINK_PATH = "/apps/loyalty/r/";

export function referralLink(shopDomain: string, code: string): string {
  return `https://${shopDomain}${REFERRAL_LINK_PATH}${encodeURIComponent(code)}`;
}

// ---- what an order carries ----

export type ReferralSignal = {
  /** Welcome codes the order used (normalised upper case). */
  welcomeCodes: string[];
  /** The referral code from the cart attribute, if any. */
  referralCode: string | null;
};

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Whether the raw orders/paid body may be a referred order, and how. Null for every other order: the caller then
 * runs no referral query at all. Lenient on purpose: the order itself was already validated by its own parser, and
 * an attribute it cannot read just means "not referred".
 */
export function readReferralSignal(payload: unknown): ReferralSignal | null {
  if (!isObject(payload)) return null;
  const welcomeCodes: string[] = [];
  if (Array.isArray(payload.discount_codes)) {
    for (const entry of payload.discount_codes) {
      const code = isObject(entry) && typeof entry.code === "string" ? entry.code.trim().toUpperCase() : null;
      if (code && isWelcomeCode(code)) welcomeCodes.push(code);
    }
  }
  let referralCode: string | null = null;
  if (Array.isArray(payload.note_attributes)) {
    for (const attribute of payload.note_attributes) {
      if (isObject(attribute) && attribute.name === REFERRAL_CART_ATTRIBUTE) referralCode = normaliseReferralCode(attribute.value);
    }
  }
  return welcomeCodes.length > 0 || referralCode ? { welcomeCodes, referralCode } : null;
}

/** Who placed an order and from where, reduced to comparable keys (no raw address is kept). */
export type OrderFingerprint = {
  customerId: string | null;
  /** normaliseEmail of the order's email. */
  emailKey: string | null;
  /** addressKey of the shipping address. */
  addressKey: string | null;
  browserIp: string | null;
  /** The browser as Shopify saw it: user agent and accept-language (session_hash when present). */
  clientKey: string | null;
};

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/**
 * Email as the mailbox that receives it: lower case; for providers that ignore them, without the "+tag" (Gmail,
 * Outlook/Hotmail/Live, iCloud, Proton, Fastmail) and without dots (Gmail only, whose googlemail.com is the same
 * mailbox). So "Bob.Norman+x@GoogleMail.com" and "bobnorman@gmail.com" are one person.
 */
const PLUS_TAG_PROVIDERS = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "icloud.com",
  "me.com",
  "protonmail.com",
  "proton.me",
  "fastmail.com",
]);
const DOTLESS_PROVIDERS = new Set(["gmail.com", "googlemail.com"]);

export function normaliseEmail(value: unknown): string | null {
  const email = text(value)?.toLowerCase();
  if (!email) return null;
  const at = email.lastIndexOf("@");
  if (at <= 0 || at === email.length - 1) return null;
  let local = email.slice(0, at);
  let domain = email.slice(at + 1);
  if (PLUS_TAG_PROVIDERS.has(domain)) local = local.split("+")[0]!;
  if (DOTLESS_PROVIDERS.has(domain)) {
    local = local.replaceAll(".", "");
    domain = "gmail.com";
  }
  return local === "" ? null : `${local}@${domain}`;
}

/** A shipping address as one comparable key: street lines, postcode and country, case and punctuation ignored. */
export function addressKey(value: unknown): string | null {
  if (!isObject(value)) return null;
  const part = (field: string) => (text(value[field]) ?? "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  const street = part("address1") + part("address2");
  const country = part("country_code") || part("country");
  if (street === "") return null;
  return `${street}|${part("zip")}|${country}`;
}

function clientKey(details: unknown): string | null {
  if (!isObject(details)) return null;
  const session = text(details.session_hash);
  if (session) return `session:${session}`;
  const agent = text(details.user_agent);
  if (!agent) return null;
  return `agent:${agent}|${text(details.accept_language) ?? ""}`;
}

/** Shopify writes 0.0.0.0 (or nothing) when it does not know the buyer's address: never a match. */
function usableIp(value: unknown): string | null {
  const ip = text(value);
  return ip && ip !== "0.0.0.0" && ip !== "::" ? ip.toLowerCase() : null;
}

/** The fingerprint of a raw order body; `customerId` is the already-parsed (exact) id. */
export function readOrderFingerprint(payload: unknown, customerId: string | null): OrderFingerprint {
  const order = isObject(payload) ? payload : {};
  const customer = isObject(order.customer) ? order.customer : {};
  const details = isObject(order.client_details) ? order.client_details : {};
  return {
    customerId,
    emailKey: normaliseEmail(order.email ?? order.contact_email ?? customer.email),
    addressKey: addressKey(order.shipping_address),
    browserIp: usableIp(order.browser_ip ?? details.browser_ip),
    clientKey: clientKey(details),
  };
}

// ---- settings ----

export type ReferralSettings = {
  enabled: boolean;
  /** Points the advocate earns per qualifying referral. */
  advocatePoints: number;
  /** The friend's welcome discount: a percentage (1–100) or a fixed amount in minor units. */
  friendRewardType: "percentage" | "fixed_amount";
  friendRewardValue: number;
  /** The friend's first order must be at least this (shop currency, minor units, after discounts). */
  minSubtotalMinor: number;
  /** At most this many referrals per advocate per calendar month (UTC) are accepted; 0 = no cap. */
  monthlyCapPerAdvocate: number;
  /** How long the storefront remembers `?ref=` and the welcome code stays valid. */
  linkLifetimeDays: number;
  /** Days after the friend's order before the advocate is rewarded (the return window). */
  pendingDays: number;
};

export const DEFAULT_REFERRAL_SETTINGS: ReferralSettings = {
  enabled: false,
  advocatePoints: 500,
  friendRewardType: "percentage",
  friendRewardValue: 10,
  minSubtotalMinor: 0,
  monthlyCapPerAdvocate: 10,
  linkLifetimeDays: 30,
  pendingDays: 14,
};

// ---- checks ----

export type FraudCheck = "same_customer" | "same_email" | "same_address" | "same_browser" | "not_new_customer" | "monthly_cap" | "below_minimum";

/** reject: clear fraud or not a referral at all (rejected at once). review: suspicious, a person decides. */
export type Finding = { check: FraudCheck; severity: "reject" | "review"; reason: string };

export type ReferralCheckInput = {
  advocate: { customerId: string; emailKey: string | null };
  /** Fingerprints of the advocate's own orders the app has seen. */
  advocateOrders: OrderFingerprint[];
  friendOrder: OrderFingerprint;
  friendOrderSubtotalMinor: number;
  /** Orders of the friend (same customer or same email) recorded before this one. */
  friendEarlierOrders: number;
  /** Referrals of this advocate accepted (not rejected or cancelled) in the order's month. */
  advocateReferralsThisMonth: number;
  settings: Pick<ReferralSettings, "minSubtotalMinor" | "monthlyCapPerAdvocate">;
  /** Formats minor units for the reason text (currency known to the caller). */
  formatMoney?: (minor: number) => string;
};

/** Every check the friend's order trips, in a fixed order, each with its reason in words. */
export function referralFindings(input: ReferralCheckInput): Finding[] {
  const findings: Finding[] = [];
  const { advocate, friendOrder } = input;
  const money = input.formatMoney ?? ((minor: number) => String(minor));
  if (friendOrder.customerId !== null && friendOrder.customerId === advocate.customerId) {
    findings.push({ check: "same_customer", severity: "reject", reason: "The friend's order was placed by the advocate's own customer account." });
  }
  const advocateEmails = new Set([advocate.emailKey, ...input.advocateOrders.map((order) => order.emailKey)].filter((key): key is string => key !== null));
  if (friendOrder.emailKey !== null && advocateEmails.has(friendOrder.emailKey)) {
    findings.push({ check: "same_email", severity: "reject", reason: `The friend's email is the advocate's own (${friendOrder.emailKey}, ignoring case, dots and +tags where the provider does).` });
  }
  if (friendOrder.addressKey !== null && input.advocateOrders.some((order) => order.addressKey === friendOrder.addressKey)) {
    findings.push({ check: "same_address", severity: "review", reason: "The order ships to an address the advocate's own orders shipped to." });
  }
  const sameIp = friendOrder.browserIp !== null && input.advocateOrders.some((order) => order.browserIp === friendOrder.browserIp);
  const sameClient = friendOrder.clientKey !== null && input.advocateOrders.some((order) => order.clientKey === friendOrder.clientKey);
  if (sameIp || sameClient) {
    const what = sameIp && sameClient ? "IP address and browser" : sameIp ? "IP address" : "browser";
    findings.push({ check: "same_browser", severity: "review", reason: `The order came from the same ${what} as one of the advocate's orders.` });
  }
  if (input.friendEarlierOrders > 0) {
    findings.push({ check: "not_new_customer", severity: "reject", reason: `The friend is not a new customer: ${input.friendEarlierOrders} earlier order(s).` });
  }
  if (input.friendOrderSubtotalMinor < input.settings.minSubtotalMinor) {
    findings.push({
      check: "below_minimum",
      severity: "reject",
      reason: `The first order's subtotal ${money(input.friendOrderSubtotalMinor)} is below the minimum ${money(input.settings.minSubtotalMinor)}.`,
    });
  }
  const cap = input.settings.monthlyCapPerAdvocate;
  if (cap > 0 && input.advocateReferralsThisMonth >= cap) {
    findings.push({ check: "monthly_cap", severity: "reject", reason: `The advocate already has ${input.advocateReferralsThisMonth} referrals this month (the cap is ${cap}).` });
  }
  return findings;
}

export type ReferralStatus = "pending" | "qualified" | "rewarded" | "rejected" | "review" | "cancelled";

/** Any clear finding rejects; otherwise any suspicious one sends the referral to review; none: pending. */
export function initialStatus(findings: Finding[]): ReferralStatus {
  if (findings.some((finding) => finding.severity === "reject")) return "rejected";
  if (findings.length > 0) return "review";
  return "pending";
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** When the advocate may be rewarded: the friend's order's paid time plus the pending days. */
export function rewardDueAt(paidAt: Date, pendingDays: number): Date {
  return new Date(paidAt.getTime() + pendingDays * DAY_MS);
}

/** The month a referral counts against the advocate's cap (UTC, "2026-12"). */
export function capMonth(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** The friend's order as it stands when the pending period ends. */
export type OrderOutcome = { cancelled: boolean; remainingSubtotalMinor: number };

export type ReleaseDecision = { kind: "wait" } | { kind: "reward" } | { kind: "cancel"; reason: string };

/**
 * At or after the due time: a cancelled order, a full refund, or refunds that leave less than the minimum subtotal
 * cancel the referral; otherwise the advocate is rewarded. Before it: wait (a refund may still come). Only pending
 * and qualified (approved from review) referrals are ever released.
 */
export function releaseDecision(
  status: ReferralStatus,
  dueAt: Date,
  now: Date,
  order: OrderOutcome | null,
  minSubtotalMinor: number,
): ReleaseDecision {
  if (status !== "pending" && status !== "qualified") return { kind: "wait" };
  if (order?.cancelled) return { kind: "cancel", reason: "The friend's order was cancelled within the pending period." };
  if (order && order.remainingSubtotalMinor <= 0) return { kind: "cancel", reason: "The friend's order was fully refunded within the pending period." };
  if (order && order.remainingSubtotalMinor < minSubtotalMinor) {
    return { kind: "cancel", reason: "Refunds within the pending period left the friend's order below the minimum subtotal." };
  }
  if (now < dueAt) return { kind: "wait" };
  // No order record (cannot happen for an attributed order): nothing to pay for.
  if (!order) return { kind: "cancel", reason: "The friend's order is not known." };
  return { kind: "reward" };
}

/** Net sales still standing after refunds: each line's net less the refunded share of its units. */
export function remainingSubtotal(
  netSalesMinor: number,
  lines: Array<{ lineItemId: string; quantity: number }>,
  lineNet: Record<string, number>,
  refundedUnits: Record<string, number>,
): number {
  let refunded = 0;
  for (const line of lines) {
    const units = Math.min(line.quantity, refundedUnits[line.lineItemId] ?? 0);
    if (line.quantity > 0 && units > 0) refunded += Math.floor(((lineNet[line.lineItemId] ?? 0) * units) / line.quantity);
  }
  return Math.max(0, netSalesMinor - refunded);
}

/** Who a friend is, once and for all ("at most one reward per friend, ever"): their customer id, else their email. */
export function friendKey(fingerprint: Pick<OrderFingerprint, "customerId" | "emailKey">): string | null {
  if (fingerprint.customerId) return `customer:${fingerprint.customerId}`;
  if (fingerprint.emailKey) return `email:${fingerprint.emailKey}`;
  return null;
}

/** The ledger key of the advocate's reward for a friend: unique per shop, so a friend pays out once, ever. */
export function referralRewardKey(friend: string): string {
  return `referral:${friend}:reward`;
}
