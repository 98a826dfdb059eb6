// Pending → available by the scheduled job: however many workers sweep at once, each order is released once.
import { describe, expect, it } from "vitest";
import db, { activeDatabase, sqlDb } from "../../../app/db.server";
import { runReleasePendingJob, RELEASE_PENDING_QUEUE } from "../../../app/jobs/release-pending-job";
import { startPgBossRunner } from "../../../app/jobs/pg-boss-runner";
import { installedShop } from "../../support/shopify-requests";
import { deliverOk } from "../../support/webhook-delivery";
import { orderPaidPayload } from "../../support/shopify-payloads";
import { expectCachedBalancesMatchLedger, memberBalances } from "../../support/ledger-invariants";

const ORDERS = 30;

/** 30 paid orders of 10 points for 3 customers, whose pending period is then made to be over. */
async function dueOrders(shop: string) {
  for (let i = 0; i < ORDERS; i += 1) {
    const orderId = String(9000 + i);
    await deliverOk(shop, "orders/paid", orderPaidPayload({
      orderId,
      customerId: String(801 + (i % 3)),
      lines: [{ id: `${orderId}1`, quantity: 1, unitPrice: 1000 }],
    }));
  }
  // Time passes: the return window of every order is over.
  await db.orderRecord.updateMany({ where: { shop }, data: { releaseAt: new Date(Date.now() - 60_000) } });
  expect(await memberBalances(shop, "801")).toEqual({ available: 0, pending: 100 });
}

async function expectReleasedOnce(shop: string) {
  for (const customerId of ["801", "802", "803"]) {
    expect(await memberBalances(shop, customerId)).toEqual({ available: 100, pending: 0 });
  }
  expect(await db.ledgerEntry.count({ where: { shop, kind: "release" } })).toBe(ORDERS);
  await expectCachedBalancesMatchLedger(shop);
}

describe("release job", () => {
  it("GIVEN four sweeps running at once THEN every due order is released exactly once", async () => {
    const shop = await installedShop();
    await dueOrders(shop);
    await Promise.all([1, 2, 3, 4].map(() => runReleasePendingJob(sqlDb, new Date(), 7)));
    await expectReleasedOnce(shop);
  });

  it.runIf(activeDatabase === "postgresql")(
    "GIVEN two pg-boss workers (two app instances) and many queued runs THEN each order is released exactly once",
    async () => {
      const shop = await installedShop();
      await dueOrders(shop);
      const connectionString = process.env.DATABASE_URL!;
      const workers = await Promise.all([1, 2].map(() => startPgBossRunner(sqlDb, { connectionString, schedule: false, pollingIntervalSeconds: 0.5 })));
      try {
        for (let i = 0; i < 6; i += 1) await workers[i % 2]!.send(RELEASE_PENDING_QUEUE, {});
        // Until every queued run has been taken and finished.
        const deadline = Date.now() + 30_000;
        while (Date.now() < deadline) {
          const waiting = await workers[0]!.getQueueSize(RELEASE_PENDING_QUEUE, { before: "completed" });
          if (waiting === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        expect(await workers[0]!.getQueueSize(RELEASE_PENDING_QUEUE, { before: "completed" })).toBe(0);
      } finally {
        await Promise.all(workers.map((boss) => boss.stop({ graceful: true, wait: true })));
      }
      await expectReleasedOnce(shop);
    },
    60_000,
  );
});
