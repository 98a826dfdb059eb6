// Closed-loop load: `concurrency` workers each send one request, wait for the whole response, send the next.
// Latency is measured per request from just before the request is written to the last byte of the response.
// Plain node:http with a keep-alive agent: the cheapest client Node has, so the generator steals as little CPU
// as possible from the servers on this machine.
//
// Requests come either from a list built up front (`deliveries`, all POSTed to one path: the webhook bench) or
// from a factory called for each request just before it is sent (`request`), for requests that must be made at
// send time, e.g. app proxy signatures whose timestamp has to be fresh.
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

/** One request as the factory builds it; the body, if any, is sent as is. */
export type LoadRequest = { method: "GET" | "POST"; path: string; headers: Record<string, string>; body?: Buffer };

export type LoadOptions = {
  port: number;
  concurrency: number;
  /** Sees every 200 answer after its latency was taken; returning a string turns it into a failure with that detail. */
  check?: (index: number, text: string) => string | null;
} & ({ path: string; deliveries: Delivery[] } | { count: number; request: (index: number) => LoadRequest });

const REQUEST_TIMEOUT_MS = 60_000;

export function send(agent: http.Agent, port: number, load: LoadRequest) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = http.request(
      { agent, host: "127.0.0.1", port, path: load.path, method: load.method, headers: load.headers, timeout: REQUEST_TIMEOUT_MS },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no response within ${REQUEST_TIMEOUT_MS} ms`)));
    request.on("error", reject);
    request.end(load.body);
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { concurrency } = options;
  const [count, requestAt] =
    "deliveries" in options
      ? [
          options.deliveries.length,
          (index: number): LoadRequest => {
            const delivery = options.deliveries[index]!;
            return { method: "POST", path: options.path, headers: delivery.headers, body: delivery.body };
          },
        ]
      : [options.count, options.request];
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencyBySendOrderMs: Array<number | null> = new Array<number | null>(count).fill(null);
  const failures: Failure[] = [];
  let next = 0;

  async function worker() {
    while (next < count) {
      const index = next++;
      let started = performance.now();
      try {
        const request = requestAt(index);
        started = performance.now(); // building the request (signing) is the client's work, not the server's
        const { status, text } = await send(agent, options.port, request);
        const latency = performance.now() - started;
        // Only a 200 counts: a fast 4xx/5xx must not make the figures look better.
        const problem = status === 200 ? (options.check?.(index, text) ?? null) : text.slice(0, 300);
        if (problem === null) latencyBySendOrderMs[index] = latency;
        else failures.push({ index, status, detail: problem });
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
  return { n: count, concurrency, wallMs, latenciesMs, latencyBySendOrderMs, failures };
}

/** Nearest-rank percentile of an ascending list (p in 0–100). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}
