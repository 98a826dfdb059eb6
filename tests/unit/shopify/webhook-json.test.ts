import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseWebhookJson } from "../../../app/shopify/webhook-json";

describe("parseWebhookJson", () => {
  it("GIVEN integers beyond 2^53 THEN their exact digits, as strings; everything else as JSON.parse reads it", () => {
    const body = '{"id":820982911946154508,"n":9007199254740991,"neg":-9007199254740993,"f":1.5,"e":1e21,"s":"12345678901234567","a":[788032119674292922]}';
    expect(parseWebhookJson(body)).toEqual({
      id: "820982911946154508",
      n: 9007199254740991,
      neg: "-9007199254740993",
      f: 1.5,
      e: 1e21,
      s: "12345678901234567",
      a: ["788032119674292922"],
    });
  });

  it("GIVEN 16-digit runs that are strings or integers below 2^53 THEN read exactly (JSON.parse suffices for them)", () => {
    const body = '{"card":"1234512345123456","id":1234512345123456,"max":9007199254740991,"nested":[{"x":"9999999999999999"}]}';
    expect(parseWebhookJson(body)).toEqual({ card: "1234512345123456", id: 1234512345123456, max: 9007199254740991, nested: [{ x: "9999999999999999" }] });
    // 2^53 itself is the first integer JSON.parse cannot tell from its neighbour: it takes the exact path.
    expect(parseWebhookJson('{"card":"1234512345123456","id":9007199254740993}')).toEqual({ card: "1234512345123456", id: "9007199254740993" });
  });

  it("GIVEN any JSON value THEN the same as JSON.parse wherever no integer is beyond 2^53", () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const parsed = JSON.parse(text) as unknown;
        const exact = JSON.stringify(parsed, (_key, value: unknown) => (typeof value === "number" && Number.isInteger(value) && !Number.isSafeInteger(value) ? undefined : value));
        fc.pre(exact === JSON.stringify(parsed));
        expect(parseWebhookJson(text)).toEqual(parsed);
      }),
    );
  });

  it("GIVEN a repeated key THEN its last value, as JSON.parse; GIVEN deep nesting with a long number THEN read as JSON.parse reads it, not a crash", () => {
    expect(parseWebhookJson('{"a":1,"a":2,"big":12345678901234567890}')).toEqual({ a: 2, big: "12345678901234567890" });
    const deep = `${"[".repeat(100_000)}12345678901234567890${"]".repeat(100_000)}`;
    let node = parseWebhookJson(deep);
    let depth = 0;
    while (Array.isArray(node)) [node, depth] = [node[0] as unknown, depth + 1];
    expect(depth).toBe(100_000);
    expect(node).toBe(Number("12345678901234567890")); // JSON.parse rounds it; an id reader refuses that
    expect(() => parseWebhookJson('{"id": 12345678901234567890,')).toThrow(SyntaxError);
  });
});
