// Starting the proxy benchmark's own servers (scripts/bench/proxy-baseline-server.ts, proxy-stand-in-server.ts).
// startServer() in servers.ts starts the app under remix-serve or the webhook baseline only; this starts any
// script the same way: its own process, Node with tsx's loader, a free port, ready once it answers HTTP, killed if
// the benchmark dies.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import type { RunningServer } from "./servers";

const running = new Set<ChildProcess>();
process.on("exit", () => running.forEach((child) => child.kill("SIGKILL")));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: "127.0.0.1", port, path: "/", timeout: 1000 }, (response) => {
      response.resume();
      resolve(true);
    });
    request.on("error", () => resolve(false));
    request.on("timeout", () => request.destroy());
  });
}

/** `script` under scripts/bench/, with further modules to preload (`--import`) before it. */
export async function startScriptServer(script: string, root: string, env: NodeJS.ProcessEnv, preload: string[] = []): Promise<RunningServer> {
  const port = await freePort();
  const args = ["--import", "tsx", ...preload.flatMap((module) => ["--import", module]), path.join(root, "scripts", "bench", script)];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-20_000);
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => running.delete(child));

  const deadline = Date.now() + 60_000;
  while (!(await answers(port))) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}:\n${stderr}`);
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`${script} did not answer on port ${port} within 60 s:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    port,
    process: child,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
