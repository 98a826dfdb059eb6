// Puts the demo shop in the database as Shopify-managed installation would leave it: an offline session with
// the app's scopes (so authenticate.admin needs no token exchange) and the shop's row.
import db, { sqlDb } from "../db.server";
import { DEFAULT_SCOPES } from "../shopify/app-environment.server";
import { recordShopSeen } from "../persistence/shops";
import { DEMO_SHOP, requireDemoMode } from "./demo-mode.server";
import { DEMO_ACTIONS, DEMO_CUSTOMERS, DEMO_ORDERS, DEMO_REWARDS, DEMO_SHOP_INFO, DEMO_TIERS } from "./demo-data";
import { recordHistoricalOrder } from "../persistence/order-history";
import { saveTierProgram } from "../persistence/tier-program";
import { runTierJob } from "../persistence/tier-reevaluation";
import { toMinorUnits } from "../rules/money";
import { validateTierForm } from "../rules/tiers";
import { saveAction } from "../persistence/earning-actions";
import { defaultAction } from "../rules/earning-actions";
import { createReward, listRewards } from "../persistence/reward-catalog";
import { appendEntries, ensureMember } from "../persistence/ledger";
import type { AdminApiStandIn } from "./admin-api";
import { seedDemoSupport } from "./seed-support.server";
import { seedDemoCheckout } from "./seed-checkout.server";
import { seedDemoReferrals } from "./seed-referrals.server";
import { seedDemoEarning } from "./seed-earn2.server";
import { seedDemoTierHistory } from "./seed-tiers-history.server";
import { seedDemoAnalytics } from "./seed-analytics.server";
import { seedDemoNotifications } from "./seed-notifications.server";
import { seedDemoHeadless } from "./seed-headless.server";

/** `standIn` must be serving the app's Admin API calls already: the support seed redeems rewards through it. */
export async function seedDemoDatabase(standIn: AdminApiStandIn) {
  requireDemoMode();
  const session = {
    shop: DEMO_SHOP,
    state: "demo",
    isOnline: false,
    scope: DEFAULT_SCOPES.join(","),
    accessToken: "demo-offline-access-token",
  };
  await db.session.upsert({
    where: { id: `offline_${DEMO_SHOP}` },
    create: { id: `offline_${DEMO_SHOP}`, ...session },
    update: session,
  });
  await recordShopSeen(sqlDb, DEMO_SHOP, DEMO_SHOP_INFO.currencyCode, new Date(), DEMO_SHOP_INFO.ianaTimezone);
  await seedDemoProgram();
  await seedDemoTiers();
  await seedDemoSupport(standIn);
  await seedDemoCheckout();
  await seedDemoReferrals(standIn);
  await seedDemoEarning();
  seedDemoTierHistory(standIn);
  await seedDemoAnalytics();
  await seedDemoNotifications();
  await seedDemoHeadless();
}

/**
 * Three tiers by money spent, and the demo orders as history from before install (tier progress, no points), so
 * the demo shoppers start in different tiers. Only on a fresh demo database: a merchant's own edits stay.
 */
async function seedDemoTiers() {
  if (await db.tierProgram.findUnique({ where: { shop: DEMO_SHOP } })) return;
  const paidAt = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000);
  for (const order of DEMO_ORDERS) {
    const net = order.lines.reduce((sum, line) => sum + toMinorUnits(line.price, DEMO_SHOP_INFO.currencyCode) * line.quantity, 0);
    await recordHistoricalOrder(sqlDb, DEMO_SHOP, { orderId: String(order.id), customerId: String(order.customerId), currency: DEMO_SHOP_INFO.currencyCode, netSalesMinor: net, paidAt, cancelled: false });
  }
  const form = validateTierForm(DEMO_TIERS, DEMO_SHOP_INFO.currencyCode);
  if (!form.ok) throw new Error(`demo tiers do not validate: ${JSON.stringify(form.issues)}`);
  const job = await saveTierProgram(sqlDb, DEMO_SHOP, form.rules, "demo");
  await runTierJob(sqlDb, DEMO_SHOP, job);
}

/** A catalog with one reward of each type, and demo shoppers with points to spend. Idempotent. */
async function seedDemoProgram() {
  if ((await listRewards(db, DEMO_SHOP)).length === 0) {
    for (const reward of DEMO_REWARDS) await createReward(db, DEMO_SHOP, reward);
  }
  // Each way to earn on; a merchant's later edits in the demo are kept (only missing actions are added).
  const stored = new Set((await db.earningAction.findMany({ where: { shop: DEMO_SHOP }, select: { key: true } })).map((row) => row.key));
  for (const action of DEMO_ACTIONS) {
    if (!stored.has(action.key)) await saveAction(sqlDb, DEMO_SHOP, { ...defaultAction(action.key), enabled: true, ...action });
  }
  for (const [index, customer] of DEMO_CUSTOMERS.entries()) {
    const member = await ensureMember(sqlDb, DEMO_SHOP, String(customer.id), customer);
    const points = [1200, 350, 5000, 0, 80][index] ?? 0;
    await sqlDb.transaction().execute((trx) =>
      appendEntries(trx, DEMO_SHOP, member.id, [
        {
          kind: "adjust",
          availableDelta: points,
          pendingDelta: 0,
          reason: "Demo: points moved from a previous loyalty app",
          sourceType: "staff",
          sourceId: "demo",
          idempotencyKey: `demo-grant:${customer.id}`,
        },
      ]),
    );
  }
}
