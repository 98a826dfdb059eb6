import { describe, expect, it } from "vitest";
import { earnForOrder } from "../../../app/rules/earning";
import { formatMinorUnits, toMinorUnits } from "../../../app/rules/money";
import { DEFAULT_PROGRAM_SETTINGS } from "../../../app/rules/program-settings";
import { PayloadError } from "../../../app/shopify/payload-error";
import { parseCancellation, parseCustomer, parsePaidOrder, parseRefund } from "../../../app/shopify/order-payloads";
import orderFixture from "../../fixtures/shopify/order-2026-07.json";
import refundFixture from "../../fixtures/shopify/refund-2026-07.json";
import customerFixture from "../../fixtures/shopify/customer-2026-07.json";

type Json = Record<string, unknown>;

/** A deep copy of a fixture to change freely. */
function copy<T>(fixture: T): T {
  return structuredClone(fixture);
}

/** The PayloadError `parse` throws; fails the test if it throws anything else or nothing. */
function payloadError(parse: () => unknown): PayloadError {
  try {
    parse();
  } catch (error) {
    if (error instanceof PayloadError) return error;
    throw error;
  }
  throw new Error("expected a PayloadError, nothing was thrown");
}

function money(amount: string, currency = "USD") {
  return { shop_money: { amount, currency_code: currency }, presentment_money: { amount, currency_code: currency } };
}

/** Every presentment_money turned into EUR at a rate of 0.5 EUR per USD, leaving shop_money alone. */
function presentedInEuros(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(presentedInEuros);
  if (typeof value !== "object" || value === null) return value;
  const result: Json = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === "presentment_money") {
      const usd = toMinorUnits(String((child as Json).amount), "USD");
      result[key] = { amount: formatMinorUnits(Math.floor(usd / 2), "EUR"), currency_code: "EUR" };
    } else {
      result[key] = presentedInEuros(child);
    }
  }
  return result;
}

