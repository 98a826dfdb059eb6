import { describe, expect, it } from "vitest";
import { bonusToReverse, earnForOrder } from "../../../app/rules/earning";
import { campaignCache, campaignsFromStorefront, readCampaignCache, storefrontCampaigns, validateCampaign, type Campaign } from "../../../app/rules/campaigns";
import { DEFAULT_ORDER_BONUSES, DEFAULT_PROGRAM_SETTINGS } from "../../../app/rules/program-settings";
import type { PaidOrder, PaidOrderLine } from "../../../app/rules/order-events";
import { instantToLocalInput, localInputToInstant, parseCampaignForm, parseMultiplier, previewCampaign, campaignToForm } from "../../../app/rules/campaign-form";

const settings = { ...DEFAULT_PROGRAM_SETTINGS, ...DEFAULT_ORDER_BONUSES };

function line(overrides: Partial<PaidOrderLine> = {}): PaidOrderLine {
  return { lineItemId: "1", productId: "100", quantity: 1, giftCard: false, grossAmount: 10_000, discountAmount: 0, taxAmount: 0, ...overrides };
}

function order(overrides: Partial<PaidOrder> = {}): PaidOrder {
  return {
    orderId: "9",
    customer: { customerId: "7", email: null, firstName: null, lastName: null },
    currency: "USD",
    taxesIncluded: false,
    lines: [line()],
    shipping: { netAmount: 0, taxAmount: 0 },
    paidAt: new Date("2026-07-04T12:00:00Z"),
    discountCodes: [],
    ...overrides,
  };
}

function campaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: 1,
    names: { en: "Double points" },
    multiplierPercent: 200,
    bonusPoints: 0,
    startsAt: new Date("2026-07-04T00:00:00Z"),
    endsAt: new Date("2026-07-06T00:00:00Z"),
    scope: { productIds: [], collectionIds: [], productTags: [], tierIds: [] },
    ...overrides,
  };
}

describe("order bonuses", () => {
  it("GIVEN a first-order bonus WHEN the customer's first order THEN it is its own bonus, not multiplied by the tier", () => {
    const earning = earnForOrder(order(), { ...settings, firstOrderBonus: 50 }, { firstOrder: true, tierPercent: 150 });
    expect(earning.lines[0]!.points).toBe(150);
    expect(earning.bonuses).toEqual([{ key: "first_order", points: 50, lines: ["1"], minNet: null }]);
    expect(earning.totalPoints).toBe(200);
  });

  it("GIVEN a first-order bonus WHEN not the first order, or a guest's THEN none", () => {
    expect(earnForOrder(order(), { ...settings, firstOrderBonus: 50 }, { firstOrder: false }).bonuses).toEqual([]);
    expect(earnForOrder(order(), { ...settings, firstOrderBonus: 50 }, { firstOrder: true, member: false }).bonuses).toEqual([]);
  });

  it("GIVEN spend 100 get 50 WHEN the net sales reach exactly the threshold THEN the bonus; a cent below THEN none", () => {
    const s = { ...settings, orderThresholdMinor: 10_000, orderThresholdBonus: 50 };
    expect(earnForOrder(order(), s).bonuses).toEqual([{ key: "threshold", points: 50, lines: ["1"], minNet: 10_000 }]);
    expect(earnForOrder(order({ lines: [line({ discountAmount: 1 })] }), s).bonuses).toEqual([]);
    // Shipping and taxes do not count towards the threshold.
    expect(earnForOrder(order({ lines: [line({ grossAmount: 9_000, taxAmount: 1_000 })], shipping: { netAmount: 1_000, taxAmount: 0 } }), s).bonuses).toEqual([]);
  });

  it("GIVEN only gift cards or excluded products WHEN ordered THEN no bonus rides on them", () => {
    const s = { ...settings, firstOrderBonus: 50, orderThresholdMinor: 100, orderThresholdBonus: 5, excludedProductIds: ["100"] };
    expect(earnForOrder(order(), s, { firstOrder: true }).bonuses).toEqual([]);
    expect(earnForOrder(order({ lines: [line({ productId: null, giftCard: true })] }), s, { firstOrder: true }).bonuses).toEqual([]);
  });

  it("GIVEN a threshold bonus WHEN refunds leave the order below the threshold THEN it is taken back whole; above THEN kept", () => {
    const bonus = { key: "threshold", points: 50, lines: ["1", "2"], minNet: 10_000 };
    const quantities = { "1": 2, "2": 1 };
    const lineNet = { "1": 10_000, "2": 2_000 }; // 120.00 in all
    expect(bonusToReverse(bonus, {}, quantities, lineNet)).toBe(false);
    expect(bonusToReverse(bonus, { "2": 1 }, quantities, lineNet)).toBe(false); // 100.00 kept: still qualifies
    expect(bonusToReverse(bonus, { "1": 1, "2": 1 }, quantities, lineNet)).toBe(true); // 50.00 kept
  });

  it("GIVEN a first-order bonus WHEN some units are refunded THEN kept; every unit THEN taken back", () => {
    const bonus = { key: "first_order", points: 50, lines: ["1", "2"], minNet: null };
    const quantities = { "1": 2, "2": 1 };
    expect(bonusToReverse(bonus, { "1": 2 }, quantities, undefined)).toBe(false);
    expect(bonusToReverse(bonus, { "1": 2, "2": 1 }, quantities, undefined)).toBe(true);
  });
});

