// Demo for the order history import and the Shopify mirror (Tiers page, /app/tiers): customer 7012 exists in the
// stand-in's "Shopify" with two orders from before the app was installed, and is not a member yet. "Import order
// history" finds them through a bulk operation and 7012 joins in the tier their history qualifies for. The mirror is
// left off: switching it on and "Write waiting customers now" writes every member's points and tier into the
// stand-in (its request log shows the metafieldsSet batches). Other demo shoppers are not touched.
import type { AdminApiStandIn } from "./admin-api";
import { DEMO_SHOP } from "./demo-mode.server";

export const DEMO_HISTORY_CUSTOMER = { id: 7012, firstName: "Mirela", lastName: "Popescu", email: "mirela.popescu@example.com" };

export function seedDemoTierHistory(standIn: AdminApiStandIn) {
  const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
  standIn.seedCustomer(DEMO_SHOP, DEMO_HISTORY_CUSTOMER);
  standIn.seedOrder(DEMO_SHOP, { id: 9701201, name: "#801", customerId: DEMO_HISTORY_CUSTOMER.id, subtotalPrice: "180.00", createdAt: ago(400), processedAt: ago(400) });
  standIn.seedOrder(DEMO_SHOP, { id: 9701202, name: "#802", customerId: DEMO_HISTORY_CUSTOMER.id, subtotalPrice: "95.50", createdAt: ago(120), processedAt: ago(120) });
}
