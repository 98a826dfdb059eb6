// Reads a .cpuprofile written by cpu-profile-preload.mjs and lists where the server's CPU time went: self time by
// package or source folder, and the busiest functions. Shared by the benchmarks' `--cpu-prof` options.
import fs from "node:fs";

/** Waits for the profile the server writes on its second SIGUSR2, and lists where its CPU time went. */
export async function summariseProfile(file: string, root: string): Promise<string[]> {
  const deadline = Date.now() + 30_000;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) return ["(no profile written)"];
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await new Promise((resolve) => setTimeout(resolve, 500)); // the write may still be under way
  type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number } };
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as { nodes: Node[]; samples: number[] };
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  let counted = 0;
  for (const id of profile.samples) {
    const frame = nodes.get(id)?.callFrame;
    if (!frame || frame.functionName === "(idle)") continue;
    counted += 1;
    const url = frame.url.replace(`file://${root}/`, "");
    const place = url.startsWith("node_modules/")
      ? url.split("/").slice(1, url.split("/")[1]!.startsWith("@") ? 3 : 2).join("/")
      : url.startsWith("node:") ? "node internals"
      : url.startsWith("wasm:") ? "wasm (Prisma's query compiler)"
      : url === "" ? frame.functionName : url.split("/").slice(0, 2).join("/");
    byPlace.set(place, (byPlace.get(place) ?? 0) + 1);
    const key = `${frame.functionName || "(anonymous)"} ${url ? `${url}:${frame.lineNumber + 1}` : ""}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + 1);
  }
  const share = (count: number) => `${((100 * count) / Math.max(1, counted)).toFixed(1)}%`;
  const top = (map: Map<string, number>, k: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, k);
  return [
    `self time by place: ${top(byPlace, 10).map(([place, count]) => `${place} ${share(count)}`).join(", ")}`,
    ...top(byFunction, 12).map(([key, count]) => `${share(count).padStart(6)}  ${key}`),
  ];
}

