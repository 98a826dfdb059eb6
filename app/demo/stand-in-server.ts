// Routes the app's Admin API calls (fetch to https://{shop}/admin/api/…/graphql.json) to the in-process
// stand-in, seeded with the demo shop. Everything else goes out untouched.
import { setupServer } from "msw/node";
import { adminApiHandlers, createAdminApiStandIn, type AdminApiStandIn } from "./admin-api";
import { bindShopifyFetchLate } from "./admin-api/shopify-fetch";
import { DEMO_ADVOCATE, DEMO_ANALYTICS_CUSTOMERS, DEMO_CUSTOMERS, DEMO_ORDERS, DEMO_PRODUCTS, DEMO_REFERRED_FRIENDS, DEMO_SHOP_INFO, DEMO_SUPPORT_CUSTOMER } from "./demo-data";
import { DEMO_SHOP } from "./demo-mode.server";

export function seedDemoStandIn(standIn: AdminApiStandIn) {
  standIn.seedShop(DEMO_SHOP, DEMO_SHOP_INFO);
  // Every customer the demo database has a member for, so Admin API calls about them (the Shopify mirror) find them.
  for (const customer of [...DEMO_CUSTOMERS, DEMO_SUPPORT_CUSTOMER, DEMO_ADVOCATE, ...DEMO_REFERRED_FRIENDS, ...DEMO_ANALYTICS_CUSTOMERS]) {
    standIn.seedCustomer(DEMO_SHOP, {
      id: customer.id,
      firstName: customer.firstName,
      lastName: customer.lastName,
      email: customer.email,
    });
  }
  for (const order of DEMO_ORDERS) {
    standIn.seedOrder(DEMO_SHOP, { id: order.id, name: order.name, customerId: order.customerId });
  }
  // The picker's catalog, so the Program page can show the titles of excluded products (in no collection: campaign
  // scopes by the demo collections stay as they were).
  for (const product of DEMO_PRODUCTS) standIn.seedProduct(DEMO_SHOP, { id: product.id, title: product.title });
}

export function startAdminApiStandIn(): AdminApiStandIn {
  const standIn = createAdminApiStandIn();
  seedDemoStandIn(standIn);
  const server = setupServer(...adminApiHandlers(standIn));
  server.listen({ onUnhandledRequest: "bypass" });
  bindShopifyFetchLate();
  return standIn;
}