describe("parsePaidOrder", () => {
  it("GIVEN customer_locale THEN the customer's language is one of the app's locales, or null for one it has not", () => {
    const locale = (value: unknown) => parsePaidOrder({ ...orderFixture, customer_locale: value }).customer?.locale;
    expect([locale("pl-PL"), locale("RU"), locale("ro"), locale("fr-FR"), locale(null), locale("")]).toEqual(["pl", "ru", "ro", null, null, null]);
    expect(() => parsePaidOrder({ ...orderFixture, customer_locale: 7 })).toThrow(/customer_locale/);
  });

  it("GIVEN the orders/paid fixture THEN every figure comes from shop_money in minor units", () => {
    expect(parsePaidOrder(orderFixture)).toEqual({
      orderId: "450789469",
      customer: { customerId: "207119551", email: "bob.norman@mail.example.com", firstName: "Bob", lastName: "Norman", locale: null },
      currency: "USD",
      taxesIncluded: false,
      discountCodes: ["TENOFF"],
      sourceName: "web",
      lines: [
        {
          lineItemId: "466157049",
          productId: "632910392",
          quantity: 1,
          giftCard: false,
          grossAmount: 19_900,
          discountAmount: 334,
          taxAmount: 398,
        },
        {
          lineItemId: "518995019",
          productId: "632910392",
          quantity: 1,
          giftCard: false,
          grossAmount: 19_900,
          discountAmount: 333,
          taxAmount: 398,
        },
        {
          lineItemId: "703073504",
          productId: "632910392",
          quantity: 1,
          giftCard: false,
          grossAmount: 19_900,
          discountAmount: 333,
          taxAmount: 398,
        },
      ],
      shipping: { netAmount: 0, taxAmount: 0 },
      paidAt: new Date("2008-01-10T16:00:00.000Z"),
    });
  });

  it("GIVEN a multi-currency order (shop USD, customer paid EUR) THEN shop money is used and earns as in USD", () => {
    const payload = { ...(presentedInEuros(orderFixture) as Json), presentment_currency: "EUR" };
    const parsed = parsePaidOrder(payload);
    expect(parsed.currency).toBe("USD");
    expect(parsed.lines.map((l) => [l.grossAmount, l.discountAmount, l.taxAmount])).toEqual([
      [19_900, 334, 398],
      [19_900, 333, 398],
      [19_900, 333, 398],
    ]);
    // Same 585 as the all-USD fixture; the EUR figures (99.50 per iPod) would have given 291.
    expect(earnForOrder(parsed, DEFAULT_PROGRAM_SETTINGS).totalPoints).toBe(585);
  });

  it("GIVEN a line with several units THEN gross is the unit price times the quantity", () => {
    const payload = copy(orderFixture);
    payload.line_items[0]!.quantity = 3;
    payload.line_items[0]!.price_set = money("19.99");
    expect(parsePaidOrder(payload).lines[0]?.grossAmount).toBe(5_997);
  });

  it("GIVEN a line-level and an order-level discount allocated to one line THEN they are added up", () => {
    const payload = copy(orderFixture);
    payload.line_items[0]!.discount_allocations.push({
      amount: "15.00",
      amount_set: money("15.00"),
      discount_application_index: 1,
    });
    expect(parsePaidOrder(payload).lines[0]?.discountAmount).toBe(1_834);
  });

  it("GIVEN a gift card line and a custom item THEN they are flagged and have no product", () => {
    const payload = copy(orderFixture) as Json & { line_items: Json[] };
    payload.line_items[0]!.gift_card = true;
    payload.line_items[1]!.product_id = null;
    const [giftCard, custom] = parsePaidOrder(payload).lines;
    expect(giftCard?.giftCard).toBe(true);
    expect(custom?.productId).toBeNull();
  });

  it("GIVEN tax-inclusive prices THEN taxesIncluded is true", () => {
    expect(parsePaidOrder({ ...orderFixture, taxes_included: true }).taxesIncluded).toBe(true);
  });

  it("GIVEN shipping lines THEN discounted prices count, removed lines do not, and shipping tax adds up", () => {
    const payload = {
      ...orderFixture,
      shipping_lines: [
        {
          id: 1,
          price_set: money("15.00"),
          discounted_price_set: money("10.50"),
          is_removed: false,
          tax_lines: [{ price_set: money("0.63") }, { price_set: money("0.21") }],
          discount_allocations: [{ amount_set: money("4.50") }],
        },
        // No discounted price: the price less its discount allocations.
        { id: 2, price_set: money("8.00"), discount_allocations: [{ amount_set: money("3.00") }], tax_lines: [] },
        { id: 3, price_set: money("99.00"), discounted_price_set: money("99.00"), is_removed: true, tax_lines: [] },
      ],
    };
    expect(parsePaidOrder(payload).shipping).toEqual({ netAmount: 1_050 + 500, taxAmount: 84 });
  });

  it("GIVEN a guest checkout THEN the customer is null", () => {
    expect(parsePaidOrder({ ...orderFixture, customer: null }).customer).toBeNull();
    const { customer: _customer, ...withoutCustomer } = orderFixture;
    expect(parsePaidOrder(withoutCustomer).customer).toBeNull();
  });

  it("GIVEN no processed_at THEN the order's created_at is the paid time", () => {
    const payload = { ...orderFixture, processed_at: null, created_at: "2026-07-02T09:30:00+02:00" };
    expect(parsePaidOrder(payload).paidAt).toEqual(new Date("2026-07-02T07:30:00Z"));
  });

  it("GIVEN a JPY shop THEN yen amounts are whole minor units and earn one point per yen", () => {
    const payload = copy(orderFixture) as Json & { line_items: Json[] };
    payload.currency = "JPY";
    payload.shipping_lines = [];
    payload.line_items = [
      { ...payload.line_items[0], price_set: money("1500", "JPY"), discount_allocations: [], tax_lines: [] },
    ];
    const parsed = parsePaidOrder(payload);
    expect(parsed.lines[0]?.grossAmount).toBe(1_500);
    expect(earnForOrder(parsed, DEFAULT_PROGRAM_SETTINGS).totalPoints).toBe(1_500);
  });

  it("GIVEN a KWD shop THEN amounts keep three decimals", () => {
    const payload = copy(orderFixture) as Json & { line_items: Json[] };
    payload.currency = "KWD";
    payload.shipping_lines = [];
    payload.line_items = [
      {
        ...payload.line_items[0],
        price_set: money("12.345", "KWD"),
        discount_allocations: [{ amount_set: money("0.345", "KWD") }],
        tax_lines: [],
      },
    ];
    const parsed = parsePaidOrder(payload);
    expect(parsed.lines[0]).toMatchObject({ grossAmount: 12_345, discountAmount: 345 });
    expect(earnForOrder(parsed, DEFAULT_PROGRAM_SETTINGS).totalPoints).toBe(12);
  });

  it("GIVEN amounts written as JSON numbers THEN they are read exactly", () => {
    const payload = copy(orderFixture) as Json & { line_items: Json[] };
    payload.line_items[0]!.price_set = { shop_money: { amount: 10.99, currency_code: "USD" } };
    expect(parsePaidOrder(payload).lines[0]?.grossAmount).toBe(1_099);
  });

  describe("ids", () => {
    it("GIVEN ids as strings THEN they are accepted", () => {
      const { admin_graphql_api_id: _gid, ...payload } = { ...orderFixture, id: "450789469" };
      expect(parsePaidOrder(payload).orderId).toBe("450789469");
    });

    it("GIVEN an id beyond 2^53 (rounded by JSON.parse) THEN the exact digits come from admin_graphql_api_id", () => {
      const body = JSON.stringify({
        ...orderFixture,
        id: 0, // replaced below with a literal JSON.parse cannot hold exactly
        admin_graphql_api_id: "gid://shopify/Order/9007199254740993",
      }).replace('"id":0', '"id":9007199254740993');
      expect(parsePaidOrder(JSON.parse(body)).orderId).toBe("9007199254740993");
    });

    it("GIVEN an id beyond 2^53 and no admin_graphql_api_id THEN the payload is refused", () => {
      const { admin_graphql_api_id: _gid, ...payload } = { ...orderFixture, id: 2 ** 60 };
      expect(payloadError(() => parsePaidOrder(payload)).message).toBe(
        `order.id: ${2 ** 60} is beyond 2^53 and was rounded by JSON parsing; no admin_graphql_api_id to read it from`,
      );
    });

    it("GIVEN id and admin_graphql_api_id that disagree THEN the payload is refused", () => {
      expect(payloadError(() => parsePaidOrder({ ...orderFixture, id: 1 })).message).toBe(
        "order.id: 1 disagrees with admin_graphql_api_id gid://shopify/Order/450789469",
      );
    });

    it("GIVEN a GraphQL id of another resource type THEN the payload is refused", () => {
      const payload = { ...orderFixture, admin_graphql_api_id: "gid://shopify/Customer/450789469" };
      expect(payloadError(() => parsePaidOrder(payload)).message).toBe(
        'order.id (admin_graphql_api_id): expected gid://shopify/Order/<id>, got "gid://shopify/Customer/450789469"',
      );
    });
  });

  describe("malformed payloads", () => {
    function withLine(change: (line: Json) => void): Json {
      const payload = copy(orderFixture) as Json & { line_items: Json[] };
      change(payload.line_items[0]!);
      return payload;
    }

    const cases: Array<[string, unknown, string]> = [
      ["not an object", null, "orders/paid payload: expected an object, got null"],
      ["an array", [], "orders/paid payload: expected an object, got []"],
      [
        "no order id",
        { ...orderFixture, id: undefined, admin_graphql_api_id: undefined },
        "order.id: expected a numeric id, got missing",
      ],
      ["no line items", { ...orderFixture, line_items: undefined }, "line_items: missing"],
      ["line items not a list", { ...orderFixture, line_items: {} }, "line_items: expected an array, got {}"],
      [
        "a non-numeric amount",
        withLine((l) => (l.price_set = money("abc"))),
        'line_items[0].price_set.shop_money.amount: "abc" is not a decimal amount',
      ],
      [
        "sub-cent amount",
        withLine((l) => (l.price_set = money("199.001"))),
        'line_items[0].price_set.shop_money.amount: "199.001" has more decimal places than USD allows (2)',
      ],
      [
        "a negative quantity",
        withLine((l) => (l.quantity = -1)),
        "line_items[0].quantity: expected a whole number of units ≥ 0, got -1",
      ],
      [
        "a fractional quantity",
        withLine((l) => (l.quantity = 1.5)),
        "line_items[0].quantity: expected a whole number of units ≥ 0, got 1.5",
      ],
      [
        "a negative discount",
        withLine((l) => (l.discount_allocations = [{ amount_set: money("-1.00") }])),
        'line_items[0].discount_allocations[0].amount_set.shop_money.amount: expected an amount ≥ 0, got "-1.00"',
      ],
      [
        "no price",
        withLine((l) => delete l.price_set),
        "line_items[0].price_set: expected an object, got missing",
      ],
      [
        "no gift_card flag",
        withLine((l) => delete l.gift_card),
        "line_items[0].gift_card: expected true or false, got missing",
      ],
      [
        "shop money in another currency",
        withLine((l) => (l.tax_lines = [{ price_set: money("3.98", "EUR") }])),
        'line_items[0].tax_lines[0].price_set.shop_money.currency_code: expected the shop currency USD, got "EUR"',
      ],
      [
        "no taxes_included",
        { ...orderFixture, taxes_included: undefined },
        "taxes_included: expected true or false, got missing",
      ],
      [
        "a time without offset",
        { ...orderFixture, processed_at: "2008-01-10 11:00" },
        'processed_at: expected an ISO 8601 time with offset, got "2008-01-10 11:00"',
      ],
      [
        "a customer without id",
        { ...orderFixture, customer: { email: "x@example.com" } },
        "customer.id: expected a numeric id, got missing",
      ],
      [
        "a line item twice",
        { ...orderFixture, line_items: [orderFixture.line_items[0], orderFixture.line_items[0]] },
        "line_items: line item 466157049 appears twice",
      ],
    ];

    it.each(cases)("GIVEN %s THEN parsing throws a PayloadError naming the field", (_name, payload, message) => {
      expect(payloadError(() => parsePaidOrder(payload)).message).toBe(message);
    });
  });
});

