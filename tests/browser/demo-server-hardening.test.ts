// The demo server as `npm run demo` starts it (tests/browser/demo-server.ts): it is reachable from this machine only,
// and whatever a request gets wrong, neither the answer nor the server's log carries a stack trace for it.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import { describe, expect, inject, it } from "vitest";

const demoUrl = inject("demoUrl");
const port = Number(new URL(demoUrl).port);

/** A line of a JavaScript stack trace: "    at fn (/path/file.js:12:34)". */
const STACK_LINE = /^\s*at .*:\d+:\d+\)?\s*$/m;

const logLength = () => fs.statSync(inject("demoLogPath")).size;
const logSince = (offset: number) => fs.readFileSync(inject("demoLogPath"), "utf8").slice(offset);

function canConnect(host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("the demo server", () => {
  it("GIVEN no HOST THEN it listens on 127.0.0.1 only: not on the machine's network addresses", async () => {
    const external = Object.values(os.networkInterfaces())
      .flat()
      .filter((address) => address && !address.internal && address.family === "IPv4")
      .map((address) => address!.address);
    expect(external.length, "this machine has no non-loopback IPv4 address to try").toBeGreaterThan(0);
    expect(await canConnect("127.0.0.1")).toBe(true);
    for (const address of external) expect(await canConnect(address), `reachable on ${address}`).toBe(false);
  });

  it.each([
    ["GET", "/webhooks/orders/paid", 405],
    ["POST", "/webhooks/orders/paid", 401],
    ["GET", "/favicon.ico", 204],
    ["GET", "/no-such-page", 404],
    ["GET", "/no-such-page.data", 404],
    ["GET", "/%", 400],
    ["GET", "/assets/%E0%A4%A", 400],
    ["GET", "/proxy/session", 401],
  ])("GIVEN %s %s THEN %i, and no stack trace in the answer or in the server's log", async (method, path, status) => {
    const before = logLength();
    const response = await fetch(`${demoUrl}${path}`, { method, body: method === "POST" ? "{}" : undefined });
    const body = await response.text();
    expect(response.status).toBe(status);
    expect(body).not.toMatch(STACK_LINE);
    expect(body).not.toContain("node_modules");
    // Logging happens as the answer is sent; give the server's output a moment to reach the log.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(logSince(before)).not.toMatch(STACK_LINE);
  });
});
