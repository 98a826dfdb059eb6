// The demo shopper of the cart block, the checkout and the customer account extensions: 7009 (Noah Marin) with 600
// points, so "Use your points" has rewards to apply and the harness pages (/demo/extensions) have a balance to show.
// The other demo shoppers are read by other tests and stay as they are. Idempotent (one grant per database).
import { sqlDb } from "../db.server";
import { appendEntries, ensureMember } from "../persistence/ledger";
import { DEMO_CUSTOMERS } from "./demo-data";
import { DEMO_SHOP } from "./demo-mode.server";

export const DEMO_CHECKOUT_CUSTOMER_ID = "7009";

export async function seedDemoCheckout() {
  const customer = DEMO_CUSTOMERS.find((c) => String(c.id) === DEMO_CHECKOUT_CUSTOMER_ID)!;
  const member = await ensureMember(sqlDb, DEMO_SHOP, DEMO_CHECKOUT_CUSTOMER_ID, customer);
  await sqlDb.transaction().execute((trx) =>
    appendEntries(trx, DEMO_SHOP, member.id, [
      {
        kind: "adjust",
        availableDelta: 600,
        pendingDelta: 0,
        reason: "Demo: points for trying the cart and checkout",
        sourceType: "staff",
        sourceId: "demo",
        idempotencyKey: `demo-checkout-grant:${DEMO_CHECKOUT_CUSTOMER_ID}`,
      },
    ]),
  );
}
