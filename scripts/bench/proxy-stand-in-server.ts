// The app server of the proxy benchmark's redeem case: the production build with the Admin API stand-in in the
// same process, wired exactly as demo mode wires it (scripts/demo.ts): startAdminApiStandIn() from
// app/demo/stand-in-server.ts (msw intercepting the app's fetch to https://{shop}/admin/api/…, shopify-api's fetch
// bound late) and the build served by serveBuild() from server.mjs (Express + Remix's request
// handler). Shopify is unreachable here; this is what answers discountCodeBasicCreate instead.
//
// It is served exactly as `npm start` serves the build (server.mjs); the stand-in is what differs.
//
// Run by scripts/bench-proxy.ts as `node --import tsx scripts/bench/proxy-stand-in-server.ts` with PORT,
// DATABASE_URL, SHOPIFY_* and PROXY_BENCH_STAND_IN, a JSON file naming the benchmark's shop and the customers who
// will redeem, so the stand-in knows them as Shopify would:
//   { "shop": "…myshopify.com", "currencyCode": "USD", "customerIds": ["…"], "throttle": false }
// throttle false: the stand-in's leaky bucket (2,000 points, 100 restored a second, about 10 per discount mutation,
// modelled on Shopify's cost-based limit) is topped up before each call for this shop, so the run measures the
// app rather than the bucket. With the bucket, one shop sustains about 10 redemptions a second whatever the app does.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { MAXIMUM_AVAILABLE } from "../../app/demo/admin-api/cost";
import { normalizeShopDomain } from "../../app/demo/admin-api/state";
import { serveBuild } from "../../server.mjs";
import { startAdminApiStandIn } from "../../app/demo/stand-in-server";

type StandInSeed = { shop: string; currencyCode: string; customerIds: string[]; throttle: boolean };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const port = Number(process.env.PORT);
const file = process.env.PROXY_BENCH_STAND_IN;
if (!port || !file) throw new Error("proxy-stand-in-server needs PORT and PROXY_BENCH_STAND_IN");
const seed = JSON.parse(fs.readFileSync(file, "utf8")) as StandInSeed;

const standIn = startAdminApiStandIn();
standIn.seedShop(seed.shop, { name: "Bench Loyalty", currencyCode: seed.currencyCode });
for (const id of seed.customerIds) standIn.seedCustomer(seed.shop, { id, firstName: "Shopper", lastName: id });

if (!seed.throttle) {
  const execute = standIn.execute.bind(standIn);
  const domain = normalizeShopDomain(seed.shop);
  standIn.execute = (shop, apiVersion, body) => {
    const state = standIn.state.shops.get(normalizeShopDomain(shop));
    if (state && state.domain === domain) state.bucket.available = MAXIMUM_AVAILABLE;
    return execute(shop, apiVersion, body);
  };
}

// The stand-in's own CPU, so the benchmark can report the app's redeem cost apart from Shopify's side: the CPU
// spent inside each execute call until it returns its promise, which covers parsing, validating and executing the
// operation (graphql-js executes synchronous resolvers before returning). msw's interception of the fetch is not
// in it: in production that is the network client's work. Written once a second to <PROXY_BENCH_STAND_IN>.cost.
const cost = { calls: 0, cpuMs: 0 };
{
  const execute = standIn.execute.bind(standIn);
  standIn.execute = (shop, apiVersion, body) => {
    const before = process.cpuUsage();
    const answer = execute(shop, apiVersion, body);
    const spent = process.cpuUsage(before);
    cost.calls += 1;
    cost.cpuMs += (spent.user + spent.system) / 1000;
    return answer;
  };
}

// The stand-in logs every request (standIn.requests); nothing here reads it, and a long run should not grow the
// heap with it.
setInterval(() => {
  standIn.requests.length = 0;
  fs.writeFileSync(`${file}.cost`, JSON.stringify(cost));
}, 1000).unref();

await serveBuild({
  buildEntry: pathToFileURL(path.join(root, "build", "server", "index.js")).href,
  clientDirectory: path.join(root, "build", "client"),
  port,
});
