// The server under test in `npm run bench:admin`: the production build (NODE_ENV=production, `remix vite:build`),
// served by server.mjs as `npm start` serves a build, with the app's Admin API calls answered in-process by
// the Admin API stand-in (app/demo/admin-api) seeded with the bench shop, since Shopify is out of reach here. The
// stand-in answers at once, so page times here exclude Shopify's own latency (the Home page's one ShopInfo call).
// Not demo mode: no demo routes exist in this build and nothing mints tokens; the benchmark signs its own.
//   env: PORT, DATABASE_URL, SHOPIFY_API_KEY, SHOPIFY_API_SECRET, SHOPIFY_APP_URL, BENCH_SHOP
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setupServer } from "msw/node";
import { adminApiHandlers, createAdminApiStandIn } from "../../app/demo/admin-api";
import { bindShopifyFetchLate } from "../../app/demo/admin-api/shopify-fetch";
import { serveBuild } from "../../server.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const shop = process.env.BENCH_SHOP!;

const standIn = createAdminApiStandIn();
standIn.seedShop(shop, { name: "Bench Loyalty Store", currencyCode: "USD" });
setupServer(...adminApiHandlers(standIn)).listen({ onUnhandledRequest: "bypass" });
bindShopifyFetchLate();

await serveBuild({
  buildEntry: pathToFileURL(path.join(root, "build", "server", "index.js")).href,
  clientDirectory: path.join(root, "build", "client"),
  port: Number(process.env.PORT),
});
console.log(`admin bench server on ${process.env.PORT}`);
