// `npm run bench:webhooks -- --burst`: 50 orders/paid deliveries arriving at the same moment, three times, against
// the production server on each database. Fairness of the SQLite writer queue shows here: requests are answered in
// about the order they arrived, none overtaken by seconds. Reported per burst: ack p50/p99/max and how far any
// request was overtaken by one sent after it (scripts/bench/open-load.ts runBurst). The database must then hold
// exactly what was sent.
import type { DatabaseProvider } from "../../app/db/database-url";
import { createDatabase, openDb, seedInstalledShop, verifyApp } from "./databases";
import type { DeliveryBatch } from "./deliveries";
import { percentile } from "./load";
import { runBurst } from "./open-load";
import { startServer } from "./servers";

export async function runBurstBench(options: {
  root: string;
  databases: DatabaseProvider[];
  size: number;
  shop: string;
  env: NodeJS.ProcessEnv;
  batch: (count: number, firstOrder: number) => DeliveryBatch;
}): Promise<boolean> {
  let ok = true;
  const rows: string[][] = [];
  for (const db of options.databases) {
    const database = await createDatabase(db, `loyalty_burst_${process.pid}`, options.root);
    const { db: client, close } = openDb(database);
    const server = await startServer("app", options.root, { ...options.env, DATABASE_URL: database.url }).catch(async (error) => {
      await close();
      await database.drop();
      throw error;
    });
    try {
      await seedInstalledShop(client, options.shop);
      let sent = 0;
      let points = 0;
      for (let round = 0; round < 4; round += 1) {
        const batch = options.batch(options.size, 9_000_000_000 + round * 1000);
        const burst = await runBurst({ port: server.port, path: "/webhooks/orders/paid", deliveries: batch.deliveries });
        sent += batch.deliveries.length;
        points += batch.expectedPoints;
        while ((await client.webhookDelivery.count({ where: { shop: options.shop, processedAt: null } })) > 0) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        if (round === 0) continue; // the first burst warms the server up
        const latencies = burst.latencyBySendOrderMs.filter((ms): ms is number => ms !== null).sort((a, b) => a - b);
        ok &&= burst.failures.length === 0;
        rows.push([db, String(round), String(burst.sent), String(burst.failures.length), percentile(latencies, 50).toFixed(1), percentile(latencies, 99).toFixed(1), (latencies.at(-1) ?? NaN).toFixed(1), burst.maxOvertakenMs.toFixed(1)]);
      }
      const verification = await verifyApp(client, options.shop, sent, points);
      ok &&= verification.ok;
      for (const line of verification.lines) console.log(`    ${db}: ${line}`);
    } finally {
      await server.stop();
      await close();
      await database.drop();
    }
  }
  const header = ["db", "burst", "sent", "errors", "ack p50 ms", "ack p99 ms", "ack max ms", "max overtaken ms"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i < 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const row of rows) console.log(line(row));
  return ok;
}
