// Webhook routes take POSTs only. Anything else — a browser, a scanner, an uptime check — gets a plain 405 from the
// route itself (Remix would otherwise answer its own 405 and log a stack trace for it) and nothing is written.
import { describe, expect, it } from "vitest";
import db from "../../../app/db.server";
import * as appUninstalled from "../../../app/routes/webhooks.app.uninstalled";
import * as customersCreate from "../../../app/routes/webhooks.customers.create";
import * as customersDataRequest from "../../../app/routes/webhooks.customers.data_request";
import * as customersRedact from "../../../app/routes/webhooks.customers.redact";
import * as customersUpdate from "../../../app/routes/webhooks.customers.update";
import * as ordersCancelled from "../../../app/routes/webhooks.orders.cancelled";
import * as ordersPaid from "../../../app/routes/webhooks.orders.paid";
import * as refundsCreate from "../../../app/routes/webhooks.refunds.create";
import * as shopRedact from "../../../app/routes/webhooks.shop.redact";
import { APP_URL, installedShop } from "../../support/shopify-requests";

type RouteModule = { loader?: (args: { request: Request }) => Response | Promise<Response> };

const routes: Record<string, RouteModule> = {
  "app/uninstalled": appUninstalled,
  "customers/create": customersCreate,
  "customers/data_request": customersDataRequest,
  "customers/redact": customersRedact,
  "customers/update": customersUpdate,
  "orders/cancelled": ordersCancelled,
  "orders/paid": ordersPaid,
  "refunds/create": refundsCreate,
  "shop/redact": shopRedact,
};

describe("webhook routes answer other methods with 405", () => {
  it.each(Object.keys(routes))("GIVEN a GET of /webhooks/%s THEN 405 with Allow: POST, and nothing written", async (topic) => {
    const shop = await installedShop();
    const loader = routes[topic]!.loader;
    expect(loader, `webhooks.${topic} has no loader`).toBeTypeOf("function");
    const response = await loader!({
      request: new Request(`${APP_URL}/webhooks/${topic}`, { headers: { "X-Shopify-Shop-Domain": shop } }),
    });
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("POST");
    expect(await response.text()).toBe("Method not allowed");
    expect(await db.webhookDelivery.count({ where: { shop } })).toBe(0);
  });
});

describe("/favicon.ico", () => {
  it("GIVEN a browser asking for the favicon THEN 204, cacheable", async () => {
    const { loader } = await import("../../../app/routes/favicon[.]ico");
    const response = loader();
    expect(response.status).toBe(204);
    expect(response.headers.get("Cache-Control")).toContain("max-age");
  });
});
