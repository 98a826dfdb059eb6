import { describe, expect, it } from "vitest";
import {
  cheapestPoints,
  quoteRedemption,
  RedemptionInputError,
  REWARD_DEFAULTS,
  RewardValidationError,
  validateReward,
  type RewardDefinition,
} from "../../../app/rules/rewards";
import { CODE_ALPHABET, CODE_LENGTH, generateRewardCode } from "../../../app/rules/redemption-codes";
import { basicCodeInput, freeShippingCodeInput, storeCreditVariables } from "../../../app/shopify/reward-operations";

function reward(overrides: Partial<RewardDefinition>): RewardDefinition {
  return { ...REWARD_DEFAULTS, type: "fixed_amount", title: "5 off", pointsCost: 500, amountMinor: 500, ...overrides };
}

function issues(definition: RewardDefinition): string[] {
  try {
    validateReward(definition);
    return [];
  } catch (error) {
    if (!(error instanceof RewardValidationError)) throw error;
    return error.issues.map((issue) => `${issue.field}:${issue.code}`);
  }
}

describe("reward validation", () => {
  it("GIVEN a valid reward of every type THEN it passes, with fields foreign to its type emptied", () => {
    expect(validateReward(reward({ percentage: 10 })).percentage).toBeNull();
    expect(validateReward(reward({ type: "percentage", percentage: 15, amountMinor: 999 }))).toMatchObject({ percentage: 15, amountMinor: null });
    expect(validateReward(reward({ type: "free_shipping", amountMinor: null })).type).toBe("free_shipping");
    expect(validateReward(reward({ type: "free_product", variantId: "4242", amountMinor: null })).variantId).toBe("4242");
    expect(
      validateReward(reward({ type: "variable_amount", pointsCost: 100, amountMinor: 100, minPoints: 500, maxPoints: 5000 })),
    ).toMatchObject({ minPoints: 500, maxPoints: 5000 });
    expect(validateReward(reward({ type: "store_credit", minimumSubtotalMinor: 1000 })).minimumSubtotalMinor).toBeNull();
  });

  it("GIVEN bad values THEN every problem is named with its field and a stable code", () => {
    expect(issues(reward({ pointsCost: -5 }))).toEqual(["pointsCost:invalid_points_cost"]);
    expect(issues(reward({ pointsCost: 1.5 }))).toEqual(["pointsCost:invalid_points_cost"]);
    expect(issues(reward({ type: "percentage", percentage: 0 }))).toEqual(["percentage:invalid_percentage"]);
    expect(issues(reward({ type: "percentage", percentage: 101 }))).toEqual(["percentage:invalid_percentage"]);
    expect(issues(reward({ type: "free_product", variantId: null }))).toEqual(["variantId:variant_required"]);
    expect(issues(reward({ amountMinor: 0 }))).toEqual(["amountMinor:invalid_amount"]);
    expect(issues(reward({ title: "  " }))).toEqual(["title:invalid_title"]);
    expect(issues(reward({ validityDays: 0 }))).toEqual(["validityDays:invalid_validity"]);
    expect(issues(reward({ codePrefix: "bad prefix!" }))).toEqual(["codePrefix:invalid_code_prefix"]);
    expect(issues(reward({ type: "variable_amount", pointsCost: 100, minPoints: 150, maxPoints: 100 }))).toEqual([
      "minPoints:invalid_min_points",
      "maxPoints:max_below_min",
    ]);
    expect(issues(reward({ type: "percentage", percentage: 200, pointsCost: 0, title: "" }))).toHaveLength(3);
  });

  it("GIVEN a lower-case prefix THEN it is stored upper-case, as codes are", () => {
    expect(validateReward(reward({ codePrefix: "loyal-" })).codePrefix).toBe("LOYAL-");
  });
});

describe("quoting a redemption", () => {
  const variable = reward({ type: "variable_amount", pointsCost: 100, amountMinor: 100, minPoints: 500, maxPoints: 2000 });

  it("GIVEN a fixed reward THEN its cost, whatever points the shopper sends", () => {
    expect(quoteRedemption(reward({}), 99999)).toEqual({ points: 500, valueMinor: 500 });
    expect(quoteRedemption(reward({ type: "percentage", percentage: 10 }))).toEqual({ points: 500, valueMinor: null });
  });

  it("GIVEN the variable reward THEN points in steps within min/max buy step × value", () => {
    expect(quoteRedemption(variable, 700)).toEqual({ points: 700, valueMinor: 700 });
    expect(cheapestPoints(variable)).toBe(500);
    for (const bad of [undefined, 400, 2100, 750]) {
      expect(() => quoteRedemption(variable, bad)).toThrow(RedemptionInputError);
    }
  });
});

describe("reward codes", () => {
  it(`are ${CODE_LENGTH} characters from the unambiguous alphabet, with the prefix, and do not repeat`, () => {
    const codes = Array.from({ length: 5000 }, () => generateRewardCode("LOYAL-"));
    for (const code of codes) {
      expect(code.startsWith("LOYAL-")).toBe(true);
      expect(code.slice(6)).toMatch(new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`));
    }
    expect(new Set(codes).size).toBe(codes.length);
    expect(CODE_ALPHABET).not.toMatch(/[0O1IL]/);
  });
});

describe("discount inputs sent to Shopify", () => {
  const request = {
    shop: "s.myshopify.com",
    redemptionId: 7,
    customerId: "501",
    code: "ABCDEFGHJK",
    valueMinor: 1250,
    currency: "EUR",
    startsAt: new Date("2026-11-01T00:00:00Z"),
    expiresAt: new Date("2026-12-01T00:00:00Z"),
  };

  it("GIVEN a fixed amount reward THEN a single-use code for this customer only, with minimum and combining", () => {
    const input = basicCodeInput({
      ...request,
      reward: reward({ minimumSubtotalMinor: 5000, combinesWithOrderDiscounts: true }),
    });
    expect(input).toMatchObject({
      code: "ABCDEFGHJK",
      usageLimit: 1,
      appliesOncePerCustomer: true,
      context: { customers: { add: ["gid://shopify/Customer/501"] } },
      endsAt: "2026-12-01T00:00:00.000Z",
      minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: "50.00" } },
      combinesWith: { productDiscounts: false, orderDiscounts: true, shippingDiscounts: true },
      customerGets: { value: { discountAmount: { amount: "12.50", appliesOnEachItem: false } }, items: { all: true } },
    });
  });

  it("GIVEN percentage, free product, free shipping and store credit THEN Shopify's value shapes", () => {
    expect(basicCodeInput({ ...request, reward: reward({ type: "percentage", percentage: 15 }) }).customerGets).toEqual({
      value: { percentage: 0.15 },
      items: { all: true },
    });
    expect(basicCodeInput({ ...request, reward: reward({ type: "free_product", variantId: "88" }) }).customerGets).toEqual({
      value: { percentage: 1 },
      items: { products: { productVariantsToAdd: ["gid://shopify/ProductVariant/88"] } },
    });
    expect(freeShippingCodeInput({ ...request, reward: reward({ type: "free_shipping", amountMinor: null }) })).toMatchObject({
      code: "ABCDEFGHJK",
      usageLimit: 1,
      destination: { all: true },
    });
    expect(storeCreditVariables({ ...request, reward: reward({ type: "store_credit" }) })).toEqual({
      id: "gid://shopify/Customer/501",
      creditInput: { creditAmount: { amount: "12.50", currencyCode: "EUR" } },
    });
  });
});
