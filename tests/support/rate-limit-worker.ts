// A second (and third) app process for tests/integration/shopify/rate-limit.test.ts: takes `ATTEMPTS` slots of the
// redeem limiter for `KEY`, the way /proxy/redeem does, against the database DATABASE_URL names, and prints how
// many were allowed.
import { createRateLimiter, REDEEM_LIMIT, takeSlot } from "../../app/shopify/rate-limit.server";

const limiter = createRateLimiter(REDEEM_LIMIT);
let allowed = 0;
for (let i = 0; i < Number(process.env.ATTEMPTS); i += 1) {
  if ((await takeSlot(limiter, process.env.KEY!)).allowed) allowed += 1;
}
console.log(JSON.stringify({ allowed }));
process.exit(0);
