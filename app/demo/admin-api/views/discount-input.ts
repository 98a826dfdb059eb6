// Turning a DiscountCodeBasicInput / DiscountCodeFreeShippingInput into a discount record, or into the userErrors
// Shopify answers instead. Shopify documents the required fields (code, title, startsAt, context or the deprecated
// customerSelection, and customerGets for amount-off codes) and the value ranges, not the exact messages; the
// messages and field paths here are the ones Shopify returns as recorded by apps and by parity tests of Shopify
// stand-ins (e.g. "Code must be unique. Please try a different code." / TAKEN). Where Shopify's wording could not be
// confirmed, the comment says so: the code (DiscountErrorCode) is then the part the app may rely on.
import { GraphQLError } from "graphql";
import { legacyId, parseGid } from "../ids";
import { isAmount, parseAmount, type Micros } from "../money";
import {
  findDiscountByCode,
  isoSeconds,
  type BasicDiscountRecord,
  type DiscountEligibility,
  type DiscountItemsSelection,
  type DiscountValue,
  type FreeShippingDiscountRecord,
  type MinimumRequirement,
  type ShopState,
} from "../state";

type Input = Record<string, unknown>;

export interface DiscountUserErrorData {
  field: string[] | null;
  message: string;
  code: string | null;
}

export type InputName = "basicCodeDiscount" | "freeShippingCodeDiscount";

/** A valid input: the code, and everything else the new record holds except what creating assigns (ids, times). */
export interface Parsed<T> {
  code: string;
  fields: Omit<T, "id" | "codes" | "createdAt" | "updatedAt">;
}

type Result<T> = { ok: true; value: Parsed<T> } | { ok: false; errors: DiscountUserErrorData[] };

const MAX_LENGTH = 255;

function object(value: unknown): Input | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Input) : null;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function present(input: Input, key: string): boolean {
  return input[key] !== undefined && input[key] !== null;
}

function money(value: unknown): Micros | null {
  return (typeof value === "string" || typeof value === "number") && isAmount(value) ? parseAmount(value) : null;
}

/** Shopify writes DateTimes back in UTC whatever offset they were sent with. */
function dateTime(value: unknown): string | null {
  return typeof value === "string" ? isoSeconds(new Date(value)) : null;
}

function titleErrors(name: InputName, title: unknown): DiscountUserErrorData[] {
  if (typeof title !== "string" || title.trim() === "") {
    return [{ field: [name, "title"], message: "Title can't be blank", code: "BLANK" }];
  }
  if (title.length > MAX_LENGTH) {
    return [{ field: [name, "title"], message: "Title is too long (maximum is 255 characters)", code: "TOO_LONG" }];
  }
  return [];
}

function codeErrors(shop: ShopState, name: InputName, code: unknown): DiscountUserErrorData[] {
  const field = [name, "code"];
  if (code === "") return [{ field, message: "Code is too short (minimum is 1 character)", code: "TOO_SHORT" }];
  if (typeof code !== "string" || code.trim() === "") return [{ field, message: "Code can't be blank", code: "BLANK" }];
  if (code.length > MAX_LENGTH) {
    return [{ field, message: "Code is too long (maximum is 255 characters)", code: "TOO_LONG" }];
  }
  if (/[\r\n]/.test(code)) return [{ field, message: "Code cannot contain newline characters.", code: "INVALID" }];
  // Codes are unique per shop, case-insensitively, across every discount that still exists — expired and
  // deactivated ones included; only deleting a discount frees its code.
  if (findDiscountByCode(shop, code)) {
    return [{ field, message: "Code must be unique. Please try a different code.", code: "TAKEN" }];
  }
  return [];
}

function dateErrors(name: InputName, input: Input): DiscountUserErrorData[] {
  if (!present(input, "startsAt")) {
    return [{ field: [name, "startsAt"], message: "Starts at can't be blank", code: "BLANK" }];
  }
  if (present(input, "endsAt") && Date.parse(String(input.endsAt)) <= Date.parse(String(input.startsAt))) {
    // API 2026-07 also lists END_DATE_BEFORE_START_DATE in DiscountErrorCode; the code recorded for this case is
    // INVALID, so the app should treat any userError here as a refusal rather than match one code.
    return [{ field: [name, "endsAt"], message: "Ends at needs to be after starts_at", code: "INVALID" }];
  }
  return [];
}

