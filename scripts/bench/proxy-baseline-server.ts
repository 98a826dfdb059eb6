// The proxy benchmark's BASELINE: the least any correct app proxy endpoint must do. It checks the signature
// exactly as Shopify signs (app/demo/storefront/app-proxy.server.ts has the rule) and that the timestamp is within 90 s,
// then reads one Member row by primary key and answers it as JSON.
//
// Fair to the app in the same way as the webhook baseline: the row is read through the app's own Prisma client
// (app/db.server.ts), so the driver adapter, the pool and SQLite's one-statement-at-a-time lock are the same.
// What it leaves out is what the ratio shows: Express/Remix routing, the signature check through
// @shopify/shopify-api, and the route's own reads (member by customer, rewards, shop, history, codes).
//
// Run by scripts/bench-proxy.ts as `node --import tsx scripts/bench/proxy-baseline-server.ts` with PORT,
// DATABASE_URL and SHOPIFY_API_SECRET set. GET /proxy/member?member_id=<Member.id>&<Shopify's proxy parameters>.
import crypto from "node:crypto";
import http from "node:http";
import db from "../../app/db.server";
import { withNumbers } from "../../app/db/big-int";
import { appProxySignature } from "../../app/demo/storefront/app-proxy.server";

const secret = process.env.SHOPIFY_API_SECRET;
const port = Number(process.env.PORT);
if (!secret || !port) throw new Error("proxy-baseline-server needs SHOPIFY_API_SECRET and PORT");

const TOLERANCE_SECONDS = 90;

function validSignature(params: URLSearchParams): boolean {
  const given = Buffer.from(params.get("signature") ?? "", "hex");
  const expected = Buffer.from(appProxySignature(params, secret!), "hex");
  const timestamp = Number(params.get("timestamp"));
  return (
    given.length === expected.length &&
    crypto.timingSafeEqual(given, expected) &&
    Number.isFinite(timestamp) &&
    Math.abs(Date.now() / 1000 - timestamp) <= TOLERANCE_SECONDS
  );
}

function reply(response: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  response.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  response.end(text);
}

async function handle(request: http.IncomingMessage, response: http.ServerResponse) {
  const url = new URL(request.url ?? "/", "http://localhost");
  if (request.method !== "GET") return reply(response, 405, { error: "Use GET" });
  if (!validSignature(url.searchParams)) return reply(response, 401, { error: "Invalid app proxy signature" });
  const id = Number(url.searchParams.get("member_id"));
  if (!Number.isSafeInteger(id) || id < 1) return reply(response, 400, { error: "member_id must be a member's id" });
  const member = await db.member.findUnique({ where: { id } });
  if (!member) return reply(response, 404, { error: "No such member" });
  // Balances are BIGINT columns (Prisma reads them as bigint, which JSON cannot carry): numbers, as the app answers.
  reply(response, 200, withNumbers(member, ["availablePoints", "pendingPoints"]));
}

http
  .createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      handle(request, response).catch((error: unknown) => {
        console.error(error);
        reply(response, 500, { error: "Internal error" });
      });
    });
  })
  .listen(port, "127.0.0.1");
