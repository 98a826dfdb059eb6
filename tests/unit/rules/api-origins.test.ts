// The allowed-origins list of the headless API's CORS (app/rules/api-origins.ts): what a browser sends as Origin is
// what is stored, and nothing that could match more, or be spoofed on the way, is accepted.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MAX_ALLOWED_ORIGINS, normaliseOrigin, parseAllowedOrigins } from "../../../app/rules/api-origins";

describe("normaliseOrigin", () => {
  it("GIVEN an https origin THEN it as a browser sends it (lower case, no trailing slash, no default port)", () => {
    expect(normaliseOrigin("https://app.tea-house.example")).toBe("https://app.tea-house.example");
    expect(normaliseOrigin("  HTTPS://App.Tea-House.example/ ")).toBe("https://app.tea-house.example");
    expect(normaliseOrigin("https://app.example.com:8443")).toBe("https://app.example.com:8443");
    expect(normaliseOrigin("http://localhost:5173")).toBe("http://localhost:5173");
    expect(normaliseOrigin("http://127.0.0.1:3000")).toBe("http://127.0.0.1:3000");
  });

  it("GIVEN anything else THEN null", () => {
    for (const bad of [
      "",
      "app.example.com",
      "http://app.example.com",
      "https://app.example.com/path",
      "https://app.example.com?x=1",
      "https://app.example.com#x",
      "https://user:pw@app.example.com",
      "https://*.example.com",
      "*",
      "null",
      "ftp://app.example.com",
      "javascript:alert(1)",
      "https://intranet",
      "https://app.example.com:443",
      `https://${"a".repeat(200)}.example`,
    ]) {
      expect(normaliseOrigin(bad), bad).toBeNull();
    }
  });

  it("property: a normalised origin normalises to itself and equals new URL(it).origin", () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ["https"], withFragments: true, withQueryParameters: true }), (url) => {
        const origin = normaliseOrigin(url);
        if (origin === null) return;
        expect(normaliseOrigin(origin)).toBe(origin);
        expect(new URL(origin).origin).toBe(origin);
      }),
    );
  });
});

describe("parseAllowedOrigins", () => {
  it("GIVEN lines THEN the origins, blank lines skipped, repeats dropped", () => {
    expect(parseAllowedOrigins("https://a.example\r\n\n https://B.example/ \nhttps://a.example")).toEqual({ origins: ["https://a.example", "https://b.example"] });
    expect(parseAllowedOrigins("")).toEqual({ origins: [] });
  });

  it("GIVEN a bad line or too many THEN the first line at fault", () => {
    expect(parseAllowedOrigins("https://a.example\n\nhttp://b.example")).toEqual({ issue: { code: "invalid_origin", line: 3 } });
    const many = Array.from({ length: MAX_ALLOWED_ORIGINS + 1 }, (_, i) => `https://s${i}.example`).join("\n");
    expect(parseAllowedOrigins(many)).toEqual({ issue: { code: "too_many_origins", line: MAX_ALLOWED_ORIGINS + 1 } });
    // Repeats do not count against the limit.
    expect(parseAllowedOrigins(Array.from({ length: 30 }, () => "https://a.example").join("\n"))).toEqual({ origins: ["https://a.example"] });
  });
});
