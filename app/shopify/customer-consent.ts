// A customer webhook's email marketing consent (REST shape: `email_marketing_consent: { state, opt_in_level,
// consent_updated_at }`, state lower-case: subscribed, not_subscribed, unsubscribed, pending, invalid, redacted; null
// for a customer without an email). Read beside the profile (order-payloads.ts parseCustomer) for the newsletter way
// to earn. An unknown state is not an error: Shopify adds values, and the profile update must still apply.
import type { EmailConsentState } from "../rules/earning-actions";
import type { AccountState } from "../rules/membership";
import { PayloadError, describeValue } from "./payload-error";

const STATES: readonly EmailConsentState[] = ["subscribed", "not_subscribed", "unsubscribed", "pending", "invalid", "redacted"];

export function parseEmailConsent(payload: unknown): EmailConsentState | null {
  if (typeof payload !== "object" || payload === null) return null;
  const consent = (payload as Record<string, unknown>).email_marketing_consent;
  if (consent === undefined || consent === null) return null;
  if (typeof consent !== "object" || Array.isArray(consent)) {
    throw new PayloadError(`email_marketing_consent must be an object or null, not ${describeValue(consent)}`);
  }
  const state = (consent as Record<string, unknown>).state;
  return typeof state === "string" && (STATES as readonly string[]).includes(state) ? (state as EmailConsentState) : null;
}

const ACCOUNT_STATES: readonly AccountState[] = ["enabled", "disabled", "invited", "declined"];

/**
 * The customer's account state and when the record was created (for the sign-up bonus, app/rules/membership.ts).
 * Lenient like the consent: an unknown or missing state is "no account known", never a refused delivery.
 */
export function parseAccount(payload: unknown): { state: AccountState | null; createdAt: Date | null } {
  if (typeof payload !== "object" || payload === null) return { state: null, createdAt: null };
  const body = payload as Record<string, unknown>;
  const state = typeof body.state === "string" && (ACCOUNT_STATES as readonly string[]).includes(body.state) ? (body.state as AccountState) : null;
  const created = typeof body.created_at === "string" ? new Date(body.created_at) : null;
  return { state, createdAt: created && !Number.isNaN(created.getTime()) ? created : null };
}
