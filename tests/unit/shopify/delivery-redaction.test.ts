import { describe, expect, it } from "vitest";
import { concernsCustomer, eraseCustomerFromDelivery, withoutPersonalData } from "../../../app/shopify/delivery-redaction";
import { parseCancellation, parseCustomer, parsePaidOrder, parseRefund } from "../../../app/shopify/order-payloads";
import { parseCustomerRedact, parseDataRequest } from "../../../app/shopify/privacy-payloads";
import orderFixture from "../../fixtures/shopify/order-2026-07.json";
import refundFixture from "../../fixtures/shopify/refund-2026-07.json";
import customerFixture from "../../fixtures/shopify/customer-2026-07.json";

const anonymous = { email: null, firstName: null, lastName: null };
const cancelled = { ...orderFixture, cancelled_at: "2026-11-20T10:00:00-05:00" };
const redact = { shop_id: 1, shop_domain: "tea.myshopify.com", customer: { id: 207119551, email: "bob@example.com", phone: "+1555" }, orders_to_redact: [450789469] };
const dataRequest = { ...redact, orders_requested: [450789469], orders_to_redact: undefined, data_request: { id: 9 } };

describe("withoutPersonalData", () => {
  it("GIVEN Shopify's bodies THEN every parser reads the same from what is kept, except the customer's name and email", () => {
    const order = parsePaidOrder(orderFixture);
    expect(parsePaidOrder(withoutPersonalData(orderFixture))).toEqual({ ...order, customer: { ...order.customer, ...anonymous } });
    expect(parseCancellation(withoutPersonalData(cancelled))).toEqual(parseCancellation(cancelled));
    expect(parseRefund(withoutPersonalData(refundFixture))).toEqual(parseRefund(refundFixture));
    expect(parseCustomer(withoutPersonalData(customerFixture))).toEqual({ ...parseCustomer(customerFixture), ...anonymous });
    expect(parseCustomerRedact(withoutPersonalData(redact))).toEqual(parseCustomerRedact(redact));
    expect(parseDataRequest(withoutPersonalData(dataRequest))).toEqual(parseDataRequest(dataRequest));
  });

  it("GIVEN the order fixture THEN no email, name, address, phone or IP is left", () => {
    const kept = JSON.stringify(withoutPersonalData(orderFixture));
    for (const value of ["bob.norman", "Bob", "Norman", "Chestnut", "Louisville", "40202", "+16136120707", "0.0.0.0", "browser_ip", "note"]) {
      expect(kept).not.toContain(value);
    }
  });
});

describe("concernsCustomer", () => {
  const who = { customerId: "207119551", orderIds: new Set(["450789469"]) };
  const stranger = { customerId: "1", orderIds: new Set(["2"]) };

  it("recognises the customer's orders, refunds of their orders, their profile and compliance requests", () => {
    for (const [topic, body] of [
      ["orders/paid", orderFixture],
      ["orders/paid", { ...orderFixture, customer: null }], // by the order id in orders_to_redact
      ["orders/cancelled", cancelled],
      ["refunds/create", { ...refundFixture, order_id: 450789469 }],
      ["customers/update", customerFixture],
      ["customers/redact", redact],
      ["customers/data_request", dataRequest],
    ] as const) {
      expect(concernsCustomer(topic, body, who), topic).toBe(true);
      expect(concernsCustomer(topic, body, stranger), topic).toBe(false);
    }
    expect(concernsCustomer("app/uninstalled", { id: 207119551 }, who)).toBe(false);
  });

  it("GIVEN a body about someone else THEN the eraser leaves it alone (null)", () => {
    expect(eraseCustomerFromDelivery("customers/update", JSON.stringify(customerFixture), stranger)).toBeNull();
    expect(eraseCustomerFromDelivery("customers/update", JSON.stringify(customerFixture), who)).not.toContain("bob.norman");
  });
});
