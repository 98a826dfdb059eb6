// The storefront's redeem limit (5 a minute per shopper): one limit however many app processes serve the shop.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { activeDatabase } from "../../../app/db.server";
import { createRateLimiter, REDEEM_LIMIT, takeSlot } from "../../../app/shopify/rate-limit.server";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..", "..", "..");
const uniqueKey = () => `limit-test.myshopify.com\n${Date.now()}-${Math.random()}`;

describe("redeem rate limit", () => {
  it("GIVEN 5 redemptions in a minute THEN the sixth is refused with the wait, and another shopper is not affected", async () => {
    const limiter = createRateLimiter(REDEEM_LIMIT);
    const key = uniqueKey();
    for (let i = 0; i < 5; i += 1) expect(await takeSlot(limiter, key)).toEqual({ allowed: true });
    const refused = await takeSlot(limiter, key);
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(await takeSlot(limiter, uniqueKey())).toEqual({ allowed: true });
  });

  it.runIf(activeDatabase === "postgresql")(
    "GIVEN two app processes on one PostgreSQL WHEN both take slots for the same shopper at once THEN 5 are allowed in all",
    async () => {
      const key = uniqueKey();
      const worker = () =>
        run(process.execPath, ["--import", "tsx", path.join(root, "tests", "support", "rate-limit-worker.ts")], {
          cwd: root,
          env: { ...process.env, KEY: key, ATTEMPTS: "5" },
        }).then(({ stdout }) => (JSON.parse(stdout.trim().split("\n").at(-1)!) as { allowed: number }).allowed);
      const [first, second] = await Promise.all([worker(), worker()]);
      // Each process alone would allow all 5 of its attempts; together they share one count.
      expect(first + second).toBe(5);
    },
    60_000,
  );
});