describe("campaigns", () => {
  const two = order({ lines: [line(), line({ lineItemId: "2", productId: "200" })] });

  it("GIVEN a 2× campaign WHEN an order is paid inside its window THEN every line doubles; outside (end exclusive) THEN not", () => {
    expect(earnForOrder(two, settings, { campaigns: [campaign()] }).totalPoints).toBe(400);
    expect(earnForOrder({ ...two, paidAt: new Date("2026-07-06T00:00:00Z") }, settings, { campaigns: [campaign()] }).totalPoints).toBe(200);
    expect(earnForOrder({ ...two, paidAt: new Date("2026-07-04T00:00:00Z") }, settings, { campaigns: [campaign()] }).totalPoints).toBe(400);
  });

  it("GIVEN 2× and 3× campaigns WHEN both run THEN the highest wins (never 6×); bonuses add once per order", () => {
    const campaigns = [campaign(), campaign({ id: 2, multiplierPercent: 300, bonusPoints: 10 }), campaign({ id: 3, multiplierPercent: 100, bonusPoints: 25 })];
    const earning = earnForOrder(two, settings, { campaigns });
    expect(earning.lines.map((l) => l.points)).toEqual([300, 300]);
    expect(earning.bonuses.map((b) => [b.key, b.points])).toEqual([["campaign:2", 10], ["campaign:3", 25]]);
    expect(earning.totalPoints).toBe(635);
  });

  it("GIVEN a 2× campaign and a 1.5× tier THEN the tier multiplies on top: 3×, one floor per line", () => {
    const odd = order({ lines: [line({ grossAmount: 333 })] }); // 3 points
    expect(earnForOrder(odd, settings, { campaigns: [campaign()], tierPercent: 150 }).totalPoints).toBe(9);
    // 3 × 1.5 × 1.5 = 6.75 → 6 (one floor), not floor(floor(4.5) × 1.5) = 6 nor 4 × 1.5.
    expect(earnForOrder(odd, settings, { campaigns: [campaign({ multiplierPercent: 150 })], tierPercent: 150 }).totalPoints).toBe(6);
  });

  it("GIVEN a campaign scoped to a product, a collection or a tag THEN only those lines multiply and shipping does not", () => {
    const facts = (id: string) => (id === "200" ? { collectionIds: ["55"], tags: ["Summer"] } : undefined);
    const withShipping = { ...two, shipping: { netAmount: 1_000, taxAmount: 0 } };
    const s = { ...settings, includeShipping: true };
    for (const scope of [{ productIds: ["200"] }, { collectionIds: ["55"] }, { productTags: [" summer "] }]) {
      const c = campaign({ scope: { productIds: [], collectionIds: [], productTags: [], tierIds: [], ...scope } });
      const earning = earnForOrder(withShipping, s, { campaigns: [c], productFacts: facts });
      expect(earning.lines.map((l) => l.points)).toEqual([100, 200]);
      expect(earning.shippingPoints).toBe(10);
    }
    // Unscoped: shipping multiplies too.
    expect(earnForOrder(withShipping, s, { campaigns: [campaign()] }).shippingPoints).toBe(20);
  });

  it("GIVEN a scoped bonus campaign WHEN no line is in scope THEN no bonus; the bonus lists only the lines in scope", () => {
    const c = campaign({ multiplierPercent: 100, bonusPoints: 30, scope: { productIds: ["200"], collectionIds: [], productTags: [], tierIds: [] } });
    expect(earnForOrder(order(), settings, { campaigns: [c] }).bonuses).toEqual([]);
    expect(earnForOrder(two, settings, { campaigns: [c] }).bonuses).toEqual([{ key: "campaign:1", points: 30, lines: ["2"], minNet: null }]);
  });

  it("GIVEN a campaign for tier gold THEN only gold members get it", () => {
    const c = campaign({ scope: { productIds: [], collectionIds: [], productTags: [], tierIds: ["gold"] } });
    expect(earnForOrder(order(), settings, { campaigns: [c], tierId: "gold" }).totalPoints).toBe(200);
    expect(earnForOrder(order(), settings, { campaigns: [c], tierId: "silver" }).totalPoints).toBe(100);
    expect(earnForOrder(order(), settings, { campaigns: [c], tierId: null }).totalPoints).toBe(100);
  });

  it("validates: multiplier 1–10×, something to give, end after start, a name, ids", () => {
    const base = campaign();
    expect(validateCampaign(base)).toEqual([]);
    expect(validateCampaign({ ...base, multiplierPercent: 1001 })).toContainEqual({ field: "multiplier", code: "invalid_multiplier" });
    expect(validateCampaign({ ...base, multiplierPercent: 100 })).toContainEqual({ field: "multiplier", code: "nothing_to_give" });
    expect(validateCampaign({ ...base, endsAt: base.startsAt })).toContainEqual({ field: "endsAt", code: "ends_before_start" });
    expect(validateCampaign({ ...base, names: {} })).toContainEqual({ field: "name_en", code: "name_required" });
    expect(validateCampaign({ ...base, scope: { ...base.scope, productIds: ["abc"] } })).toContainEqual({ field: "productIds", code: "invalid_item" });
  });

  it("the settings-row cache round-trips and drops campaigns that ended over 30 days ago", () => {
    const now = new Date("2026-09-01T00:00:00Z");
    const text = campaignCache([campaign(), campaign({ id: 2, endsAt: new Date("2026-08-20T00:00:00Z") })], now);
    expect(readCampaignCache(text)).toEqual([campaign({ id: 2, endsAt: new Date("2026-08-20T00:00:00Z") })]);
    expect(readCampaignCache("[]")).toEqual([]);
  });

  it("shows shoppers only running campaigns, with their end", () => {
    const shown = storefrontCampaigns([campaign(), campaign({ id: 2, startsAt: new Date("2026-08-01T00:00:00Z"), endsAt: new Date("2026-08-02T00:00:00Z") })], new Date("2026-07-05T00:00:00Z"));
    expect(shown).toEqual([
      { id: 1, startsAt: "2026-07-04T00:00:00.000Z", scope: campaign().scope, names: { en: "Double points" }, multiplierPercent: 200, bonusPoints: 0, endsAt: "2026-07-06T00:00:00.000Z", scoped: false, tiersOnly: false },
    ]);
    expect(campaignsFromStorefront(shown)).toEqual([campaign()]);
  });
});