describe("parseRefund", () => {
  it("GIVEN the refunds/create fixture THEN its lines, order and time are read", () => {
    expect(parseRefund(refundFixture)).toEqual({
      refundId: "509562969",
      orderId: "450789469",
      lines: [
        { lineItemId: "703073504", quantity: 1 },
        { lineItemId: "466157049", quantity: 1 },
      ],
      shippingAmount: 0,
      createdAt: new Date("2025-04-02T16:38:15.000Z"),
    });
  });

  it("GIVEN refund shipping lines THEN their shop subtotals are the shipping refunded (adjustments ignored)", () => {
    const payload = {
      ...refundFixture,
      refund_shipping_lines: [{ id: 1, shipping_line_id: 2, subtotal_amount_set: money("5.00") }],
      order_adjustments: [{ id: 3, kind: "shipping_refund", amount_set: money("-5.00") }],
    };
    expect(parseRefund(payload).shippingAmount).toBe(500);
  });

  it("GIVEN only a shipping_refund order adjustment THEN its negative amount counts as shipping refunded", () => {
    const payload = {
      ...refundFixture,
      order_adjustments: [
        { id: 3, kind: "shipping_refund", amount_set: money("-4.25") },
        { id: 4, kind: "refund_discrepancy", amount_set: money("-1.00") },
      ],
    };
    expect(parseRefund(payload).shippingAmount).toBe(425);
  });

  it("GIVEN one line refunded from two locations THEN its quantities are added", () => {
    const [first] = refundFixture.refund_line_items;
    const payload = {
      ...refundFixture,
      refund_line_items: [
        { ...first, quantity: 1 },
        { ...first, id: 1, quantity: 2, location_id: 99 },
      ],
    };
    expect(parseRefund(payload).lines).toEqual([{ lineItemId: "703073504", quantity: 3 }]);
  });

  it("GIVEN a line item id beyond 2^53 THEN the exact id comes from the nested line item's GraphQL id", () => {
    const [first] = refundFixture.refund_line_items;
    const payload = {
      ...refundFixture,
      refund_line_items: [
        {
          ...first,
          line_item_id: 2 ** 60,
          line_item: { admin_graphql_api_id: "gid://shopify/LineItem/1152921504606846977" },
        },
      ],
    };
    expect(parseRefund(payload).lines).toEqual([{ lineItemId: "1152921504606846977", quantity: 1 }]);
  });

  it("GIVEN malformed refunds THEN parsing throws a PayloadError naming the field", () => {
    expect(payloadError(() => parseRefund({ ...refundFixture, order_id: null })).message).toBe(
      "order_id: expected a numeric id, got null",
    );
    const [first] = refundFixture.refund_line_items;
    const negative = { ...refundFixture, refund_line_items: [{ ...first, quantity: -2 }] };
    expect(payloadError(() => parseRefund(negative)).message).toBe(
      "refund_line_items[0].quantity: expected a whole number of units ≥ 0, got -2",
    );
    const noLine = { ...refundFixture, refund_line_items: [{ quantity: 1 }] };
    expect(payloadError(() => parseRefund(noLine)).message).toBe(
      "refund_line_items[0].line_item_id: expected a numeric id, got missing",
    );
    const badShipping = { ...refundFixture, refund_shipping_lines: [{ subtotal_amount_set: money("five") }] };
    expect(payloadError(() => parseRefund(badShipping)).message).toBe(
      'refund_shipping_lines[0].subtotal_amount_set.shop_money.amount: "five" is not a decimal amount',
    );
  });
});

