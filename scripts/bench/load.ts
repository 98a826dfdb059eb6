// Closed-loop load: `concurrency` workers each send one delivery, wait for the whole response, send the next.
// Latency is measured per request from just before the request is written to the last byte of the response.
// Plain node:http with a keep-alive agent: the cheapest client Node has, so the generator steals as little CPU
// as possible from the servers on this machine.
import http from "node:http";
import { performance } from "node:perf_hooks";
import type { Delivery } from "./deliveries";

export type Failure = { index: number; status: number | null; detail: string };

export type LoadResult = {
  n: number;
  concurrency: number;
  wallMs: number;
  /** Latency of every request that answered 200, milliseconds, sorted ascending. */
  latenciesMs: number[];
  /** The same latencies by the order requests were sent in (null: failed), to see when the slow ones happened. */
  latencyBySendOrderMs: Array<number | null>;
  failures: Failure[];
};

const REQUEST_TIMEOUT_MS = 60_000;

function send(agent: http.Agent, port: number, path: string, delivery: Delivery) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = http.request(
      { agent, host: "127.0.0.1", port, path, method: "POST", headers: delivery.headers, timeout: REQUEST_TIMEOUT_MS },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no response within ${REQUEST_TIMEOUT_MS} ms`)));
    request.on("error", reject);
    request.end(delivery.body);
  });
}

export async function runLoad(options: {
  port: number;
  path: string;
  deliveries: Delivery[];
  concurrency: number;
}): Promise<LoadResult> {
  const { deliveries, concurrency } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencyBySendOrderMs: Array<number | null> = new Array<number | null>(deliveries.length).fill(null);
  const failures: Failure[] = [];
  let next = 0;

  async function worker() {
    while (next < deliveries.length) {
      const index = next++;
      const started = performance.now();
      try {
        const { status, text } = await send(agent, options.port, options.path, deliveries[index]!);
        // Only a 200 counts: a fast 4xx/5xx must not make the figures look better.
        if (status === 200) latencyBySendOrderMs[index] = performance.now() - started;
        else failures.push({ index, status, detail: text.slice(0, 200) });
      } catch (error) {
        failures.push({ index, status: null, detail: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - started;
  agent.destroy();
  const latenciesMs = latencyBySendOrderMs.filter((ms): ms is number => ms !== null).sort((a, b) => a - b);
  return { n: deliveries.length, concurrency, wallMs, latenciesMs, latencyBySendOrderMs, failures };
}

/** Nearest-rank percentile of an ascending list (p in 0–100). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}
