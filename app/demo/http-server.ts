// Serves a built Remix app with Express: hashed assets cached forever, everything else through Remix.
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import type { Server } from "node:http";

export async function serveBuild(options: { buildEntry: string; clientDirectory: string; port: number }): Promise<Server> {
  const build = (await import(options.buildEntry)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.use("/assets", express.static(`${options.clientDirectory}/assets`, { immutable: true, maxAge: "1y" }));
  app.use(express.static(options.clientDirectory, { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));
  return new Promise((resolve) => {
    const server = app.listen(options.port, () => resolve(server));
  });
}
