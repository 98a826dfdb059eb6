// Starts the app's background work once per server process.
//   Pending-points release — PostgreSQL: pg-boss (several instances may run; each scheduled run goes to one of
//   them). SQLite (embedded, single instance): an in-process timer.
//   Webhook inbox sweep — every instance, on a timer: claims are leases, so instances never apply one delivery at
//   the same time, and a delivery left behind by a crashed instance is picked up by any other.
//   Birthdays and anniversaries — every instance, hourly: each shop once per local day, credits idempotent.
//   Redemption settling (stale reservations, expired codes) — every instance, on a timer: settlements are
//   conditional updates, so instances never settle one redemption twice.
//   Tier checks (period ends, grace and hold expiries) and left-behind tier re-evaluations — every instance, on a
//   timer: members are checked under their tier locks and jobs are claimed with leases; order history imports left
//   behind continue (leased too).
//   Customer mirror (points and tier into Shopify metafields/tags) — every instance, on a timer: writes are
//   idempotent and a member is cleared only if unchanged since read (app/jobs/customer-mirror-job.ts).
//   Segments (daily snapshot for Home's trend; members whose segment moved marked for the mirror) — every instance,
//   hourly: each shop once per local day, guarded by the day's snapshot row (app/jobs/segment-job.ts).
//   Points expiry and its reminders — every instance, hourly: each expiry is written under the member's lock with a
//   key naming the member's last entry, each reminder once per key (app/persistence/points-expiry.ts).
//   Reward code and balance reminders — every instance, hourly: each enqueued once per business key
//   (app/persistence/notification-events.ts).
//   Notification sender — every instance, on a timer: outbox rows are leased, so each message goes out once.
import { activeDatabase, sqlDb } from "../db.server";
import { sweepWebhookInbox } from "../shopify/webhook-inbox.server";
import { rewardIssuerForShop } from "../shopify/reward-issuer.server";
import { runSettleRedemptionsJob } from "./settle-redemptions-job";
import { runReleasePendingJob } from "./release-pending-job";
import { startPgBossRunner } from "./pg-boss-runner";
import { runScheduledTierWork } from "./tier-jobs.server";
import { runScheduledActionsJob } from "./scheduled-actions-job";
import { log } from "../log.server";
import { runCustomerMirror } from "./customer-mirror-job";
import { runSegmentJob } from "./segment-job";
import { customerMirrorWriterForShop } from "../shopify/customer-mirror.server";
import { resumeHistoryImports } from "./order-history-job";
import { bulkOrdersClientForShop } from "../shopify/bulk-orders.server";
import { runNotificationSender } from "./notification-sender.server";
import { flowTriggerSenderForShop } from "../shopify/flow-trigger.server";
import { runExpirySweep } from "../persistence/points-expiry";
import { runReminderSweep } from "../persistence/notification-events";
import { mailTransport } from "./mail-transport.server";
import { isDemoMode } from "../demo/demo-mode.server";

const SQLITE_SWEEP_MS = 5 * 60 * 1000;
const INBOX_SWEEP_MS = 60 * 1000;
const REDEMPTION_SWEEP_MS = 5 * 60 * 1000;
const TIER_SWEEP_MS = 10 * 60 * 1000;
// Birthdays and anniversaries: each shop is credited once per local day, whichever instance comes first.
const SCHEDULED_ACTIONS_MS = 60 * 60 * 1000;
const MIRROR_SWEEP_MS = 60 * 1000;
// Emails: often enough that "points earned" follows its order closely (in the demo within seconds).
const NOTIFICATION_SWEEP_MS = isDemoMode() ? 3_000 : 60 * 1000;

declare global {
  var __loyaltyJobsStarted: boolean | undefined;
}

export function startBackgroundJobs() {
  if (globalThis.__loyaltyJobsStarted || process.env.NODE_ENV === "test" || process.env.LOYALTY_JOBS === "off") return;
  globalThis.__loyaltyJobsStarted = true;
  const sweepInbox = () => sweepWebhookInbox(sqlDb).catch((error) => log.error("job failed", { job: "webhook-inbox-sweep", error }));
  setInterval(sweepInbox, INBOX_SWEEP_MS).unref();
  const settleRedemptions = () =>
    runSettleRedemptionsJob(sqlDb, (shop) => rewardIssuerForShop(shop)).catch((error) =>
      log.error("job failed", { job: "settle-redemptions", error }),
    );
  setInterval(settleRedemptions, REDEMPTION_SWEEP_MS).unref();
  const tierWork = () =>
    Promise.all([
      runScheduledTierWork(sqlDb).catch((error) => log.error("job failed", { job: "tier-checks", error })),
      // Order history imports left behind (restart, lost lease, Shopify not answering) continue.
      resumeHistoryImports(sqlDb, (shop) => bulkOrdersClientForShop(shop)).catch((error) => log.error("job failed", { job: "order-history-import", error })),
    ]);
  setInterval(tierWork, TIER_SWEEP_MS).unref();
  setTimeout(tierWork, 15_000).unref();
  const scheduledActions = () =>
    runScheduledActionsJob(sqlDb).catch((error) => log.error("job failed", { job: "birthdays-and-anniversaries", error }));
  setInterval(scheduledActions, SCHEDULED_ACTIONS_MS).unref();
  setTimeout(scheduledActions, 20_000).unref();
  const mirror = () =>
    runCustomerMirror(sqlDb, (shop) => customerMirrorWriterForShop(shop)).catch((error) => log.error("job failed", { job: "customer-mirror", error }));
  setInterval(mirror, MIRROR_SWEEP_MS).unref();
  const segments = () => runSegmentJob(sqlDb).catch((error) => log.error("job failed", { job: "segments", error }));
  setInterval(segments, SCHEDULED_ACTIONS_MS).unref();
  setTimeout(segments, 30_000).unref();
  const sendNotifications = () =>
    runNotificationSender(sqlDb, {
      transport: mailTransport(),
      appUrl: process.env.SHOPIFY_APP_URL ?? "http://localhost:3000",
      secret: process.env.SHOPIFY_API_SECRET ?? "",
      flow: (shop) => flowTriggerSenderForShop(shop),
    }).catch(
      (error) => log.error("job failed", { job: "notification-sender", error }),
    );
  setInterval(sendNotifications, NOTIFICATION_SWEEP_MS).unref();
  const expirePoints = () => runExpirySweep(sqlDb).catch((error) => log.error("job failed", { job: "points-expiry", error }));
  setInterval(expirePoints, SCHEDULED_ACTIONS_MS).unref();
  setTimeout(expirePoints, 25_000).unref();
  const reminders = () => runReminderSweep(sqlDb).catch((error) => log.error("job failed", { job: "notification-reminders", error }));
  setInterval(reminders, SCHEDULED_ACTIONS_MS).unref();
  setTimeout(reminders, 30_000).unref();
  if (activeDatabase === "postgresql") {
    startPgBossRunner(sqlDb, { connectionString: process.env.DATABASE_URL! }).catch((error) =>
      log.error("could not start pg-boss", { job: "pg-boss", error }),
    );
    return;
  }
  const sweep = () => runReleasePendingJob(sqlDb).catch((error) => log.error("job failed", { job: "release-pending", error }));
  setInterval(sweep, SQLITE_SWEEP_MS).unref();
  setTimeout(sweep, 10_000).unref();
}
