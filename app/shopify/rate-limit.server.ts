// A per-key sliding-window limit, kept in this process's memory.
//
// Used for storefront redemption (per shop + customer): it stops a script from hammering Shopify's discount API
// through one account. Behind several app instances each enforces it separately, so the real ceiling is the
// limit times the instance count — acceptable for abuse control; correctness (never below zero, never twice)
// comes from the ledger, not from this.
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Records a hit if allowed; otherwise says how many seconds until the next one would be. */
  take(key: string, now = Date.now()): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const recent = (this.hits.get(key) ?? []).filter((at) => at > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000)) };
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.forgetIdle(now);
    return { allowed: true };
  }

  private forgetIdle(now: number) {
    for (const [key, times] of this.hits) if (times.every((at) => at <= now - this.windowMs)) this.hits.delete(key);
  }
}
