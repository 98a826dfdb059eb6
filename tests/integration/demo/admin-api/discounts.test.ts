// The Admin API stand-in's discount codes and store credit: the operations the redemption feature sends, answered
// with Shopify's behaviour (unique codes, userErrors instead of partial writes, status by date, per-shop state) and
// with the faults the app must survive, including the one where Shopify applied a mutation but the answer was lost.
import { describe, expect, it } from "vitest";
import { isInterfaceType, isObjectType } from "graphql";
import { unauthenticated } from "../../../../app/shopify.server";
import { discountStatus, loadAdminSchema, redeemDiscountCode, type Fault } from "../../../../app/demo/admin-api";
import type { View } from "../../../../app/demo/admin-api/context";
import { installAdminApiStandIn } from "../../../../app/demo/admin-api/vitest";
import { codeDiscountNodeView } from "../../../../app/demo/admin-api/views/discounts";
import { storeCreditAccountView } from "../../../../app/demo/admin-api/views/store-credit";
import { installShop, uniqueShop } from "../../../support/shopify-requests";

const standIn = installAdminApiStandIn();
const API_URL = (shop: string) => `https://${shop}/admin/api/2026-10/graphql.json`;

// The documents below are the ones the app can reuse (app/shopify/reward-operations.ts asks for a subset).
const CREATE_BASIC = `#graphql
  mutation RewardCodeBasicCreate($input: DiscountCodeBasicInput!) {
    discountCodeBasicCreate(basicCodeDiscount: $input) {
      codeDiscountNode {
        id
        codeDiscount {
          __typename
          ... on DiscountCodeBasic {
            title status startsAt endsAt usageLimit appliesOncePerCustomer asyncUsageCount discountClass
            codes(first: 1) { nodes { id code asyncUsageCount } }
            combinesWith { productDiscounts orderDiscounts shippingDiscounts }
            minimumRequirement { ... on DiscountMinimumSubtotal { greaterThanOrEqualToSubtotal { amount currencyCode } } }
            customerGets {
              value {
                __typename
                ... on DiscountAmount { amount { amount currencyCode } appliesOnEachItem }
                ... on DiscountPercentage { percentage }
              }
              items { __typename ... on DiscountProducts { productVariants(first: 5) { nodes { id } } } }
            }
            context { __typename ... on DiscountCustomers { customers { id } } ... on DiscountBuyerSelectionAll { all } }
            customerSelection { __typename }
          }
        }
      }
      userErrors { field code message }
    }
  }`;

const CREATE_FREE_SHIPPING = `#graphql
  mutation RewardCodeFreeShippingCreate($input: DiscountCodeFreeShippingInput!) {
    discountCodeFreeShippingCreate(freeShippingCodeDiscount: $input) {
      codeDiscountNode {
        id
        codeDiscount {
          __typename
          ... on DiscountCodeFreeShipping {
            status endsAt discountClass
            codes(first: 1) { nodes { code } }
            destinationSelection { __typename }
            context { __typename ... on DiscountCustomers { customers { id } } }
          }
        }
      }
      userErrors { field code message }
    }
  }`;

const LOOK_UP = `#graphql
  query RewardCodeLookUp($code: String!) {
    codeDiscountNodeByCode(code: $code) {
      id
      codeDiscount {
        __typename
        ... on DiscountCodeBasic { status asyncUsageCount endsAt }
        ... on DiscountCodeFreeShipping { status asyncUsageCount endsAt }
      }
    }
  }`;

const BY_ID = `#graphql
  query RewardCodeById($id: ID!) {
    codeDiscountNode(id: $id) { id }
    node(id: $id) { id ... on DiscountCodeNode { codeDiscount { __typename } } }
  }`;

const DEACTIVATE = `#graphql
  mutation RewardCodeDeactivate($id: ID!) {
    discountCodeDeactivate(id: $id) {
      codeDiscountNode {
        id
        codeDiscount {
          ... on DiscountCodeBasic { status endsAt }
          ... on DiscountCodeFreeShipping { status endsAt }
        }
      }
      userErrors { field code message }
    }
  }`;

const DELETE = `#graphql
  mutation RewardCodeDelete($id: ID!) {
    discountCodeDelete(id: $id) {
      deletedCodeDiscountId
      userErrors { field code message }
    }
  }`;

