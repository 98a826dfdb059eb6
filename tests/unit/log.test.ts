import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../app/log.server";

afterEach(() => vi.unstubAllEnvs());

function capture() {
  const lines: string[] = [];
  return { lines, parsed: () => lines.map((line) => JSON.parse(line)), logger: createLogger({}, (line) => lines.push(line)) };
}

describe("log (app/log.server.ts)", () => {
  it("writes one JSON object a line with time, level, message and the caller's context", () => {
    const { lines, parsed, logger } = capture();
    logger.child({ job: "release-pending" }).warn("slow batch", { shop: "a.myshopify.com", rows: 3 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain("\n");
    expect(parsed()[0]).toEqual({ time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), level: "warn", msg: "slow batch", job: "release-pending", shop: "a.myshopify.com", rows: 3 });
  });

  it("GIVEN an error (with a cause) THEN its name, message and stack, not an empty {}", () => {
    const { parsed, logger } = capture();
    const error = new Error("apply failed", { cause: new TypeError("bad row") });
    logger.error("webhook delivery failed", { shop: "a.myshopify.com", webhookId: "w1", error });
    expect(parsed()[0]).toMatchObject({
      webhookId: "w1",
      error: { name: "Error", message: "apply failed", stack: error.stack, cause: { name: "TypeError", message: "bad row" } },
    });
    logger.error("odd throw", { error: "just a string" });
    expect(parsed()[1].error).toEqual({ message: "just a string" });
  });

  it("GIVEN LOG_LEVEL=warn THEN info is dropped; GIVEN a context that cannot be serialised THEN the message is still written", () => {
    vi.stubEnv("LOG_LEVEL", "warn");
    const { parsed, logger } = capture();
    logger.info("started");
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    logger.error("failed", { cyclic });
    expect(parsed()).toEqual([{ time: expect.any(String), level: "error", msg: "failed" }]);
  });
});
