// Sends a webhook to the running demo app, signed with the demo API secret exactly as Shopify signs it.
//   npm run demo:webhook -- <topic> <payload.json> [--shop demo-loyalty.myshopify.com] [--url http://localhost:3000] [--id <webhook id>]
// It says where it sent and, when the app did not answer, why (refused connection: the demo is not running on that
// port) and what to try.
import crypto from "node:crypto";
import fs from "node:fs";
import { DEMO_API_SECRET, DEMO_DEFAULT_PORT } from "../app/demo/demo-config";
import { ADMIN_API_VERSION } from "../app/shopify/api-version";

const DEMO_SHOP = "demo-loyalty.myshopify.com";

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index > -1 ? process.argv[index + 1] : undefined;
}

/** Why fetch failed, in words: Node's "fetch failed" hides the socket error in `cause`. */
function unreachableReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code === "ECONNREFUSED") return "connection refused (nothing is listening on that port)";
  if (cause?.code === "ENOTFOUND") return "unknown host";
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
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
  const url = `${baseUrl}/webhooks/${topic}`;
  const shop = option("shop") ?? DEMO_SHOP;
  const webhookId = option("id") ?? crypto.randomUUID();
  console.log(`POST ${url}  (topic ${topic}, shop ${shop}, webhook id ${webhookId})`);
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      body,
      headers: {
        "Content-Type": "application/json",
        "X-Shopify-Topic": topic,
        "X-Shopify-Hmac-Sha256": hmac,
        "X-Shopify-Shop-Domain": shop,
        "X-Shopify-API-Version": ADMIN_API_VERSION,
        "X-Shopify-Webhook-Id": webhookId,
        "X-Shopify-Triggered-At": new Date().toISOString(),
        "X-Shopify-Event-Id": crypto.randomUUID(),
      },
    });
  } catch (error) {
    console.error(`Could not reach ${url}: ${unreachableReason(error)}`);
    console.error(
      `Is the demo running there? \`npm run demo\` listens on PORT (default ${DEMO_DEFAULT_PORT}); pass the same PORT, or --url <its address>.`,
    );
    process.exit(1);
  }
  console.log(`${response.status} ${await response.text()}`);
  if (!response.ok) process.exit(1);
}

main().catch((error) => {
  console.error(String(error));
  process.exit(1);
});