const CREDIT = `#graphql
  mutation RewardStoreCreditCredit($id: ID!, $creditInput: StoreCreditAccountCreditInput!) {
    storeCreditAccountCredit(id: $id, creditInput: $creditInput) {
      storeCreditAccountTransaction {
        id
        amount { amount currencyCode }
        balanceAfterTransaction { amount currencyCode }
        expiresAt
        event
        account { id balance { amount currencyCode } }
      }
      userErrors { field code message }
    }
  }`;

const STORE_CREDIT_ACCOUNTS = `#graphql
  query CustomerStoreCredit($id: ID!) {
    customer(id: $id) {
      id
      storeCreditAccounts(first: 10) { nodes { id balance { amount currencyCode } } }
    }
  }`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;

async function post(shop: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(API_URL(shop), {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "shpat_test" },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Body };
}

const HOUR = 3_600_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

/** A shop with one customer, and the input the app sends for a single-use code for that customer. */
function givenShop(currencyCode = "EUR") {
  const shop = uniqueShop();
  standIn.seedShop(shop, { currencyCode });
  const customerId = standIn.seedCustomer(shop, { firstName: "Ada" });
  const input = (overrides: Record<string, unknown> = {}) => ({
    title: "Loyalty reward",
    code: `LOYAL-${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
    startsAt: at(-HOUR),
    endsAt: at(30 * 24 * HOUR),
    usageLimit: 1,
    appliesOncePerCustomer: true,
    context: { customers: { add: [customerId] } },
    combinesWith: { productDiscounts: false, orderDiscounts: false, shippingDiscounts: true },
    customerGets: { value: { discountAmount: { amount: "5.00", appliesOnEachItem: false } }, items: { all: true } },
    ...overrides,
  });
  const discounts = () => standIn.state.shops.get(shop)!.discounts;
  return { shop, customerId, input, discounts };
}

async function createBasic(shop: string, input: Record<string, unknown>) {
  const { body } = await post(shop, CREATE_BASIC, { input });
  return body.data.discountCodeBasicCreate as Body;
}

describe("Admin API stand-in: creating discount codes", () => {
  it("GIVEN a customer WHEN the app creates a fixed-amount code through its client THEN Shopify's payload comes back and the code exists", async () => {
    const { shop, customerId, input, discounts } = givenShop("EUR");
    await installShop(shop);
    const { admin } = await unauthenticated.admin(shop);

    const variables = {
      input: input({ code: "THANKS-5", minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: "20.00" } } }),
    };
    const response = await admin.graphql(CREATE_BASIC, { variables });
    const body = (await response.json()) as Body;

    const payload = body.data.discountCodeBasicCreate;
    expect(payload.userErrors).toEqual([]);
    expect(payload.codeDiscountNode.id).toMatch(/^gid:\/\/shopify\/DiscountCodeNode\/\d+$/);
    expect(payload.codeDiscountNode.codeDiscount).toMatchObject({
      __typename: "DiscountCodeBasic",
      status: "ACTIVE",
      usageLimit: 1,
      appliesOncePerCustomer: true,
      asyncUsageCount: 0,
      discountClass: "ORDER",
      codes: { nodes: [{ code: "THANKS-5", asyncUsageCount: 0 }] },
      combinesWith: { productDiscounts: false, orderDiscounts: false, shippingDiscounts: true },
      minimumRequirement: { greaterThanOrEqualToSubtotal: { amount: "20.0", currencyCode: "EUR" } },
      customerGets: {
        value: {
          __typename: "DiscountAmount",
          amount: { amount: "5.0", currencyCode: "EUR" },
          appliesOnEachItem: false,
        },
        items: { __typename: "AllDiscountItems" },
      },
      context: { __typename: "DiscountCustomers", customers: [{ id: customerId }] },
      customerSelection: { __typename: "DiscountCustomers" },
    });
    // Shopify writes DateTimes back in UTC, to the second.
    expect(payload.codeDiscountNode.codeDiscount.endsAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // A mutation is charged 10 points plus the objects it returns, and never less than it requested.
    expect(body.extensions.cost.requestedQueryCost).toBeGreaterThanOrEqual(10);
    expect(body.extensions.cost.actualQueryCost).toBe(body.extensions.cost.requestedQueryCost);
    expect([...discounts().values()].map((discount) => discount.codes[0]!.code)).toEqual(["THANKS-5"]);
  });

  it("creates percentage-off and free-product codes (100% off the chosen variants, a product discount)", async () => {
    const { shop, input } = givenShop();
    const percent = await createBasic(
      shop,
      input({ customerGets: { value: { percentage: 0.15 }, items: { all: true } } }),
    );
    expect(percent.userErrors).toEqual([]);
    expect(percent.codeDiscountNode.codeDiscount.customerGets.value).toEqual({
      __typename: "DiscountPercentage",
      percentage: 0.15,
    });

    const variant = "gid://shopify/ProductVariant/4711";
    const product = await createBasic(
      shop,
      input({ customerGets: { value: { percentage: 1 }, items: { products: { productVariantsToAdd: [variant] } } } }),
    );
    expect(product.userErrors).toEqual([]);
    expect(product.codeDiscountNode.codeDiscount).toMatchObject({
      discountClass: "PRODUCT",
      customerGets: {
        value: { percentage: 1 },
        items: { __typename: "DiscountProducts", productVariants: { nodes: [{ id: variant }] } },
      },
    });
  });

  it("creates a free-shipping code; a shipping discount may not combine with other shipping discounts", async () => {
    const { shop, customerId, input, discounts } = givenShop();
    const { customerGets: _unused, ...base } = input();
    const shipping = {
      ...base,
      combinesWith: { productDiscounts: true, orderDiscounts: true, shippingDiscounts: false },
      destination: { all: true },
    };

    const created = (await post(shop, CREATE_FREE_SHIPPING, { input: shipping })).body.data
      .discountCodeFreeShippingCreate;
    expect(created.userErrors).toEqual([]);
    expect(created.codeDiscountNode.codeDiscount).toMatchObject({
      __typename: "DiscountCodeFreeShipping",
      status: "ACTIVE",
      discountClass: "SHIPPING",
      codes: { nodes: [{ code: shipping.code }] },
      destinationSelection: { __typename: "DiscountCountryAll" },
      context: { customers: [{ id: customerId }] },
    });

    const refused = (
      await post(shop, CREATE_FREE_SHIPPING, {
        input: { ...shipping, code: "SHIP-TWICE", combinesWith: { shippingDiscounts: true } },
      })
    ).body.data.discountCodeFreeShippingCreate;
    expect(refused).toEqual({
      codeDiscountNode: null,
      userErrors: [
        {
          field: ["freeShippingCodeDiscount", "combinesWith"],
          code: "INVALID_COMBINES_WITH_FOR_DISCOUNT_CLASS",
          message: "The combinesWith settings are not valid for the discount class.",
        },
      ],
    });
    expect(discounts().size).toBe(1);
  });

  it("accepts the deprecated customerSelection instead of context, but not both", async () => {
    const { shop, customerId, input } = givenShop();
    const { context: _context, ...withoutContext } = input();
    const old = await createBasic(shop, { ...withoutContext, customerSelection: { customers: { add: [customerId] } } });
    expect(old.userErrors).toEqual([]);
    expect(old.codeDiscountNode.codeDiscount.context).toEqual({
      __typename: "DiscountCustomers",
      customers: [{ id: customerId }],
    });

    const both = await createBasic(shop, input({ customerSelection: { all: true } }));
    expect(both.userErrors).toEqual([
      {
        field: ["basicCodeDiscount", "context"],
        code: "INVALID",
        message: "Only one of context or customerSelection can be provided.",
      },
    ]);
  });

  it("GIVEN a code exists WHEN the same code is created in any letter case THEN TAKEN and nothing is created", async () => {
    const { shop, input, discounts } = givenShop();
    const first = await createBasic(shop, input({ code: "Welcome-Back" }));
    expect(first.userErrors).toEqual([]);

    const again = await createBasic(shop, input({ code: "WELCOME-back" }));
    expect(again).toEqual({
      codeDiscountNode: null,
      userErrors: [
        {
          field: ["basicCodeDiscount", "code"],
          code: "TAKEN",
          message: "Code must be unique. Please try a different code.",
        },
      ],
    });
    expect(discounts().size).toBe(1);

    // Still taken once deactivated (the discount still exists); free again once deleted.
    await post(shop, DEACTIVATE, { id: first.codeDiscountNode.id });
    expect((await createBasic(shop, input({ code: "welcome-back" }))).userErrors[0].code).toBe("TAKEN");
    await post(shop, DELETE, { id: first.codeDiscountNode.id });
    expect((await createBasic(shop, input({ code: "welcome-back" }))).userErrors).toEqual([]);
  });

  it("GIVEN invalid input THEN userErrors name the field and nothing is created", async () => {
    const { shop, input, discounts } = givenShop();
    const other = uniqueShop();
    const strangerId = standIn.seedCustomer(other, { firstName: "Bo" });
    const cases: Array<[string, Record<string, unknown>, { field: string[]; code: string; message?: string }]> = [
      [
        "percentage over 1",
        { customerGets: { value: { percentage: 1.5 }, items: { all: true } } },
        {
          field: ["basicCodeDiscount", "customerGets", "value", "percentage"],
          code: "VALUE_OUTSIDE_RANGE",
        },
      ],
      [
        "percentage 0",
        { customerGets: { value: { percentage: 0 }, items: { all: true } } },
        {
          field: ["basicCodeDiscount", "customerGets", "value", "percentage"],
          code: "VALUE_OUTSIDE_RANGE",
        },
      ],
      [
        "zero amount",
        { customerGets: { value: { discountAmount: { amount: "0" } }, items: { all: true } } },
        {
          field: ["basicCodeDiscount", "customerGets", "value", "discountAmount", "amount"],
          code: "VALUE_OUTSIDE_RANGE",
        },
      ],
      [
        "no value",
        { customerGets: { items: { all: true } } },
        {
          field: ["basicCodeDiscount", "customerGets", "value"],
          code: "BLANK",
          message: "Discount value must be defined.",
        },
      ],
      [
        "discountOnQuantity (BXGY only)",
        {
          customerGets: {
            value: { discountOnQuantity: { quantity: "1", effect: { percentage: 1 } } },
            items: { all: true },
          },
        },
        {
          field: ["basicCodeDiscount", "customerGets", "value", "discountOnQuantity"],
          code: "INVALID",
          message: "discountOnQuantity field is only permitted with bxgy discounts.",
        },
      ],
      [
        "endsAt before startsAt",
        { startsAt: at(HOUR), endsAt: at(-HOUR) },
        {
          field: ["basicCodeDiscount", "endsAt"],
          code: "INVALID",
          message: "Ends at needs to be after starts_at",
        },
      ],
      [
        "unknown customer",
        { context: { customers: { add: ["gid://shopify/Customer/999999999"] } } },
        {
          field: ["basicCodeDiscount", "context", "customers", "add"],
          code: "INVALID",
        },
      ],
      [
        "another shop's customer",
        { context: { customers: { add: [strangerId] } } },
        {
          field: ["basicCodeDiscount", "context", "customers", "add"],
          code: "INVALID",
        },
      ],
      [
        "missing code",
        { code: null },
        { field: ["basicCodeDiscount", "code"], code: "BLANK", message: "Code can't be blank" },
      ],
      ["empty code", { code: "" }, { field: ["basicCodeDiscount", "code"], code: "TOO_SHORT" }],
      [
        "missing title",
        { title: null },
        { field: ["basicCodeDiscount", "title"], code: "BLANK", message: "Title can't be blank" },
      ],
      ["missing startsAt", { startsAt: null }, { field: ["basicCodeDiscount", "startsAt"], code: "BLANK" }],
      ["usage limit 0", { usageLimit: 0 }, { field: ["basicCodeDiscount", "usageLimit"], code: "GREATER_THAN" }],
    ];
    for (const [name, overrides, expected] of cases) {
      const payload = await createBasic(shop, input(overrides));
      expect(payload.codeDiscountNode, name).toBeNull();
      expect(payload.userErrors, name).toEqual([expect.objectContaining(expected)]);
    }
    expect(discounts().size).toBe(0);
  });

  it("GIVEN two kinds of value at once THEN a top-level BAD_REQUEST error, as Shopify answers, and nothing is created", async () => {
    const { shop, input, discounts } = givenShop();
    const { body } = await post(shop, CREATE_BASIC, {
      input: input({
        customerGets: { value: { percentage: 0.1, discountAmount: { amount: "5" } }, items: { all: true } },
      }),
    });
    expect(body.data.discountCodeBasicCreate).toBeNull();
    expect(body.errors[0]).toMatchObject({
      message: "A discount can only have one of percentage, discountOnQuantity or discountAmount.",
      extensions: { code: "BAD_REQUEST" },
    });
    expect(discounts().size).toBe(0);
  });

  it("every field the discount and store-credit views define exists on Shopify's type (no invented fields)", async () => {
    const schema = loadAdminSchema();
    const { shop, customerId, input } = givenShop();
    await createBasic(shop, input({ minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: "1" } } }));
    const { customerGets: _unused, ...shipping } = input();
    await post(shop, CREATE_FREE_SHIPPING, { input: { ...shipping, combinesWith: {} } });
    await post(shop, CREDIT, {
      id: customerId,
      creditInput: { creditAmount: { amount: "1.00", currencyCode: "EUR" } },
    });
    const state = standIn.state.shops.get(shop)!;
    const account = storeCreditAccountView(state, [...state.storeCreditAccounts.values()][0]!);
    const transactions = (account.transactions as (args: object) => View)({ first: 5 });
    const roots = [...[...state.discounts.values()].map((discount) => codeDiscountNodeView(state, discount)), account];
    roots.push(...(transactions.nodes as View[]));

    // Every object with a __typename inside a view is checked too (lazy fields, i.e. functions, are not called).
    const seen: View[] = [];
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(collect);
      if (typeof value !== "object" || value === null || !("__typename" in value)) return;
      seen.push(value as View);
      Object.values(value).forEach(collect);
    };
    roots.forEach(collect);
    expect(new Set(seen.map((view) => view.__typename))).toEqual(
      new Set([
        "DiscountCodeNode",
        "DiscountCodeBasic",
        "DiscountCodeFreeShipping",
        "Count",
        "DiscountCombinesWith",
        "DiscountMinimumSubtotal",
        "MoneyV2",
        "DiscountCustomers",
        "DiscountCustomerGets",
        "DiscountAmount",
        "AllDiscountItems",
        "DiscountCountryAll",
        "StoreCreditAccount",
        "StoreCreditAccountCreditTransaction",
      ]),
    );
    for (const view of seen) {
      const type = schema.getType(view.__typename);
      expect(type && (isObjectType(type) || isInterfaceType(type)), view.__typename).toBeTruthy();
      const fields = Object.keys((type as { getFields(): object }).getFields());
      const invented = Object.keys(view).filter((key) => key !== "__typename" && !fields.includes(key));
      expect(invented, `${view.__typename} fields not in the schema`).toEqual([]);
    }
  });
});

describe("Admin API stand-in: discount status, lookup, deactivate, delete", () => {
  it("status follows the dates: SCHEDULED before startsAt, ACTIVE between, EXPIRED after endsAt", async () => {
    const { shop, input } = givenShop();
    const scheduled = await createBasic(shop, input({ startsAt: at(24 * HOUR), endsAt: at(48 * HOUR) }));
    const expired = await createBasic(shop, input({ startsAt: at(-48 * HOUR), endsAt: at(-24 * HOUR) }));
    const open = await createBasic(shop, input({ endsAt: null }));
    expect(scheduled.codeDiscountNode.codeDiscount.status).toBe("SCHEDULED");
    expect(expired.codeDiscountNode.codeDiscount.status).toBe("EXPIRED");
    expect(open.codeDiscountNode.codeDiscount).toMatchObject({ status: "ACTIVE", endsAt: null });
  });

  it("GIVEN an active code WHEN deactivated THEN it reads back EXPIRED, ended now, and is still found by its code", async () => {
    const { shop, input, discounts } = givenShop();
    const created = await createBasic(shop, input({ code: "BYE-NOW" }));
    const before = Date.now();

    const { body } = await post(shop, DEACTIVATE, { id: created.codeDiscountNode.id });

    const payload = body.data.discountCodeDeactivate;
    expect(payload.userErrors).toEqual([]);
    expect(payload.codeDiscountNode.codeDiscount.status).toBe("EXPIRED");
    expect(Date.parse(payload.codeDiscountNode.codeDiscount.endsAt)).toBeGreaterThanOrEqual(
      Math.floor(before / 1000) * 1000,
    );
    const lookedUp = (await post(shop, LOOK_UP, { code: "bye-now" })).body.data.codeDiscountNodeByCode;
    expect(lookedUp).toEqual({
      id: created.codeDiscountNode.id,
      codeDiscount: {
        __typename: "DiscountCodeBasic",
        status: "EXPIRED",
        asyncUsageCount: 0,
        endsAt: payload.codeDiscountNode.codeDiscount.endsAt,
      },
    });
    // What a test of the app asserts: no active code is left in the shop.
    expect([...discounts().values()].filter((discount) => discountStatus(discount, new Date()) === "ACTIVE")).toEqual(
      [],
    );
  });

  it("a scheduled code deactivated before it starts is EXPIRED too", async () => {
    const { shop, input } = givenShop();
    const created = await createBasic(shop, input({ startsAt: at(24 * HOUR), endsAt: at(48 * HOUR) }));
    const { body } = await post(shop, DEACTIVATE, { id: created.codeDiscountNode.id });
    expect(body.data.discountCodeDeactivate.codeDiscountNode.codeDiscount.status).toBe("EXPIRED");
  });

  it("GIVEN a code WHEN deleted THEN every read answers null and a second delete or deactivate is a userError", async () => {
    const { shop, input, discounts } = givenShop();
    const created = await createBasic(shop, input({ code: "GONE" }));
    const id = created.codeDiscountNode.id as string;
    expect((await post(shop, BY_ID, { id })).body.data).toEqual({
      codeDiscountNode: { id },
      node: { id, codeDiscount: { __typename: "DiscountCodeBasic" } },
    });

    const deleted = (await post(shop, DELETE, { id })).body.data.discountCodeDelete;
    expect(deleted).toEqual({ deletedCodeDiscountId: id, userErrors: [] });

    expect((await post(shop, BY_ID, { id })).body.data).toEqual({ codeDiscountNode: null, node: null });
    expect((await post(shop, LOOK_UP, { code: "GONE" })).body.data.codeDiscountNodeByCode).toBeNull();
    expect(discounts().size).toBe(0);
    const notFound = [{ field: ["id"], code: "INVALID", message: "Code discount does not exist." }];
    expect((await post(shop, DELETE, { id })).body.data.discountCodeDelete).toEqual({
      deletedCodeDiscountId: null,
      userErrors: notFound,
    });
    expect((await post(shop, DEACTIVATE, { id })).body.data.discountCodeDeactivate).toEqual({
      codeDiscountNode: null,
      userErrors: notFound,
    });
  });

  it("GIVEN shop A's code THEN shop B can neither see, deactivate nor delete it, and may use the same code itself", async () => {
    const a = givenShop();
    const b = givenShop();
    const created = await createBasic(a.shop, a.input({ code: "SHARED" }));
    const id = created.codeDiscountNode.id as string;

    expect((await post(b.shop, LOOK_UP, { code: "SHARED" })).body.data.codeDiscountNodeByCode).toBeNull();
    expect((await post(b.shop, BY_ID, { id })).body.data).toEqual({ codeDiscountNode: null, node: null });
    expect((await post(b.shop, DEACTIVATE, { id })).body.data.discountCodeDeactivate.userErrors[0].code).toBe(
      "INVALID",
    );
    expect((await post(b.shop, DELETE, { id })).body.data.discountCodeDelete.userErrors[0].code).toBe("INVALID");
    expect((await createBasic(b.shop, b.input({ code: "SHARED" }))).userErrors).toEqual([]);

    const inA = [...a.discounts().values()];
    expect(inA.map((discount) => [discount.id, discountStatus(discount, new Date())])).toEqual([[id, "ACTIVE"]]);
  });

  it("GIVEN the customer uses the code at checkout THEN the lookup reports the use, and checkout's rules are applied", async () => {
    const { shop, customerId, input } = givenShop();
    const stranger = standIn.seedCustomer(shop, { firstName: "Bo" });
    await createBasic(shop, input({ code: "ONCE" }));

    expect(redeemDiscountCode(standIn.state, shop, "once", { customerId: stranger })).toBe("CUSTOMER_NOT_ELIGIBLE");
    expect(redeemDiscountCode(standIn.state, shop, "ONCE", { customerId })).toBeNull();
    expect(redeemDiscountCode(standIn.state, shop, "ONCE", { customerId })).toBe("USAGE_LIMIT_REACHED");
    expect(redeemDiscountCode(standIn.state, shop, "NOPE", { customerId })).toBe("UNKNOWN_CODE");

    const lookedUp = (await post(shop, LOOK_UP, { code: "ONCE" })).body.data.codeDiscountNodeByCode;
    expect(lookedUp.codeDiscount).toMatchObject({ status: "ACTIVE", asyncUsageCount: 1 });

    await createBasic(shop, input({ code: "LATER", startsAt: at(HOUR), endsAt: at(2 * HOUR) }));
    expect(redeemDiscountCode(standIn.state, shop, "LATER", { customerId })).toBe("NOT_ACTIVE");

    await createBasic(shop, input({ code: "EVERYONE-ONCE", usageLimit: null, context: { all: "ALL" } }));
    expect(redeemDiscountCode(standIn.state, shop, "EVERYONE-ONCE", { customerId })).toBeNull();
    expect(redeemDiscountCode(standIn.state, shop, "EVERYONE-ONCE", { customerId: stranger })).toBeNull();
    expect(redeemDiscountCode(standIn.state, shop, "EVERYONE-ONCE", { customerId })).toBe("ALREADY_USED_BY_CUSTOMER");
  });
});

describe("Admin API stand-in: store credit", () => {
  it("GIVEN a customer WHEN credited by customer id THEN an account in that currency is opened, then reused, with exact sums", async () => {
    const { shop, customerId } = givenShop("EUR");
    const credit = (amount: string) =>
      post(shop, CREDIT, { id: customerId, creditInput: { creditAmount: { amount, currencyCode: "EUR" } } });

    const first = (await credit("0.10")).body.data.storeCreditAccountCredit;
    expect(first.userErrors).toEqual([]);
    expect(first.storeCreditAccountTransaction).toMatchObject({
      amount: { amount: "0.1", currencyCode: "EUR" },
      balanceAfterTransaction: { amount: "0.1", currencyCode: "EUR" },
      expiresAt: null,
      event: "ADJUSTMENT",
      account: { balance: { amount: "0.1", currencyCode: "EUR" } },
    });
    const accountId = first.storeCreditAccountTransaction.account.id as string;
    expect(accountId).toMatch(/^gid:\/\/shopify\/StoreCreditAccount\/\d+$/);

    const second = (await credit("0.20")).body.data.storeCreditAccountCredit;
    expect(second.storeCreditAccountTransaction.account).toEqual({
      id: accountId,
      balance: { amount: "0.3", currencyCode: "EUR" },
    });

    // Crediting the account by its own id works the same way.
    const byAccount = (
      await post(shop, CREDIT, {
        id: accountId,
        creditInput: { creditAmount: { amount: "1", currencyCode: "EUR" }, expiresAt: at(HOUR) },
      })
    ).body.data.storeCreditAccountCredit;
    expect(byAccount.storeCreditAccountTransaction.account.balance.amount).toBe("1.3");
    expect(byAccount.storeCreditAccountTransaction.expiresAt).toMatch(/Z$/);

    const accounts = (await post(shop, STORE_CREDIT_ACCOUNTS, { id: customerId })).body.data.customer
      .storeCreditAccounts.nodes;
    expect(accounts).toEqual([{ id: accountId, balance: { amount: "1.3", currencyCode: "EUR" } }]);
    expect((await post(shop, "query A($id: ID!) { node(id: $id) { id } }", { id: accountId })).body.data.node).toEqual({
      id: accountId,
    });
  });

  it("GIVEN invalid credits THEN Shopify's userError codes and no balance changes", async () => {
    const { shop, customerId } = givenShop("EUR");
    const strangerId = standIn.seedCustomer(uniqueShop(), { firstName: "Bo" });
    const opened = await post(shop, CREDIT, {
      id: customerId,
      creditInput: { creditAmount: { amount: "2", currencyCode: "EUR" } },
    });
    const accountId = opened.body.data.storeCreditAccountCredit.storeCreditAccountTransaction.account.id as string;
    const eur = (amount: string) => ({ amount, currencyCode: "EUR" });

    const cases: Array<[string, string, Record<string, unknown>, { field: string[]; code: string }]> = [
      [
        "unknown customer",
        "gid://shopify/Customer/999999999",
        { creditAmount: eur("1") },
        { field: ["id"], code: "OWNER_NOT_FOUND" },
      ],
      ["another shop's customer", strangerId, { creditAmount: eur("1") }, { field: ["id"], code: "OWNER_NOT_FOUND" }],
      [
        "unknown account",
        "gid://shopify/StoreCreditAccount/999999999",
        { creditAmount: eur("1") },
        { field: ["id"], code: "ACCOUNT_NOT_FOUND" },
      ],
      [
        "zero",
        customerId,
        { creditAmount: eur("0") },
        { field: ["creditInput", "creditAmount", "amount"], code: "NEGATIVE_OR_ZERO_AMOUNT" },
      ],
      [
        "negative",
        customerId,
        { creditAmount: eur("-5") },
        { field: ["creditInput", "creditAmount", "amount"], code: "NEGATIVE_OR_ZERO_AMOUNT" },
      ],
      [
        "other currency on the account",
        accountId,
        { creditAmount: { amount: "1", currencyCode: "USD" } },
        {
          field: ["creditInput", "creditAmount", "currencyCode"],
          code: "MISMATCHING_CURRENCY",
        },
      ],
      [
        "currency the shop does not sell in",
        customerId,
        { creditAmount: { amount: "1", currencyCode: "JPY" } },
        {
          field: ["creditInput", "creditAmount", "currencyCode"],
          code: "UNSUPPORTED_CURRENCY",
        },
      ],
      [
        "expiry in the past",
        customerId,
        { creditAmount: eur("1"), expiresAt: at(-HOUR) },
        {
          field: ["creditInput", "expiresAt"],
          code: "EXPIRES_AT_IN_PAST",
        },
      ],
    ];
    for (const [name, id, creditInput, expected] of cases) {
      const payload = (await post(shop, CREDIT, { id, creditInput })).body.data.storeCreditAccountCredit;
      expect(payload.storeCreditAccountTransaction, name).toBeNull();
      expect(payload.userErrors, name).toEqual([expect.objectContaining(expected)]);
    }
    const state = standIn.state.shops.get(shop)!;
    expect([...state.storeCreditAccounts.values()].map((account) => account.balance)).toEqual([2_000_000n]);
    expect(state.storeCreditTransactions).toHaveLength(1);
  });
});

describe("Admin API stand-in: faults on discount and store-credit mutations", () => {
  it("userErrors, 5xx, THROTTLED and timeout faults answer before executing: nothing is created", async () => {
    const { shop, input, discounts } = givenShop();
    const taken = {
      field: ["basicCodeDiscount", "code"],
      message: "Code must be unique. Please try a different code.",
      code: "TAKEN",
    };
    const faults: Fault[] = [
      { kind: "userErrors", userErrors: [taken] },
      { kind: "http5xx", status: 503 },
      { kind: "throttled" },
      { kind: "timeout", delayMs: 5_000 },
    ];
    for (const fault of faults) {
      standIn.injectFault(fault, { operationName: "RewardCodeBasicCreate" });
      const answered = await fetch(API_URL(shop), {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "shpat_test" },
        body: JSON.stringify({ query: CREATE_BASIC, variables: { input: input() } }),
        signal: AbortSignal.timeout(300),
      }).then(
        async (response) => ({ status: response.status, body: (await response.json()) as Body }),
        (error: Error) => error.name,
      );
      if (fault.kind === "userErrors") {
        expect((answered as { body: Body }).body.data.discountCodeBasicCreate.codeDiscountNode).toBeNull();
      }
      if (fault.kind === "http5xx") expect((answered as { status: number }).status).toBe(503);
      if (fault.kind === "throttled")
        expect((answered as { body: Body }).body.errors[0].extensions.code).toBe("THROTTLED");
      if (fault.kind === "timeout") expect(answered).toBe("TimeoutError");
      expect(discounts().size, fault.kind).toBe(0);
    }
  });

  it("GIVEN timeoutAfterApply WHEN the create times out THEN the code exists anyway and the lookup finds it", async () => {
    const { shop, input, discounts } = givenShop();
    standIn.injectFault({ kind: "timeoutAfterApply", delayMs: 5_000 }, { operationName: "RewardCodeBasicCreate" });

    const answered = await fetch(API_URL(shop), {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "shpat_test" },
      body: JSON.stringify({ query: CREATE_BASIC, variables: { input: input({ code: "LOST-ANSWER" }) } }),
      signal: AbortSignal.timeout(300),
    }).then(
      () => "answered",
      (error: Error) => error.name,
    );

    expect(answered).toBe("TimeoutError");
    expect(discounts().size).toBe(1);
    const lookedUp = (await post(shop, LOOK_UP, { code: "LOST-ANSWER" })).body.data.codeDiscountNodeByCode;
    expect(lookedUp.codeDiscount.status).toBe("ACTIVE");
  });

  it("GIVEN http5xxAfterApply WHEN store credit is granted THEN the app sees a 502 but the balance did change", async () => {
    const { shop, customerId } = givenShop("EUR");
    standIn.injectFault({ kind: "http5xxAfterApply", status: 502 }, { operationName: "RewardStoreCreditCredit" });

    const { status } = await post(shop, CREDIT, {
      id: customerId,
      creditInput: { creditAmount: { amount: "3.50", currencyCode: "EUR" } },
    });

    expect(status).toBe(502);
    const accounts = (await post(shop, STORE_CREDIT_ACCOUNTS, { id: customerId })).body.data.customer
      .storeCreditAccounts.nodes;
    expect(accounts).toEqual([{ id: expect.any(String), balance: { amount: "3.5", currencyCode: "EUR" } }]);
  });

  it("an AfterApply fault on an operation refused before running (throttled) loses nothing that was applied", async () => {
    const { shop, input, discounts } = givenShop();
    standIn.state.shops.get(shop)!.bucket.available = 0;
    standIn.injectFault({ kind: "http5xxAfterApply" }, { operationName: "RewardCodeBasicCreate" });
    const { status, body } = await post(shop, CREATE_BASIC, { input: input() });
    expect(status).toBe(200);
    expect(body.errors[0].extensions.code).toBe("THROTTLED");
    expect(discounts().size).toBe(0);
  });
});