/** Who may use the code: 2025-10 `context`, or the deprecated `customerSelection` (never both). */
function eligibility(input: Input): { key: "context" | "customerSelection"; value: DiscountEligibility } {
  const key = present(input, "context") ? "context" : "customerSelection";
  const selection = object(input[key]);
  const customers = object(selection?.customers);
  const segments = object(selection?.customerSegments);
  if (customers) return { key, value: { kind: "customers", customerIds: strings(customers.add) } };
  if (segments) return { key, value: { kind: "segments", segmentIds: strings(segments.add) } };
  // Shopify documents context (or customerSelection) as required on create; its answer when both are missing is not
  // documented, so the stand-in makes the code usable by everyone, as `all` would.
  return { key, value: { kind: "all" } };
}

function eligibilityErrors(shop: ShopState, name: InputName, input: Input): DiscountUserErrorData[] {
  if (present(input, "context") && present(input, "customerSelection")) {
    return [
      {
        field: [name, "context"],
        message: "Only one of context or customerSelection can be provided.",
        code: "INVALID",
      },
    ];
  }
  const { key, value } = eligibility(input);
  if (value.kind !== "customers") return [];
  // A customer of another shop is as unknown as one that never existed. Shopify's message for this case could not
  // be confirmed; the stand-in follows the pattern Shopify uses for unknown products ("… with id: 0 is invalid").
  return value.customerIds
    .filter((id) => !shop.customers.has(id))
    .map((id) => ({
      field: [name, key, "customers", "add"],
      message: `Customer with id: ${parseGid(id) ? legacyId(id) : id} is invalid`,
      code: "INVALID",
    }));
}

function commonErrors(shop: ShopState, name: InputName, input: Input): DiscountUserErrorData[] {
  const errors = [...titleErrors(name, input.title), ...codeErrors(shop, name, input.code), ...dateErrors(name, input)];
  errors.push(...eligibilityErrors(shop, name, input));
  if (typeof input.usageLimit === "number" && input.usageLimit <= 0) {
    errors.push({ field: [name, "usageLimit"], message: "Usage limit must be greater than 0", code: "GREATER_THAN" });
  }
  const minimum = object(input.minimumRequirement);
  if (present(minimum ?? {}, "quantity") && present(minimum ?? {}, "subtotal")) {
    errors.push(
      {
        field: [name, "minimumRequirement", "subtotal", "greaterThanOrEqualToSubtotal"],
        message: "Minimum subtotal cannot be defined when minimum quantity is.",
        code: "CONFLICT",
      },
      {
        field: [name, "minimumRequirement", "quantity", "greaterThanOrEqualToQuantity"],
        message: "Minimum quantity cannot be defined when minimum subtotal is.",
        code: "CONFLICT",
      },
    );
  }
  return errors;
}

function minimumRequirement(input: Input): MinimumRequirement | null {
  const minimum = object(input.minimumRequirement);
  const subtotal = money(object(minimum?.subtotal)?.greaterThanOrEqualToSubtotal);
  if (subtotal !== null) return { kind: "subtotal", amount: subtotal };
  const quantity = object(minimum?.quantity)?.greaterThanOrEqualToQuantity;
  return typeof quantity === "string" ? { kind: "quantity", quantity } : null;
}

function common(input: Input) {
  const combinesWith = object(input.combinesWith);
  return {
    title: String(input.title),
    startsAt: dateTime(input.startsAt)!,
    endsAt: dateTime(input.endsAt),
    usageLimit: typeof input.usageLimit === "number" ? input.usageLimit : null,
    appliesOncePerCustomer: input.appliesOncePerCustomer === true,
    eligibility: eligibility(input).value,
    combinesWith: {
      orderDiscounts: combinesWith?.orderDiscounts === true,
      productDiscounts: combinesWith?.productDiscounts === true,
      shippingDiscounts: combinesWith?.shippingDiscounts === true,
    },
    minimumRequirement: minimumRequirement(input),
    recurringCycleLimit: typeof input.recurringCycleLimit === "number" ? input.recurringCycleLimit : null,
  };
}

const VALUE_KINDS = ["percentage", "discountAmount", "discountOnQuantity"] as const;