describe("campaign form", () => {
  it("reads local times in the shop's zone, across DST", () => {
    // New York is UTC−4 in July, UTC−5 in January.
    expect(localInputToInstant("2026-07-04T00:00", "America/New_York")?.toISOString()).toBe("2026-07-04T04:00:00.000Z");
    expect(localInputToInstant("2026-01-04T00:00", "America/New_York")?.toISOString()).toBe("2026-01-04T05:00:00.000Z");
    // Kiritimati is UTC+14: its midnight is the previous day in UTC.
    expect(localInputToInstant("2026-07-04T00:00", "Pacific/Kiritimati")?.toISOString()).toBe("2026-07-03T10:00:00.000Z");
    expect(instantToLocalInput(new Date("2026-07-03T10:00:00Z"), "Pacific/Kiritimati")).toBe("2026-07-04T00:00");
    expect(localInputToInstant("2026-02-30T00:00", "UTC")).toBeNull();
    expect(localInputToInstant("tomorrow", "UTC")).toBeNull();
  });

  it("reads multipliers as typed", () => {
    expect(parseMultiplier("2")).toBe(200);
    expect(parseMultiplier("1,5")).toBe(150);
    expect(parseMultiplier("3×")).toBe(300);
    expect(parseMultiplier("-2")).toBeNull();
    expect(parseMultiplier("1.234")).toBeNull();
  });

  it("refuses a bad form with every field's problem", () => {
    const values = { ...campaignToForm(null, "UTC", new Date("2026-07-01T00:00:00Z")), multiplier: "abc", endsAt: "2026-06-01T00:00", productIds: "x" };
    const parsed = parseCampaignForm(values, "UTC");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.issues.map((i) => i.field).sort()).toEqual(["endsAt", "multiplier", "name_en", "productIds"]);
    }
  });

  it("previews a sample order with the same earning function: $100 at 1 point per $ with 2× and a 1.5× tier", () => {
    const values = { ...campaignToForm(null, "UTC", new Date("2026-07-01T00:00:00Z")), name_en: "Double", multiplier: "2", bonusPoints: "10" };
    const parsed = parseCampaignForm(values, "UTC");
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const preview = previewCampaign(parsed.value, settings, "USD", { amount: 100, inScope: true, tier: { id: "t", multiplierPercent: 150 } });
    expect(preview.without.totalPoints).toBe(150);
    expect(preview.with.totalPoints).toBe(310);
  });
});

