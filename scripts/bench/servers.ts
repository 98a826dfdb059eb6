// The servers under test, each in its own process so neither shares an event loop with the load generator.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";

export type Handler = "app" | "baseline";

// If the benchmark itself dies, its servers must not outlive it holding ports and database connections.
const running = new Set<ChildProcess>();
process.on("exit", () => running.forEach((child) => child.kill("SIGKILL")));

export type RunningServer = { port: number; process: ChildProcess; stderr: () => string; stop: () => Promise<void> };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether anything answers HTTP on `port` at `path` (any status: the server is up). */
function answers(port: number, path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: "127.0.0.1", port, path, timeout: 1000 }, (response) => {
      response.resume();
      resolve(true);
    });
    request.on("error", () => resolve(false));
    request.on("timeout", () => request.destroy());
  });
}

/**
 * Starts `node <args>` on a free port and waits until it answers HTTP at `readyPath`. `env` gets the port (some
 * servers need to know their own URL). The tail of stderr — and of stdout with `keepStdout` — is kept for errors.
 */
export async function startProcessServer(options: {
  label: string;
  args: string[];
  root: string;
  env: (port: number) => NodeJS.ProcessEnv;
  readyPath: string;
  keepStdout?: boolean;
}): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, options.args, {
    cwd: options.root,
    env: options.env(port),
    stdio: ["ignore", options.keepStdout ? "pipe" : "ignore", "pipe"],
  });
  let stderr = "";
  // Keep the tail only: a failing run could log a lot.
  const keep = (chunk: Buffer) => (stderr = (stderr + chunk.toString("utf8")).slice(-20_000));
  child.stderr!.on("data", keep);
  child.stdout?.on("data", keep);
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => running.delete(child));

  const deadline = Date.now() + 60_000;
  while (!(await answers(port, options.readyPath))) {
    if (child.exitCode !== null) throw new Error(`${options.label} exited with ${child.exitCode}:\n${stderr}`);
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`${options.label} did not answer on port ${port} within 60 s:\n${stderr}`);
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

/**
 * Starts one webhook handler with the given database and waits until it answers HTTP.
 * app:      the production build served by server.mjs exactly as `npm start` does (Express, compression).
 * baseline: scripts/bench/baseline-server.ts under Node with tsx's loader (one process, so its CPU is measurable).
 */
export function startServer(handler: Handler, root: string, env: NodeJS.ProcessEnv): Promise<RunningServer> {
  return startProcessServer({
    label: `${handler} server`,
    args:
      handler === "app"
        ? [path.join(root, "server.mjs")]
        : ["--import", "tsx", path.join(root, "scripts", "bench", "baseline-server.ts")],
    root,
    env: (port) => ({ ...env, PORT: String(port), HOST: "127.0.0.1" }),
    readyPath: "/webhooks/orders/paid",
  });
}

/** A server script under scripts/bench/ (Node with tsx's loader), with further modules to preload (`--import`). */
export function startScriptServer(script: string, root: string, env: NodeJS.ProcessEnv, preload: string[] = []): Promise<RunningServer> {
  return startProcessServer({
    label: script,
    args: ["--import", "tsx", ...preload.flatMap((module) => ["--import", module]), path.join(root, "scripts", "bench", script)],
    root,
    env: (port) => ({ ...env, PORT: String(port) }),
    readyPath: "/",
  });
}

const TICKS_PER_SECOND = 100; // Linux USER_HZ; /proc reports CPU time in these ticks.

/** CPU time (user + system) a process has used so far, ms; null where /proc is not available. */
export function processCpuMs(pid: number | undefined): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the ")" that ends the command name; utime and stime are fields 14 and 15 of the line.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Busy and total CPU ticks of the whole machine, to tell a CPU-bound run from one waiting on I/O or locks. */
export function machineCpuTicks(): { busy: number; total: number } | null {
  try {
    const cpu = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = cpu.reduce((a, b) => a + b, 0);
    const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0); // idle + iowait
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}
