// vitest globalSetup for the browser tests: builds and starts the real demo app (`npm run demo`'s script) on a
// free port with a fresh SQLite database, and hands its URL to the tests.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

const root = path.resolve(import.meta.dirname, "..", "..");

declare module "vitest" {
  export interface ProvidedContext {
    demoUrl: string;
    /** Everything the demo server has printed so far (stdout and stderr), kept up to date while it runs. */
    demoLogPath: string;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitForServer(url: string, child: ChildProcess, log: () => string, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`demo server exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`demo server did not answer ${url} within ${timeoutMs} ms:\n${log()}`);
}

export default async function setup(project: TestProject) {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "loyalty-browser-"));
  let output = "";
  const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["scripts/demo.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATABASE_URL: `file:${path.join(dir, "demo.sqlite")}`, NODE_ENV: "development" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logPath = path.join(dir, "demo-server.log");
  const record = (chunk: Buffer) => {
    output += chunk;
    fs.appendFileSync(logPath, chunk);
  };
  child.stdout!.on("data", record);
  child.stderr!.on("data", record);
  const url = `http://localhost:${port}`;
  await waitForServer(`${url}/demo`, child, () => output.slice(-4000));
  project.provide("demoUrl", url);
  project.provide("demoLogPath", logPath);
  return () => {
    child.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
