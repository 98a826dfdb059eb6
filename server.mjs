// The app's HTTP server: Express in front of the Remix build. `npm start` runs it on the production build; demo mode,
// the benchmarks and the browser tests serve their builds through `serveBuild` too, so every one of them answers
// requests exactly as production does.
//
// What it adds to Remix's own request handler, and why:
// - Hashed assets under /assets are served for a year (immutable); other files of the client build only for paths
//   that look like a file (an extension), so a webhook or storefront request never costs a filesystem lookup.
// - Resource routes of the hot paths (app/routes/webhooks.*, app/routes/proxy.* and app/routes/api.* — the headless
//   and actions API —: fixed paths, no UI) are called
//   directly: their path is matched once at start-up, and the route module's own `loader`/`action` answers, as
//   Remix would call it. Remix matches every request against the whole route tree, twice for a resource route
//   (measured: 12.7% of /proxy/me's CPU in @remix-run/router); admin pages still go through Remix.
// Plain JavaScript so production needs nothing but Node to start it.
import path from "node:path";
import { pathToFileURL } from "node:url";
import compression from "compression";
import express from "express";
import remixExpress from "@remix-run/express";
// The adapter's own Express ⇄ Fetch conversions, the code its request handler runs for every request; its index
// exports only the handler (the package has no exports map, so the module is importable by path).
import remixExpressServer from "@remix-run/express/dist/server.js";

const { createRequestHandler } = remixExpress;
const { createRemixRequest, sendRemixResponse } = remixExpressServer;

// The headless API's customer endpoints are as hot as /proxy/me (a mobile app's every screen): measured, matching
// them through Remix cost 20% of GET /api/v1/customer/me's CPU. Its routes with a path parameter
// (/api/v1/members/{customerId}/…) still go through Remix.
const HOT_ROUTE_PREFIXES = ["routes/webhooks.", "routes/proxy.", "routes/api."];

/** Full URL path of a build route: its own path joined to its parents'. */
function routePath(routes, id) {
  const route = routes[id];
  if (!route) return "";
  const parent = route.parentId ? routePath(routes, route.parentId) : "";
  return route.path ? `${parent.replace(/\/$/, "")}/${route.path}` : parent;
}

/** path → route module, for the hot resource routes whose path has no parameters. */
export function hotResourceRoutes(build) {
  const routes = new Map();
  for (const [id, route] of Object.entries(build.routes)) {
    if (!HOT_ROUTE_PREFIXES.some((prefix) => id.startsWith(prefix))) continue;
    if (route.module.default) continue; // a route with UI is a page, not a resource route
    const fullPath = routePath(build.routes, id);
    if (/[:*]/.test(fullPath)) continue;
    routes.set(fullPath, route.module);
  }
  return routes;
}

/** Where serveBuild listens unless told otherwise: the demo's credentials are public, so not on the network. */
export const DEFAULT_HOST = "127.0.0.1";

// Express's own error page (e.g. for a URL whose percent-encoding does not decode) prints the stack trace unless
// NODE_ENV=production. This answers with the status only; no error detail ever reaches a response body.
function answerErrorsPlainly(error, _req, res, next) {
  if (res.headersSent) return next(error);
  const status = Number(error?.status ?? 500);
  const code = Number.isInteger(status) && status >= 400 && status < 600 ? status : 500;
  if (code >= 500) console.error(error);
  res.status(code).type("text/plain").send(code < 500 ? "Bad request" : "Internal server error");
}

/** Answers a request with the route module's loader (GET, HEAD) or action (anything else), as Remix does. */
function hotRouteHandler(routes) {
  return async (req, res, next) => {
    const module = routes.get(req.path);
    if (!module) return next();
    const handler = req.method === "GET" || req.method === "HEAD" ? module.loader : module.action;
    if (!handler) return res.status(405).type("text/plain").send("Method not allowed");
    try {
      let response;
      try {
        response = await handler({ request: createRemixRequest(req, res), params: {}, context: {} });
      } catch (thrown) {
        // Routes throw Responses (401 from the proxy signature check, for example) as Remix lets them.
        if (!(thrown instanceof Response)) throw thrown;
        response = thrown;
      }
      await sendRemixResponse(res, response instanceof Response ? response : Response.json(response));
    } catch (error) {
      next(error); // answered by answerErrorsPlainly, as any other error
    }
  };
}

/**
 * Serves the Remix build at `buildEntry` (a file URL or path of build/server/index.js) with its client files from
 * `clientDirectory`, on `host` (default: HOST, else 127.0.0.1). Resolves once listening.
 */
export async function serveBuild({ buildEntry, clientDirectory, port, host }) {
  const entry = buildEntry.startsWith("file:") ? buildEntry : pathToFileURL(path.resolve(buildEntry)).href;
  const build = await import(entry);
  const app = express();
  app.disable("x-powered-by");
  app.use(compression());
  app.use("/assets", express.static(path.join(clientDirectory, "assets"), { immutable: true, maxAge: "1y" }));
  const staticFiles = express.static(clientDirectory, { maxAge: "1h" });
  app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) ? staticFiles(req, res, next) : next()));
  app.use(hotRouteHandler(hotResourceRoutes(build)));
  // Production mode whatever NODE_ENV says: every build served here is a production build (`remix vite:build`), and
  // Remix's development mode puts error messages and stack traces into response bodies.
  app.all("*", createRequestHandler({ build, mode: "production" }));
  app.use(answerErrorsPlainly);
  const address = host ?? (process.env.HOST || DEFAULT_HOST);
  return new Promise((resolve, reject) => {
    const server = app.listen(port, address, () => resolve(server));
    // Idle keep-alive connections stay open longer than those in front of us (load balancers commonly keep theirs
    // 60 s): a server that closes first races the client's next request on that connection, which then fails
    // with a reset (seen at 100 webhooks/s with Node's default of 5 s).
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    server.once("error", reject);
  });
}

// `node server.mjs` (npm start): the production build on PORT (default 3000) and HOST (default: every interface, as
// a deployment behind a load balancer needs; set HOST=127.0.0.1 to keep it local).
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const root = path.dirname(new URL(import.meta.url).pathname);
  const port = Number(process.env.PORT ?? 3000);
  const server = await serveBuild({
    buildEntry: path.join(root, "build", "server", "index.js"),
    clientDirectory: path.join(root, "build", "client"),
    port,
    host: process.env.HOST || "0.0.0.0",
  });
  console.log(`[loyalty] listening on http://${process.env.HOST || "0.0.0.0"}:${port}`);
  for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => server.close());
}
