import { describe, expect, it } from "vitest";
import { parseReferralSettingsForm, referralSettingsToForm, type ReferralSettingsFormValues } from "../../../app/rules/referral-settings-form";
import { DEFAULT_REFERRAL_SETTINGS } from "../../../app/rules/referrals";

const form = (overrides: Partial<ReferralSettingsFormValues> = {}): ReferralSettingsFormValues => ({
  ...referralSettingsToForm(DEFAULT_REFERRAL_SETTINGS, "EUR"),
  ...overrides,
});

describe("referral settings form", () => {
  it("round-trips the defaults", () => {
    expect(parseReferralSettingsForm(form(), "EUR")).toEqual({ ok: true, value: DEFAULT_REFERRAL_SETTINGS });
  });

  it("reads a fixed welcome amount and the minimum subtotal in the shop currency", () => {
    const parsed = parseReferralSettingsForm(form({ enabled: "true", friendRewardType: "fixed_amount", friendRewardValue: "5.50", minSubtotal: "20" }), "EUR");
    expect(parsed).toMatchObject({ ok: true, value: { enabled: true, friendRewardType: "fixed_amount", friendRewardValue: 550, minSubtotalMinor: 2000 } });
  });

  it("names every wrong field with a code, and saves nothing", () => {
    const parsed = parseReferralSettingsForm(
      form({ enabled: "maybe", advocatePoints: "-5", friendRewardValue: "150", minSubtotal: "abc", monthlyCapPerAdvocate: "1.5", linkLifetimeDays: "0", pendingDays: "999" }),
      "EUR",
    );
    expect(parsed).toEqual({
      ok: false,
      issues: [
        { field: "enabled", code: "invalid_choice" },
        { field: "advocatePoints", code: "out_of_range" },
        { field: "friendRewardValue", code: "out_of_range" },
        { field: "minSubtotal", code: "not_money" },
        { field: "monthlyCapPerAdvocate", code: "not_whole" },
        { field: "linkLifetimeDays", code: "out_of_range" },
        { field: "pendingDays", code: "out_of_range" },
      ],
    });
  });

  it("refuses an unknown reward type and a zero fixed amount", () => {
    expect(parseReferralSettingsForm(form({ friendRewardType: "free" }), "EUR")).toMatchObject({ ok: false, issues: [{ field: "friendRewardType", code: "invalid_choice" }] });
    expect(parseReferralSettingsForm(form({ friendRewardType: "fixed_amount", friendRewardValue: "0" }), "EUR")).toMatchObject({ ok: false, issues: [{ field: "friendRewardValue" }] });
  });
});
