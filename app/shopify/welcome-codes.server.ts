// The referred friend's welcome code in Shopify: the same discount mutation, outcome classification and look-up as a
// redeemed reward (reward-operations.ts, reward-issuer.server.ts), with the welcome offer's input. Unlike a reward it
// is not tied to a customer — the friend is usually a guest — so it is for everyone, single use, once per customer.
import type { RedemptionRecord } from "../persistence/redemption";
import type { WelcomeCodeIssuer, WelcomeCodeRequest } from "../persistence/referral-claims";
import { mapData, runAdminGraphql, type AdminGraphql, type AdminGraphqlSettings } from "./admin-graphql.server";
import { CREATE_BASIC_CODE } from "./reward-operations";
import { createRewardIssuer, failedIssue } from "./reward-issuer.server";
import { formatMinorUnits } from "../rules/money";
import type { DiscountBuyerSelection, DiscountCodeBasicInput } from "../types/admin.types";
import { offlineAdmin } from "./offline-admin.server";

export function welcomeCodeInput(request: WelcomeCodeRequest): DiscountCodeBasicInput {
  const value =
    request.type === "percentage"
      ? { percentage: request.value / 100 }
      : { discountAmount: { amount: formatMinorUnits(request.value, request.currency), appliesOnEachItem: false } };
  return {
    title: `Referral welcome offer (claim ${request.claimId})`,
    code: request.code,
    startsAt: request.startsAt.toISOString(),
    endsAt: request.expiresAt.toISOString(),
    // DiscountBuyerSelection.ALL; the generated enum is a declaration only (no runtime value to import).
    context: { all: "ALL" as DiscountBuyerSelection },
    usageLimit: 1,
    appliesOncePerCustomer: true,
    customerGets: { value, items: { all: true } },
    combinesWith: { productDiscounts: false, orderDiscounts: false, shippingDiscounts: true },
  };
}

export function createWelcomeCodeIssuer(graphql: AdminGraphql, settings: AdminGraphqlSettings = {}): WelcomeCodeIssuer {
  const rewards = createRewardIssuer(graphql, settings);
  return {
    async issue(request) {
      const created = mapData(
        await runAdminGraphql(graphql, CREATE_BASIC_CODE, { input: welcomeCodeInput(request) }, settings),
        (data) => data.discountCodeBasicCreate?.codeDiscountNode,
      );
      if (created.kind !== "data") return failedIssue(created);
      if (!created.data) return { kind: "unknown", reason: "the discount code create returned no discount" };
      return { kind: "issued", shopifyDiscountId: created.data.id };
    },
    // The reward look-up only reads the code.
    lookUp: (code) => rewards.lookUp({ code } as RedemptionRecord),
  };
}

/** The issuer for one shop through its offline session (throws ShopUnavailableError when there is none). */
export async function welcomeCodeIssuerForShop(shop: string, settings?: AdminGraphqlSettings): Promise<WelcomeCodeIssuer> {
  const { ShopUnavailableError } = await import("./reward-issuer.server");
  const admin = await offlineAdmin(shop);
  if (!admin) throw new ShopUnavailableError(shop);
  return createWelcomeCodeIssuer(admin.graphql, settings);
}
