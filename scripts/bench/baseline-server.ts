// The benchmark's BASELINE webhook handler: the least any correct receiver must do. It verifies the HMAC,
// parses the JSON body and inserts one WebhookDelivery row, then answers 200.
//
// It is deliberately fair to the app: the row goes in through the app's own Prisma client (app/db.server.ts),
// so the same driver adapter, pool size and SQLite write serialisation apply. What it leaves out is exactly
// what the ratio is meant to show: Remix/Express routing, @shopify/shopify-app-remix's checks and session
// lookup, the delivery dedupe read, payload validation and the ledger transaction.
//
// Run by scripts/bench-webhooks.ts as `node --import tsx scripts/bench/baseline-server.ts` with PORT,
// DATABASE_URL and SHOPIFY_API_SECRET set.
import crypto from "node:crypto";
import http from "node:http";
import db from "../../app/db.server";

const secret = process.env.SHOPIFY_API_SECRET;
const port = Number(process.env.PORT);
if (!secret || !port) throw new Error("baseline-server needs SHOPIFY_API_SECRET and PORT");

function validHmac(body: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const expected = crypto.createHmac("sha256", secret!).update(body).digest();
  const given = Buffer.from(header, "base64");
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

function reply(response: http.ServerResponse, status: number, text: string) {
  response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  response.end(text);
}

async function handle(request: http.IncomingMessage, body: Buffer, response: http.ServerResponse) {
  if (request.method !== "POST") return reply(response, 405, "Method not allowed");
  if (!validHmac(body, request.headers["x-shopify-hmac-sha256"] as string | undefined)) return reply(response, 401, "Unauthorized");
  try {
    JSON.parse(body.toString("utf8"));
  } catch {
    return reply(response, 400, "Webhook body is not valid JSON");
  }
  await db.webhookDelivery.create({
    data: {
      shop: String(request.headers["x-shopify-shop-domain"]),
      webhookId: String(request.headers["x-shopify-webhook-id"]),
      topic: String(request.headers["x-shopify-topic"]),
    },
  });
  reply(response, 200, "OK");
}

http
  .createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      handle(request, Buffer.concat(chunks), response).catch((error: unknown) => {
        console.error(error);
        reply(response, 500, "Internal error");
      });
    });
  })
  .listen(port, "127.0.0.1");
