// /demo/open keeps the admin page's own query and adds the embedded admin's parameters (a session token among them).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loader } from "../../../app/demo/routes/demo-open";

describe("/demo/open", () => {
  const before = process.env.LOYALTY_DEMO;
  beforeEach(() => {
    process.env.LOYALTY_DEMO = "1";
  });
  afterEach(() => {
    process.env.LOYALTY_DEMO = before;
  });

  const open = async (path: string) => {
    const response = await loader({ request: new Request(`http://localhost/demo/open?path=${encodeURIComponent(path)}&locale=pl`), params: {}, context: {} });
    return new URL(response.headers.get("Location")!, "http://localhost");
  };

  it("GIVEN a page with a query THEN the redirect keeps it and adds the embedded parameters", async () => {
    const location = await open("/app/customers?segment=active");
    expect(location.pathname).toBe("/app/customers");
    expect(location.searchParams.get("segment")).toBe("active");
    expect(location.searchParams.get("embedded")).toBe("1");
    expect(location.searchParams.get("locale")).toBe("pl");
    expect(location.searchParams.get("id_token")).toMatch(/^ey/);
  });

  it("GIVEN a page without a query THEN only the embedded parameters", async () => {
    const location = await open("/app/impact");
    expect(location.pathname).toBe("/app/impact");
    expect([...location.searchParams.keys()].sort()).toEqual(["embedded", "host", "id_token", "locale", "shop"]);
  });
});