describe("parseCancellation", () => {
  it("GIVEN a cancelled order THEN its id and cancellation time are read", () => {
    expect(parseCancellation(orderFixture)).toEqual({
      orderId: "450789469",
      cancelledAt: new Date("2025-04-02T16:31:21.000Z"),
    });
  });

  it("GIVEN cancelled_at is null THEN the payload is refused", () => {
    expect(payloadError(() => parseCancellation({ ...orderFixture, cancelled_at: null })).message).toBe(
      "cancelled_at: is empty: the order is not cancelled",
    );
  });
});

describe("parseCustomer", () => {
  it("GIVEN the customers/create fixture THEN the profile is read", () => {
    expect(parseCustomer(customerFixture)).toEqual({
      customerId: "207119551",
      email: "bob.norman@mail.example.com",
      firstName: "Bob",
      lastName: "Norman",
    });
  });

  it("GIVEN a customer without email or names THEN those are null", () => {
    const payload = { ...customerFixture, email: null, first_name: "", last_name: undefined };
    expect(parseCustomer(payload)).toEqual({ customerId: "207119551", email: null, firstName: null, lastName: null });
  });

  it("GIVEN a malformed customer THEN the payload is refused", () => {
    expect(payloadError(() => parseCustomer({ email: "x@example.com" })).message).toBe(
      "customer.id: expected a numeric id, got missing",
    );
    expect(payloadError(() => parseCustomer({ ...customerFixture, email: 42 })).message).toBe(
      "customer.email: expected a string, got 42",
    );
  });
});

