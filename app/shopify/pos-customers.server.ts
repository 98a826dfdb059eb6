// Looking up and enrolling customers from the POS home tile, over the Admin GraphQL API with the shop's offline
// token: `customers(query:)` with Shopify's search syntax, and `customerCreate` with the email marketing consent the
// customer gave at the counter (recorded with the location it was given at).
import { requireData, runAdminGraphql, type AdminGraphql } from "./admin-graphql.server";
import { apiError } from "./storefront-api.server";
import type { CustomerEmailMarketingState, CustomerMarketingOptInLevel } from "../types/admin.types";

export const POS_FIND_CUSTOMERS = `#graphql
  query PosFindCustomers($query: String!, $first: Int!) {
    customers(first: $first, query: $query) {
      nodes {
        id
        firstName
        lastName
        displayName
        defaultEmailAddress { emailAddress }
        defaultPhoneNumber { phoneNumber }
      }
    }
  }
`;

export const POS_CREATE_CUSTOMER = `#graphql
  mutation PosCreateCustomer($input: CustomerInput!) {
    customerCreate(input: $input) {
      customer {
        id
        firstName
        lastName
        displayName
        defaultEmailAddress { emailAddress }
      }
      userErrors { field message }
    }
  }
`;

const GID_PREFIX = "gid://shopify/Customer/";
export const POS_SEARCH_LIMIT = 10;
const MAX_QUERY = 100;
// Shopify's own limit for a name part; an email address is at most 254 characters (RFC 5321's path limit).
const MAX_NAME = 255;
const MAX_EMAIL = 254;
const EMAIL = /^[^\s@"<>(),;:\\[\]]+@[^\s@"<>(),;:\\[\]]+\.[^\s@"<>(),;:\\[\]]+$/;

export type PosCustomer = { id: string; name: string; email: string | null; phone: string | null };

/**
 * The search the staff member typed as Shopify search terms: each word a prefix match on the default fields (name,
 * email, phone), ANDed; only letters, digits and the characters of emails and phone numbers are kept, so the text
 * cannot add filters (`field:`), negations or groups of its own. A bare number is also tried as the customer id.
 */
export function customerSearchQuery(text: string): string {
  const words = text
    .split(/\s+/)
    .map((word) => word.replace(/[^\p{L}\p{N}@.+_'-]/gu, "").replace(/^-+/, ""))
    .filter(Boolean);
  const terms = words.map((word) => `${word}*`).join(" ");
  return words.length === 1 && /^\d{1,20}$/.test(words[0]!) ? `${terms} OR id:${words[0]}` : terms;
}

export function parseSearchText(value: string | null): string {
  const text = (value ?? "").trim();
  if (text.length < 2) throw apiError(400, "invalid_query", "q must be at least 2 characters");
  if (!customerSearchQuery(text)) throw apiError(400, "invalid_query", "q must contain a name, email, phone or id");
  if (text.length > MAX_QUERY) throw apiError(400, "invalid_query", `q must be at most ${MAX_QUERY} characters`);
  return text;
}

export async function findCustomers(graphql: AdminGraphql, text: string): Promise<PosCustomer[]> {
  const data = requireData(await runAdminGraphql(graphql, POS_FIND_CUSTOMERS, { query: customerSearchQuery(text), first: POS_SEARCH_LIMIT }));
  return data.customers.nodes.map((c) => ({
    id: c.id.slice(GID_PREFIX.length),
    name: c.displayName,
    email: c.defaultEmailAddress?.emailAddress ?? null,
    phone: c.defaultPhoneNumber?.phoneNumber ?? null,
  }));
}

export type Enrolment = { firstName: string; lastName: string; email: string; marketingConsent: boolean };

/** The enrol form's body, or a 400 naming the field. */
export function parseEnrolment(body: Record<string, unknown>): Enrolment {
  const text = (field: string, max: number, required: boolean) => {
    const value = body[field];
    if (value === undefined && !required) return "";
    if (typeof value !== "string") throw apiError(400, "invalid_request", `${field} must be text`);
    const trimmed = value.trim();
    if (required && !trimmed) throw apiError(400, "invalid_request", `${field} is required`);
    if (trimmed.length > max) throw apiError(400, "invalid_request", `${field} must be at most ${max} characters`);
    return trimmed;
  };
  const firstName = text("firstName", MAX_NAME, true);
  const lastName = text("lastName", MAX_NAME, false);
  const email = text("email", MAX_EMAIL, true).toLowerCase();
  if (!EMAIL.test(email)) throw apiError(400, "invalid_email", "email is not an email address");
  if (typeof body.marketingConsent !== "boolean") throw apiError(400, "invalid_request", "marketingConsent must be true or false");
  return { firstName, lastName, email, marketingConsent: body.marketingConsent };
}

export type EnrolOutcome = { kind: "created"; customer: PosCustomer } | { kind: "refused"; message: string; field: string | null };

/**
 * Creates the customer. Consent given at the counter is single opt-in, dated now, at the POS location; no consent is
 * recorded as NOT_SUBSCRIBED. Shopify's refusals (the email is taken, …) come back as `refused`.
 */
export async function createCustomer(graphql: AdminGraphql, enrolment: Enrolment, locationId: string | null, now = new Date()): Promise<EnrolOutcome> {
  const result = await runAdminGraphql(graphql, POS_CREATE_CUSTOMER, {
    input: {
      firstName: enrolment.firstName,
      ...(enrolment.lastName ? { lastName: enrolment.lastName } : {}),
      email: enrolment.email,
      emailMarketingConsent: {
        // The generated enums are declarations only (no runtime value to import).
        marketingState: (enrolment.marketingConsent ? "SUBSCRIBED" : "NOT_SUBSCRIBED") as CustomerEmailMarketingState,
        marketingOptInLevel: "SINGLE_OPT_IN" as CustomerMarketingOptInLevel,
        consentUpdatedAt: now.toISOString(),
        ...(locationId ? { sourceLocationId: `gid://shopify/Location/${locationId}` } : {}),
      },
    },
  });
  if (result.kind === "userErrors") {
    const first = result.userErrors[0];
    return { kind: "refused", message: first?.message ?? result.message, field: first?.field?.at(-1) ?? null };
  }
  const customer = requireData(result).customerCreate?.customer;
  if (!customer) return { kind: "refused", message: "Shopify created no customer", field: null };
  return {
    kind: "created",
    customer: { id: customer.id.slice(GID_PREFIX.length), name: customer.displayName, email: customer.defaultEmailAddress?.emailAddress ?? null, phone: null },
  };
}
