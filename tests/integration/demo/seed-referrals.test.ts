// The demo's referrals: one in each status, made through the real paths, and seeding twice changes nothing.
import { describe, expect, it } from "vitest";
import db from "../../../app/db.server";
import { createAdminApiStandIn } from "../../../app/demo/admin-api";
import { DEMO_SHOP } from "../../../app/demo/demo-mode.server";
import { seedDemoReferrals } from "../../../app/demo/seed-referrals.server";

describe("demo referrals", () => {
  it("GIVEN the seed (run twice) THEN Ana (7011) has a referral in each status with its reasons and 500 points for the rewarded one", async () => {
    const standIn = createAdminApiStandIn();
    await seedDemoReferrals(standIn);
    await seedDemoReferrals(standIn);
    const rows = await db.referral.findMany({ where: { shop: DEMO_SHOP }, orderBy: { orderId: "asc" } });
    expect(rows.map((r) => [r.orderId, r.status])).toEqual([
      ["871113", "rewarded"],
      ["871114", "pending"],
      ["871121", "qualified"],
      ["871122", "review"],
      ["871123", "rejected"],
      ["871124", "cancelled"],
    ]);
    expect(rows.find((r) => r.status === "rejected")!.reasons).toContain("same_email");
    expect(rows.find((r) => r.status === "review")!.reasons).toContain("same_browser");
    const rewards = await db.ledgerEntry.findMany({ where: { shop: DEMO_SHOP, idempotencyKey: { startsWith: "referral:" } } });
    expect(rewards.map((r) => Number(r.availableDelta))).toEqual([500]);
  });
});
