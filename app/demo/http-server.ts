// Serves a built Remix app with Express: hashed assets cached forever, everything else through Remix.
//
// Used by the demo (`npm run demo`), the browser tests and the benchmarks. It listens on 127.0.0.1 unless told
// otherwise (HOST, or `host`): the demo's credentials are public, so it must not be reachable from the network by
// default. No error detail reaches a response body (see below); errors are logged instead.
import express, { type ErrorRequestHandler } from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import type { Server } from "node:http";

export const DEFAULT_HOST = "127.0.0.1";

// Express's own error page (e.g. for a URL whose percent-encoding does not decode) prints the stack trace unless
// NODE_ENV=production, which the demo does not set. This answers with the status and its name only.
const answerErrorsPlainly: ErrorRequestHandler = (error, _request, response, next) => {
  if (response.headersSent) return next(error);
  const status = Number((error as { status?: unknown })?.status ?? 500);
  const code = Number.isInteger(status) && status >= 400 && status < 600 ? status : 500;
  if (code >= 500) console.error(error);
  response.status(code).type("text/plain").send(code < 500 ? "Bad request" : "Internal server error");
};

export async function serveBuild(options: { buildEntry: string; clientDirectory: string; port: number; host?: string }): Promise<Server> {
  const build = (await import(options.buildEntry)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.use("/assets", express.static(`${options.clientDirectory}/assets`, { immutable: true, maxAge: "1y" }));
  app.use(express.static(options.clientDirectory, { maxAge: "1h" }));
  // Production mode whatever NODE_ENV says: this serves a production build (`remix vite:build`), and Remix's
  // development mode puts error messages and stack traces into response bodies.
  app.all("*", createRequestHandler({ build, mode: "production" }));
  app.use(answerErrorsPlainly);
  const host = options.host ?? (process.env.HOST || DEFAULT_HOST);
  return new Promise((resolve, reject) => {
    const server = app.listen(options.port, host, () => resolve(server));
    server.once("error", reject);
  });
}