describe("campaign channel (POS only / online only)", () => {
  const pos = order({ sourceName: "pos" });
  const web = order({ sourceName: "web" });
  const posOnly = campaign({ scope: { productIds: [], collectionIds: [], productTags: [], tierIds: [], channel: "pos" }, bonusPoints: 25 });
  const onlineOnly = campaign({ id: 2, multiplierPercent: 300, scope: { productIds: [], collectionIds: [], productTags: [], tierIds: [], channel: "online" } });

  it("GIVEN a POS-only and an online-only campaign THEN a POS order gets only the first, any other order only the second", () => {
    expect(earnForOrder(pos, settings, { campaigns: [posOnly, onlineOnly] }).totalPoints).toBe(100 * 2 + 25);
    expect(earnForOrder(web, settings, { campaigns: [posOnly, onlineOnly] }).totalPoints).toBe(100 * 3);
    // No source_name (an app's order, an old payload): online.
    expect(earnForOrder(order(), settings, { campaigns: [posOnly] }).totalPoints).toBe(100);
    expect(earnForOrder(order({ sourceName: "shopify_draft_order" }), settings, { campaigns: [onlineOnly] }).totalPoints).toBe(300);
  });

  it("GIVEN a POS-only campaign THEN the storefront does not show it; the cache keeps the channel", () => {
    const now = new Date("2026-07-05T00:00:00Z");
    expect(storefrontCampaigns([posOnly, onlineOnly], now).map((c) => c.id)).toEqual([2]);
    expect(readCampaignCache(campaignCache([posOnly], now))[0]!.scope.channel).toBe("pos");
    expect(validateCampaign({ ...posOnly, scope: { ...posOnly.scope, channel: "kiosk" as never } })).toEqual([{ field: "channel", code: "invalid_channel" }]);
  });

  it("GIVEN the form THEN all / online / pos, nothing means all, anything else is refused", () => {
    const form = { ...campaignToForm(null, "UTC", new Date("2026-07-01T00:00:00Z")), name_en: "POS week" };
    const parsed = (channel: string) => parseCampaignForm({ ...form, channel }, "UTC");
    expect(parsed("pos")).toMatchObject({ ok: true, value: { scope: { channel: "pos" } } });
    expect(parsed("online")).toMatchObject({ ok: true, value: { scope: { channel: "online" } } });
    const all = parsed("all");
    expect(all.ok && all.value.scope.channel).toBe(undefined);
    expect(parsed("").ok).toBe(true);
    expect(parsed("kiosk")).toMatchObject({ ok: false, issues: [{ field: "channel", code: "invalid_channel" }] });
    expect(campaignToForm(posOnly, "UTC", new Date("2026-07-01T00:00:00Z")).channel).toBe("pos");
  });
});
