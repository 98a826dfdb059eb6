// Sends a webhook to the running demo app, signed with the demo API secret exactly as Shopify signs it.
//   npm run demo:webhook -- <topic> <payload.json> [--shop demo-loyalty.myshopify.com] [--url http://localhost:3000] [--id <webhook id>]
import crypto from "node:crypto";
import fs from "node:fs";
import { DEMO_API_SECRET, DEMO_DEFAULT_PORT } from "../app/demo/demo-config";

const DEMO_SHOP = "demo-loyalty.myshopify.com";

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index > -1 ? process.argv[index + 1] : undefined;
}

async function main() {
  const positional = process.argv.slice(2).filter((arg, i, all) => !arg.startsWith("--") && !all[i - 1]?.startsWith("--"));
  const [topic, file] = positional;
  if (!topic || !file || !/^[a-z_]+\/[a-z_]+$/.test(topic)) {
    console.error("usage: npm run demo:webhook -- <topic, e.g. orders/paid> <payload.json> [--shop S] [--url U] [--id ID]");
    process.exit(2);
  }
  const body = fs.readFileSync(file, "utf8");
  JSON.parse(body); // fail here, not at the app, when the file is not JSON
  const baseUrl = option("url") ?? `http://localhost:${process.env.PORT ?? DEMO_DEFAULT_PORT}`;
  const hmac = crypto.createHmac("sha256", process.env.DEMO_API_SECRET ?? DEMO_API_SECRET).update(body, "utf8").digest("base64");
  const response = await fetch(`${baseUrl}/webhooks/${topic}`, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Hmac-Sha256": hmac,
      "X-Shopify-Shop-Domain": option("shop") ?? DEMO_SHOP,
      "X-Shopify-API-Version": "2026-10",
      "X-Shopify-Webhook-Id": option("id") ?? crypto.randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
      "X-Shopify-Event-Id": crypto.randomUUID(),
    },
  });
  console.log(`${response.status} ${await response.text()}`);
  if (!response.ok) process.exit(1);
}

main().catch((error) => {
  console.error(String(error));
  process.exit(1);
});