function valueErrors(name: InputName, value: Input | null): DiscountUserErrorData[] {
  const path = [name, "customerGets", "value"];
  const kinds = VALUE_KINDS.filter((kind) => present(value ?? {}, kind));
  if (kinds.length > 1) {
    // Shopify rejects this before validating anything else, as a top-level error rather than a userError.
    throw new GraphQLError("A discount can only have one of percentage, discountOnQuantity or discountAmount.", {
      extensions: { code: "BAD_REQUEST" },
    });
  }
  if (!value || kinds.length === 0) return [{ field: path, message: "Discount value must be defined.", code: "BLANK" }];
  if (kinds[0] === "discountOnQuantity") {
    // "Free product" on an amount-off code is `percentage: 1` on the chosen variants; discountOnQuantity is BXGY's.
    return [
      {
        field: [...path, "discountOnQuantity"],
        message: "discountOnQuantity field is only permitted with bxgy discounts.",
        code: "INVALID",
      },
    ];
  }
  if (kinds[0] === "percentage") {
    const percentage = Number(value.percentage);
    // Documented range: "Value must be between 0.00 - 1.00" (0 itself is refused). The message is not confirmed.
    const message = "Percentage value must be greater than 0 and less than or equal to 1";
    return percentage > 0 && percentage <= 1
      ? []
      : [{ field: [...path, "percentage"], message, code: "VALUE_OUTSIDE_RANGE" }];
  }
  const amount = money(object(value.discountAmount)?.amount);
  return amount !== null && amount > 0n
    ? []
    : [
        {
          field: [...path, "discountAmount", "amount"],
          message: "Amount must be greater than 0",
          code: "VALUE_OUTSIDE_RANGE",
        },
      ];
}

function value(input: Input): DiscountValue {
  if (present(input, "percentage")) return { kind: "percentage", percentage: Number(input.percentage) };
  const amount = object(input.discountAmount)!;
  return { kind: "amount", amount: money(amount.amount)!, appliesOnEachItem: amount.appliesOnEachItem === true };
}

function items(input: Input | null): DiscountItemsSelection {
  const products = object(input?.products);
  if (products) {
    return {
      kind: "products",
      productIds: strings(products.productsToAdd),
      variantIds: strings(products.productVariantsToAdd),
    };
  }
  const collections = object(input?.collections);
  if (collections) return { kind: "collections", collectionIds: strings(collections.add) };
  return { kind: "all" };
}

export function parseBasicCodeInput(shop: ShopState, input: Input): Result<BasicDiscountRecord> {
  const name: InputName = "basicCodeDiscount";
  const customerGets = object(input.customerGets);
  const valueInput = object(customerGets?.value);
  const errors = [...commonErrors(shop, name, input), ...valueErrors(name, valueInput)];
  if (errors.length > 0) return { ok: false, errors };
  const fields: Parsed<BasicDiscountRecord>["fields"] = {
    kind: "basic",
    ...common(input),
    customerGets: {
      value: value(valueInput!),
      items: items(object(customerGets?.items)),
      appliesOnOneTimePurchase: customerGets?.appliesOnOneTimePurchase !== false,
      appliesOnSubscription: customerGets?.appliesOnSubscription === true,
    },
  };
  return { ok: true, value: { code: String(input.code), fields } };
}

export function parseFreeShippingCodeInput(shop: ShopState, input: Input): Result<FreeShippingDiscountRecord> {
  const name: InputName = "freeShippingCodeDiscount";
  const errors: DiscountUserErrorData[] = [];
  // A shipping discount cannot combine with another shipping discount (only one shipping discount applies).
  if (object(input.combinesWith)?.shippingDiscounts === true) {
    errors.push({
      field: [name, "combinesWith"],
      message: "The combinesWith settings are not valid for the discount class.",
      code: "INVALID_COMBINES_WITH_FOR_DISCOUNT_CLASS",
    });
  }
  errors.push(...commonErrors(shop, name, input));
  if (errors.length > 0) return { ok: false, errors };
  const destination = object(input.destination);
  const countries = object(destination?.countries);
  const fields: Parsed<FreeShippingDiscountRecord>["fields"] = {
    kind: "freeShipping",
    ...common(input),
    destination: countries
      ? {
          kind: "countries",
          countries: strings(countries.add),
          includeRestOfWorld: countries.includeRestOfWorld === true,
        }
      : { kind: "all" },
    maximumShippingPrice: money(input.maximumShippingPrice),
    appliesOnOneTimePurchase: input.appliesOnOneTimePurchase !== false,
    appliesOnSubscription: input.appliesOnSubscription === true,
  };
  return { ok: true, value: { code: String(input.code), fields } };
}
