// Open-loop load, the way Shopify sends webhooks: request i leaves at start + i / rate whether or not earlier ones
// have been answered (a closed loop slows its own arrivals when the server slows, and hides queueing). Requests go
// round-robin to several servers (ports), as a load balancer in front of N app processes would spread them.
import http from "node:http";
import { performance } from "node:perf_hooks";
import type { Delivery } from "./deliveries";
import { send, type Failure } from "./load";

export type OpenLoadResult = {
  sent: number;
  /** Ack latency of every 200 answer, ms, ascending. */
  latenciesMs: number[];
  failures: Failure[];
  /** How late the generator itself was sending, at worst (it shares the machine); large values void the run. */
  maxSendLagMs: number;
  wallMs: number;
};

export async function runOpenLoad(options: { ports: number[]; path: string; deliveries: Delivery[]; ratePerSecond: number }): Promise<OpenLoadResult> {
  const agents = options.ports.map(() => new http.Agent({ keepAlive: true, maxSockets: 256 }));
  const latenciesMs: number[] = [];
  const failures: Failure[] = [];
  let maxSendLagMs = 0;
  const started = performance.now();
  const pending: Array<Promise<void>> = [];
  for (const [index, delivery] of options.deliveries.entries()) {
    const due = started + (index * 1000) / options.ratePerSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    maxSendLagMs = Math.max(maxSendLagMs, performance.now() - due);
    const server = index % options.ports.length;
    const sentAt = performance.now();
    pending.push(
      send(agents[server]!, options.ports[server]!, { method: "POST", path: options.path, headers: delivery.headers, body: delivery.body }).then(
        ({ status, text }) => {
          if (status === 200) latenciesMs.push(performance.now() - sentAt);
          else failures.push({ index, status, detail: text.slice(0, 300) });
        },
        (error: unknown) => void failures.push({ index, status: null, detail: error instanceof Error ? error.message : String(error) }),
      ),
    );
  }
  await Promise.all(pending);
  const wallMs = performance.now() - started;
  agents.forEach((agent) => agent.destroy());
  return { sent: options.deliveries.length, latenciesMs: latenciesMs.sort((a, b) => a - b), failures, maxSendLagMs, wallMs };
}

/** Samples a count (e.g. the inbox backlog) every `everyMs` until stopped; returns [ms since start, value] pairs. */
export function sampleEvery(everyMs: number, read: () => Promise<number>) {
  const samples: Array<[number, number]> = [];
  const started = performance.now();
  let running = true;
  const loop = (async () => {
    while (running) {
      samples.push([Math.round(performance.now() - started), await read()]);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return samples;
    },
  };
}

export type BurstResult = {
  sent: number;
  failures: Failure[];
  /** Per request in send order: ack latency, ms (null: failed). */
  latencyBySendOrderMs: Array<number | null>;
  /**
   * How far requests overtook each other: for each request, how much later it was answered than the first answered of
   * those sent after it (0 when every later one was answered after it). The maximum is what a fair queue keeps small.
   */
  maxOvertakenMs: number;
};

/** `deliveries` all sent at once (one event-loop turn, in order), each on its own connection. */
export async function runBurst(options: { port: number; path: string; deliveries: Delivery[] }): Promise<BurstResult> {
  const agent = new http.Agent({ keepAlive: false, maxSockets: options.deliveries.length });
  const failures: Failure[] = [];
  const finishedAt: Array<number | null> = options.deliveries.map(() => null);
  const started = performance.now();
  await Promise.all(
    options.deliveries.map((delivery, index) =>
      send(agent, options.port, { method: "POST", path: options.path, headers: delivery.headers, body: delivery.body }).then(
        ({ status, text }) => {
          if (status === 200) finishedAt[index] = performance.now() - started;
          else failures.push({ index, status, detail: text.slice(0, 300) });
        },
        (error: unknown) => void failures.push({ index, status: null, detail: error instanceof Error ? error.message : String(error) }),
      ),
    ),
  );
  agent.destroy();
  let maxOvertakenMs = 0;
  let earliestAfter = Infinity; // walking backwards: the first answer among requests sent later
  for (let i = finishedAt.length - 1; i >= 0; i -= 1) {
    const at = finishedAt[i];
    if (at === null || at === undefined) continue;
    maxOvertakenMs = Math.max(maxOvertakenMs, at - earliestAfter);
    earliestAfter = Math.min(earliestAfter, at);
  }
  return { sent: options.deliveries.length, failures, latencyBySendOrderMs: finishedAt, maxOvertakenMs: Math.max(0, maxOvertakenMs) };
}
