// The storefront API's one error shape (app/shopify/storefront-api.server.ts): every refusal of every /proxy route,
// whether from the signature check, a wrong method, an unknown path, a domain error or a bug, is
// `{ error: { code, message } }` with a JSON content type, so the panel can always read `error.code`.
import { afterEach, describe, expect, it, vi } from "vitest";
import * as me from "../../../app/routes/proxy.me";
import * as program from "../../../app/routes/proxy.program";
import * as redeem from "../../../app/routes/proxy.redeem";
import * as session from "../../../app/routes/proxy.session";
import * as birthday from "../../../app/routes/proxy.birthday";
import * as follow from "../../../app/routes/proxy.follow";
import * as other from "../../../app/routes/proxy.$";
import { proxyHandler } from "../../../app/shopify/storefront-api.server";
import { InsufficientPointsError } from "../../../app/persistence/redemption";
import { APP_URL, installShop, signedProxyRequest, uniqueShop } from "../../support/shopify-requests";

type Handler = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<Response>;

async function answer(handler: unknown, request: Request) {
  const response = await (handler as Handler)({ request, params: {}, context: {} });
  expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
  return { status: response.status, body: (await response.json()) as { error: { code: string; message: string } } };
}

function errorShape(code: string) {
  return { error: { code, message: expect.any(String) } };
}

afterEach(() => vi.restoreAllMocks());

describe("storefront API errors", () => {
  it.each([
    ["me", me.loader],
    ["program", program.loader],
    ["session", session.loader],
    ["redeem", redeem.action],
    ["birthday", birthday.action],
    ["follow", follow.action],
  ])("GIVEN an unsigned request to /proxy/%s THEN 401 invalid_signature in the API's shape", async (path, handler) => {
    const { status, body } = await answer(handler, new Request(`${APP_URL}/proxy/${path}?shop=x.myshopify.com`, { method: "POST" }));
    expect(status).toBe(401);
    expect(body).toEqual(errorShape("invalid_signature"));
  });

  it("GIVEN a signed guest request to /proxy/me THEN 401 sign_in_required in the same shape", async () => {
    const shop = uniqueShop("errors-guest");
    await installShop(shop);
    const { status, body } = await answer(me.loader, await signedProxyRequest(shop, "/proxy/me"));
    expect(status).toBe(401);
    expect(body).toEqual(errorShape("sign_in_required"));
  });

  it.each([
    ["me", me.action, "GET"],
    ["program", program.action, "GET"],
    ["session", session.action, "GET"],
    ["redeem", redeem.loader, "POST"],
    ["birthday", birthday.loader, "POST"],
    ["follow", follow.loader, "POST"],
  ])("GIVEN the wrong method on /proxy/%s THEN 405 method_not_allowed with Allow", async (path, handler, allowed) => {
    const response = await (handler as Handler)({ request: new Request(`${APP_URL}/proxy/${path}`), params: {}, context: {} });
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe(allowed);
    expect(await response.json()).toEqual(errorShape("method_not_allowed"));
  });

  it("GIVEN a /proxy path no route has THEN 404 not_found in the API's shape", async () => {
    expect(await answer(other.loader, new Request(`${APP_URL}/proxy/nothing-here`))).toEqual({ status: 404, body: errorShape("not_found") });
  });

  it("GIVEN a domain error THEN its status and code from the one table; GIVEN a bug THEN 500 internal_error, logged as JSON with shop and path, no detail in the body", async () => {
    const shop = uniqueShop("errors-bug");
    await installShop(shop);
    const refused = proxyHandler(async () => {
      throw new InsufficientPointsError(10, 100);
    });
    expect(await answer(refused, await signedProxyRequest(shop, "/proxy/redeem", { customerId: "1" }))).toEqual({
      status: 409,
      body: { error: { code: "insufficient_points", message: "not enough points: 10 available, 100 needed" } },
    });

    const lines: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const broken = proxyHandler(async () => {
      throw new Error("database went away at 10.0.0.5");
    });
    const { status, body } = await answer(broken, await signedProxyRequest(shop, "/proxy/me", { customerId: "1" }));
    expect(status).toBe(500);
    expect(body).toEqual(errorShape("internal_error"));
    expect(JSON.stringify(body)).not.toContain("10.0.0.5");
    const logged = lines.map((line) => JSON.parse(line)).find((line) => line.msg === "storefront request failed");
    expect(logged).toMatchObject({ level: "error", shop, path: "/proxy/me", error: { message: "database went away at 10.0.0.5" } });
  });
});
