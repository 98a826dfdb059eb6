// Something for each support tool to act on in the demo (customer 7006, Eva Horvat, and the catalog):
//   - an issued "$5 off" code to revoke, made through the real redemption path against the stand-in;
//   - a store-credit reservation whose answer was lost (the stand-in books the credit and answers 502), ten minutes
//     old, to resolve with "Check with Shopify";
//   - a "Free shipping" code used on a paid order (#1005), so a refunds/create or orders/cancelled sent with
//     `npm run demo:webhook` gives its points back;
//   - a disabled reward to archive and an archived one the filter shows; a stored customers/data_request export.
// Idempotent: each is made once per database. The stand-in's state lives in memory, so after a restart the codes
// and the credit are no longer in "Shopify": revoking then only gives the points back, and resolving undoes.
import db, { sqlDb } from "../db.server";
import type { AdminApiStandIn } from "./admin-api";
import { appendEntries, ensureMember } from "../persistence/ledger";
import { applyPaidOrder } from "../persistence/order-ledger";
import { recordDataRequest } from "../persistence/privacy";
import { markCodesUsed, redeemReward, RedemptionPendingError } from "../persistence/redemption";
import { createReward, listRewards, setRewardArchived } from "../persistence/reward-catalog";
import { rewardIssuerForShop } from "../shopify/reward-issuer.server";
import { REWARD_DEFAULTS } from "../rules/rewards";
import { DEMO_SHOP } from "./demo-mode.server";
import { DEMO_SUPPORT_CUSTOMER } from "./demo-data";

const MINUTE = 60 * 1000;

export async function seedDemoSupport(standIn: AdminApiStandIn) {
  const customerId = String(DEMO_SUPPORT_CUSTOMER.id);
  const member = await ensureMember(sqlDb, DEMO_SHOP, customerId, DEMO_SUPPORT_CUSTOMER);
  await sqlDb.transaction().execute((trx) =>
    appendEntries(trx, DEMO_SHOP, member.id, [
      {
        kind: "adjust",
        availableDelta: 2000,
        pendingDelta: 0,
        reason: "Demo: points moved from a previous loyalty app",
        sourceType: "staff",
        sourceId: "demo",
        idempotencyKey: `demo-grant:${customerId}`,
      },
    ]),
  );

  if ((await db.redemption.count({ where: { shop: DEMO_SHOP, memberId: member.id } })) === 0) {
    const rewards = await listRewards(db, DEMO_SHOP);
    const byTitle = (title: string) => rewards.find((reward) => reward.title === title)!;
    const issuer = await rewardIssuerForShop(DEMO_SHOP);
    const redeem = (title: string, at = new Date()) =>
      redeemReward(sqlDb, issuer, { shop: DEMO_SHOP, customerId, rewardId: byTitle(title).id, currency: "USD" }, at);

    await redeem("$5 off your order");

    standIn.injectFault({ kind: "http5xxAfterApply", status: 502 }, { operationName: "RewardStoreCreditCredit" });
    await redeem("$10 store credit", new Date(Date.now() - 10 * MINUTE)).catch((error: unknown) => {
      if (!(error instanceof RedemptionPendingError)) throw error;
    });

    const used = await redeem("Free shipping");
    await applyPaidOrder(sqlDb, DEMO_SHOP, {
      orderId: "820005",
      customer: { customerId, email: DEMO_SUPPORT_CUSTOMER.email, firstName: DEMO_SUPPORT_CUSTOMER.firstName, lastName: DEMO_SUPPORT_CUSTOMER.lastName },
      currency: "USD",
      taxesIncluded: false,
      lines: [{ lineItemId: "1300006", productId: "632910392", quantity: 1, giftCard: false, grossAmount: 2450, discountAmount: 0, taxAmount: 0 }],
      shipping: { netAmount: 0, taxAmount: 0 },
      paidAt: new Date(),
      discountCodes: [used.redemption.code!],
    });
    await markCodesUsed(sqlDb, DEMO_SHOP, [used.redemption.code!], "820005");
  }

  const catalog = await db.reward.findMany({ where: { shop: DEMO_SHOP }, select: { title: true } });
  const has = (title: string) => catalog.some((reward) => reward.title === title);
  if (!has("Tote bag (last season)")) {
    await createReward(db, DEMO_SHOP, {
      ...REWARD_DEFAULTS,
      type: "fixed_amount",
      title: "Tote bag (last season)",
      pointsCost: 700,
      amountMinor: 700,
      enabled: false,
      sortOrder: 90,
    });
  }
  if (!has("Summer 15% off (ended)")) {
    const ended = await createReward(db, DEMO_SHOP, {
      ...REWARD_DEFAULTS,
      type: "percentage",
      title: "Summer 15% off (ended)",
      pointsCost: 1500,
      percentage: 15,
      enabled: false,
      sortOrder: 91,
    });
    await setRewardArchived(db, DEMO_SHOP, ended.id, true);
  }

  if ((await db.dataRequest.count({ where: { shop: DEMO_SHOP } })) === 0) await recordDataRequest(db, DEMO_SHOP, "7001");
}
