// The admin's expiry page: bad input is refused writing nothing, the preview says what would expire in 30 / 90 days
// under the new policy (counting the 30-day grace from the change), and saving stores it.
import { describe, expect, it } from "vitest";
import db from "../../../app/db.server";
import { installAdminApiStandIn } from "../../../app/demo/admin-api/vitest";
import { action, loader, type ExpiryActionResult } from "../../../app/routes/app.expiry";
import { installShop, uniqueShop } from "../../support/shopify-requests";
import { runRoute, staffRequest } from "../../support/admin-requests";
import { deliverOk } from "../../support/webhook-delivery";
import { orderPaidPayload } from "../../support/shopify-payloads";

installAdminApiStandIn();

const post = async (shop: string, form: Record<string, string>) => runRoute<ExpiryActionResult>(action, await staffRequest(shop, "/app/expiry", { form }));

describe("Expiry page", () => {
  it("previews, refuses bad months, and saves the policy", async () => {
    const shop = uniqueShop("expiry-page");
    await installShop(shop);
    await db.programSettings.create({ data: { shop, pendingDays: 0 } });
    await deliverOk(shop, "orders/paid", orderPaidPayload({ orderId: "8500", customerId: "8501", lines: [{ id: "85001", quantity: 1, unitPrice: 7000 }] }));
    const first = await runRoute<{ policy: string }>(loader, await staffRequest(shop, "/app/expiry"));
    expect(first.body.policy).toBe("none");

    const bad = await post(shop, { intent: "save", policy: "per_lot", months: "0" });
    expect(bad.status).toBe(400);
    expect(await db.expirySettings.count({ where: { shop } })).toBe(0);

    // One month per lot, set now: the 70 points would be due in a month, after the 30-day grace, so within 90 days.
    const preview = await post(shop, { intent: "preview", policy: "per_lot", months: "1" });
    expect(preview.body).toMatchObject({ ok: true, intent: "preview", days30: 0, members30: 0, days90: 70, members90: 1 });
    expect(await db.expirySettings.count({ where: { shop } })).toBe(0);

    expect((await post(shop, { intent: "save", policy: "per_lot", months: "1" })).body).toMatchObject({ ok: true, intent: "save" });
    expect(await db.expirySettings.findUniqueOrThrow({ where: { shop } })).toMatchObject({ policy: "per_lot", months: 1 });
  });
});