describe("what would fail when applied is refused when the delivery arrives", () => {
  it("GIVEN a NUL character in a name, an email or a discount code THEN refused naming the field", () => {
    const withNulName = copy(orderFixture) as Json;
    (withNulName.customer as Json).first_name = "Bob\u0000";
    expect(payloadError(() => parsePaidOrder(withNulName)).message).toBe("customer.first_name: contains a NUL character (U+0000)");
    const withNulCode = { ...copy(orderFixture), discount_codes: [{ code: "SAVE\u000010", amount: "1.00", type: "fixed_amount" }] };
    expect(payloadError(() => parsePaidOrder(withNulCode)).message).toBe("discount_codes[0].code: contains a NUL character (U+0000)");
    expect(payloadError(() => parseCustomer({ ...copy(customerFixture), email: "a\u0000@example.com" })).message).toMatch(/^customer\.email: contains a NUL/);
  });

  it("GIVEN times before 2000, more than a day ahead, or with fields out of range THEN refused", () => {
    const at = (processed_at: string) => () => parsePaidOrder({ ...copy(orderFixture), processed_at });
    expect(payloadError(at("1999-12-31T23:59:59Z")).message).toMatch(/^processed_at: "1999-12-31T23:59:59Z" is not a time this event can have/);
    expect(payloadError(at("9999-12-31T23:59:59Z")).message).toMatch(/is not a time this event can have/);
    expect(payloadError(at(new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString())).message).toMatch(/is not a time this event can have/);
    expect(payloadError(at("2025-02-30T10:00:00Z")).message).toMatch(/expected an ISO 8601 time/);
    expect(payloadError(at("2025-02-10T24:00:00Z")).message).toMatch(/expected an ISO 8601 time/);
    expect(parsePaidOrder({ ...copy(orderFixture), processed_at: new Date(Date.now() + 3600 * 1000).toISOString() }).paidAt).toBeInstanceOf(Date);
    expect(payloadError(() => parseCancellation({ ...copy(orderFixture), cancelled_at: "0001-01-01T00:00:00Z" })).message).toMatch(/^cancelled_at: /);
  });

  it("GIVEN an id longer than Shopify's 64-bit ids THEN refused", () => {
    const long = "1".repeat(21);
    expect(payloadError(() => parsePaidOrder({ ...copy(orderFixture), id: long, admin_graphql_api_id: `gid://shopify/Order/${long}` })).message).toMatch(/^order\.id/);
    expect(payloadError(() => parseRefund({ ...copy(refundFixture), order_id: long })).message).toMatch(/^order_id: expected a numeric id/);
  });
});

describe("parsePaidOrder: where the order was placed", () => {
  it("GIVEN a POS order THEN its source_name is kept (POS-only campaigns read it); none is null", () => {
    const body = structuredClone(orderFixture) as Record<string, unknown>;
    expect(parsePaidOrder({ ...body, source_name: "pos", location_id: 655441491 }).sourceName).toBe("pos");
    expect(parsePaidOrder({ ...body, source_name: undefined }).sourceName).toBe(null);
  });
});
