// Customers: the Customer object, `customer(id)` and the `customers` connection with Shopify's search syntax.
import type { RequestContext, View } from "../context";
import { connection, type ConnectionArgs } from "../connection";
import { legacyId, toGid } from "../ids";
import { moneyV2 } from "../money";
import { compareMatches, textMatches, type Term } from "../search";
import { isoSeconds, type CustomerRecord, type ShopState } from "../state";
import { metafieldFields } from "./metafields";
import { resourceFields } from "./resource-fields";
import { orderView, ordersOfCustomer } from "./orders";

function displayName(customer: CustomerRecord): string {
  const name = [customer.firstName, customer.lastName].filter(Boolean).join(" ");
  return name || customer.email || customer.phone || "";
}

export function customerView(shop: ShopState, customer: CustomerRecord): View {
  const orders = () => ordersOfCustomer(shop, customer.id);
  return {
    __typename: "Customer",
    id: customer.id,
    legacyResourceId: legacyId(customer.id),
    firstName: customer.firstName,
    lastName: customer.lastName,
    displayName: displayName(customer),
    // Deprecated since 2026-10 in favour of the two objects below; still answered, as Shopify still answers them.
    email: customer.email,
    phone: customer.phone,
    // Only the address and number: the stand-in keeps no marketing consent, so those (non-null) fields of
    // CustomerEmailAddress / CustomerPhoneNumber stay unimplemented and fail loudly if asked for.
    defaultEmailAddress: customer.email === null ? null : { __typename: "CustomerEmailAddress", emailAddress: customer.email },
    defaultPhoneNumber: customer.phone === null ? null : { __typename: "CustomerPhoneNumber", phoneNumber: customer.phone },
    note: customer.note,
    tags: customer.tags,
    state: customer.state,
    locale: customer.locale,
    verifiedEmail: customer.verifiedEmail,
    taxExempt: customer.taxExempt,
    createdAt: customer.createdAt,
    updatedAt: customer.updatedAt,
    numberOfOrders: () => String(orders().length),
    amountSpent: () =>
      moneyV2(
        orders().reduce((sum, order) => sum + order.totalPrice - order.totalRefunded, 0n),
        shop.shop.currencyCode,
      ),
    orders: (args: ConnectionArgs) =>
      connection("Order", orders(), args, (order) => order.id, (order) => orderView(shop, order)),
    ...metafieldFields(shop, customer.id),
  };
}

function matchCustomer(customer: CustomerRecord, term: Term): boolean | undefined {
  switch (term.field) {
    case null:
      return [customer.firstName, customer.lastName, customer.email, customer.phone].some((value) =>
        textMatches(value, term.value),
      );
    case "email":
      return textMatches(customer.email, term.value);
    case "phone":
      return textMatches(customer.phone, term.value);
    case "first_name":
      return textMatches(customer.firstName, term.value);
    case "last_name":
      return textMatches(customer.lastName, term.value);
    case "tag":
      return customer.tags.some((tag) => textMatches(tag, term.value));
    case "state":
      return textMatches(customer.state, term.value);
    case "id":
      return compareMatches(legacyId(customer.id), term);
    // `customer_date` is Shopify's documented filter on the customer's createdAt.
    case "created_at":
    case "customer_date":
      return compareMatches(customer.createdAt, term);
    case "updated_at":
      return compareMatches(customer.updatedAt, term);
    default:
      return undefined;
  }
}

export function customerFields(shop: ShopState) {
  const fields = resourceFields("Customer", "customers", shop.customers, matchCustomer, (customer) => customerView(shop, customer));
  return { customer: fields.byId, customers: fields.list };
}

type CustomerCreateInput = {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  note?: string | null;
  tags?: string[] | null;
  emailMarketingConsent?: { marketingState: string; marketingOptInLevel?: string | null; consentUpdatedAt?: string | null; sourceLocationId?: string | null } | null;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * customerCreate as Shopify answers the fields the POS enrolment sends: a customer needs a name, email or phone; an
 * email must look like one and not belong to another customer of the shop; email marketing consent needs an email.
 */
export function customerMutationFields(shop: ShopState) {
  return {
    customerCreate: ({ input }: { input: CustomerCreateInput }, context: RequestContext) => {
      const payload = (customer: CustomerRecord | null, userErrors: Array<{ field: string[]; message: string }>) => ({
        __typename: "CustomerCreatePayload",
        customer: customer && customerView(shop, customer),
        userErrors: userErrors.map((error) => ({ __typename: "UserError", ...error })),
      });
      const email = input.email?.trim() || null;
      if (!input.firstName?.trim() && !input.lastName?.trim() && !email && !input.phone?.trim()) {
        return payload(null, [{ field: ["customer"], message: "A name, phone number, or email address must be present" }]);
      }
      if (email !== null && !EMAIL.test(email)) return payload(null, [{ field: ["email"], message: "Email is invalid" }]);
      if (email !== null && [...shop.customers.values()].some((c) => c.email?.toLowerCase() === email.toLowerCase())) {
        return payload(null, [{ field: ["email"], message: "Email has already been taken" }]);
      }
      if (input.emailMarketingConsent && email === null) {
        return payload(null, [{ field: ["emailMarketingConsent"], message: "An email address is required to set the email marketing consent state." }]);
      }
      const now = isoSeconds(context.now());
      const consent = input.emailMarketingConsent;
      const record: CustomerRecord = {
        id: toGid("Customer", shop.ids.take()),
        firstName: input.firstName?.trim() || null,
        lastName: input.lastName?.trim() || null,
        email,
        phone: input.phone?.trim() || null,
        note: input.note ?? null,
        tags: [...(input.tags ?? [])].sort(),
        state: "DISABLED",
        locale: "en",
        verifiedEmail: false,
        taxExempt: false,
        createdAt: now,
        updatedAt: now,
        ...(consent
          ? {
              emailMarketingConsent: {
                marketingState: consent.marketingState,
                marketingOptInLevel: consent.marketingOptInLevel ?? null,
                consentUpdatedAt: consent.consentUpdatedAt ?? now,
                sourceLocationId: consent.sourceLocationId ?? null,
              },
            }
          : {}),
      };
      shop.customers.set(record.id, record);
      return payload(record, []);
    },
  };
}
