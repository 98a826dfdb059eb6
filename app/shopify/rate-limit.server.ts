// How often a shopper may redeem: a per-key limit over a fixed window (rate-limiter-flexible).
//
// Used for storefront redemption (per shop + customer): it stops a script from hammering Shopify's discount API
// through one account. On PostgreSQL the counts live in the database (table redeem_rate_limit, created by the
// migrations), so every app instance enforces the same limit; on SQLite the app is one process and keeps them in
// memory. Correctness (never below zero, never twice) comes from the ledger, not from this.
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { postgresPool } from "../db.server";

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export type RateLimit = { points: number; durationSeconds: number; keyPrefix: string };

/** Five redemptions a minute per shopper is far more than a person clicks and far less than a script wants. */
export const REDEEM_LIMIT: RateLimit = { points: 5, durationSeconds: 60, keyPrefix: "redeem" };

export function createRateLimiter(limit: RateLimit): RateLimiterAbstract {
  const options = { points: limit.points, duration: limit.durationSeconds, keyPrefix: limit.keyPrefix };
  if (!postgresPool) return new RateLimiterMemory(options);
  return new RateLimiterPostgres({
    ...options,
    storeClient: postgresPool,
    storeType: "pool",
    tableName: "redeem_rate_limit",
    // The migrations create the table; the store must not issue DDL at run time.
    tableCreated: true,
    // Rows of windows that ended are deleted by the store's own hourly sweep.
    clearExpiredByTimeout: true,
  });
}

/** Counts a hit for `key` if the limit allows it; otherwise says how many seconds until one would be allowed. */
export async function takeSlot(limiter: RateLimiterAbstract, key: string): Promise<LimitDecision> {
  try {
    await limiter.consume(key);
    return { allowed: true };
  } catch (rejection) {
    // consume() rejects with the limiter's state when the limit is reached, and with an Error when its store fails.
    if (rejection instanceof RateLimiterRes) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
    throw rejection;
  }
}
