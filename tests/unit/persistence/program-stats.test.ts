import { describe, expect, it } from "vitest";
import { addKindSums, bestPointValue, periodEndingAt, pointsWorthMinor, type PointsTotals } from "../../../app/persistence/program-stats";
import { bucketSeries, niceCeiling } from "../../../app/components/points-chart";
import { embedActivationUrl, embedStateFromSettingsData } from "../../../app/shopify/theme-embed.server";

const OUR_EMBED = "shopify://apps/loyalty-rewards/blocks/rewards-launcher/0f6e3c1a-1111-2222-3333-444455556666";

describe("storefront embed status", () => {
  it("is on only when our launcher block is present and not disabled", () => {
    const settings = (blocks: Record<string, unknown>) => JSON.stringify({ current: { blocks } });
    expect(embedStateFromSettingsData(settings({ a: { type: OUR_EMBED, disabled: false, settings: {} } }))).toBe("on");
    expect(embedStateFromSettingsData(settings({ a: { type: OUR_EMBED } }))).toBe("on");
    expect(embedStateFromSettingsData(settings({ a: { type: OUR_EMBED, disabled: true } }))).toBe("off");
    expect(embedStateFromSettingsData(settings({ a: { type: "shopify://apps/other/blocks/chat/abc", disabled: false } }))).toBe("off");
    expect(embedStateFromSettingsData(JSON.stringify({ current: {} }))).toBe("off");
    expect(embedStateFromSettingsData("not json")).toBe("unknown");
  });

  it("reads settings_data.json with the comment Shopify puts at its top", () => {
    const content = `/*\n * IMPORTANT: The contents of this file are auto-generated.\n */\n${JSON.stringify({ current: { blocks: { x: { type: OUR_EMBED, disabled: false } } } })}`;
    expect(embedStateFromSettingsData(content)).toBe("on");
  });

  it("links to the theme editor with our embed selected", () => {
    expect(embedActivationUrl("tea.myshopify.com", "abc123")).toBe(
      "https://tea.myshopify.com/admin/themes/current/editor?context=apps&activateAppId=abc123/rewards-launcher",
    );
  });
});

describe("Home figures (pure parts)", () => {
  it("classifies each kind of ledger entry", () => {
    const totals: PointsTotals = { issued: 0, imported: 0, redeemed: 0, reversed: 0, expired: 0, removedByStaff: 0 };
    const day = "2026-11-01";
    expect(addKindSums(totals, { day, kind: "earn_pending", available: 0, pending: 120, gained: 0 })).toEqual({ issued: 120, redeemed: 0 });
    expect(addKindSums(totals, { day, kind: "release", available: 120, pending: -120, gained: 120 })).toEqual({ issued: 0, redeemed: 0 });
    expect(addKindSums(totals, { day, kind: "adjust", available: 20, pending: 0, gained: 50 })).toEqual({ issued: 50, redeemed: 0 });
    expect(addKindSums(totals, { day, kind: "redeem", available: -500, pending: 0, gained: 0 })).toEqual({ issued: 0, redeemed: 500 });
    expect(addKindSums(totals, { day, kind: "redeem_return", available: 100, pending: 0, gained: 100 })).toEqual({ issued: 0, redeemed: -100 });
    addKindSums(totals, { day, kind: "import", available: 900, pending: 0, gained: 900 });
    addKindSums(totals, { day, kind: "reverse", available: -10, pending: -5, gained: 0 });
    addKindSums(totals, { day, kind: "expire", available: -7, pending: 0, gained: 0 });
    expect(totals).toEqual({ issued: 170, imported: 900, redeemed: 400, reversed: 15, expired: 7, removedByStaff: 30 });
  });

  it("values points at the best enabled money reward, exactly", () => {
    const reward = (type: string, pointsCost: number, amountMinor: number | null, enabled = true) =>
      ({ type, pointsCost, amountMinor, enabled }) as Parameters<typeof bestPointValue>[0][number];
    expect(bestPointValue([reward("percentage", 100, null), reward("free_shipping", 10, null)])).toBeNull();
    expect(bestPointValue([reward("fixed_amount", 500, 500), reward("store_credit", 300, 400), reward("store_credit", 1, 1000, false)])).toEqual({
      amountMinor: 400,
      points: 300,
    });
    expect(pointsWorthMinor(1000, { amountMinor: 400, points: 300 })).toBe(1333);
    expect(pointsWorthMinor(-50, { amountMinor: 400, points: 300 })).toBe(0);
    expect(pointsWorthMinor(9_000_000_000_000, { amountMinor: 7, points: 3 })).toBe(21_000_000_000_000);
  });

  it("takes whole UTC days, today included", () => {
    const period = periodEndingAt(new Date("2026-11-23T10:15:00Z"), 7);
    expect(period.from.toISOString()).toBe("2026-11-17T00:00:00.000Z");
    expect(period.to.toISOString()).toBe("2026-11-23T10:15:00.000Z");
  });

  it("groups long series by week and rounds the axis up", () => {
    const series = Array.from({ length: 10 }, (_, i) => ({ day: `2026-01-${String(i + 1).padStart(2, "0")}`, issued: i, redeemed: 1 }));
    expect(bucketSeries(series, 7)).toEqual([
      { day: "2026-01-01", issued: 21, redeemed: 7 },
      { day: "2026-01-08", issued: 24, redeemed: 3 },
    ]);
    expect([0, 1, 7, 23, 100, 101, 4999].map(niceCeiling)).toEqual([1, 1, 10, 50, 100, 200, 5000]);
  });
});
