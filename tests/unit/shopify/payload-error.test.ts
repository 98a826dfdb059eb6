import { describe, expect, it } from "vitest";
import { describeValue, MAX_PAYLOAD_MESSAGE_CHARS, PayloadError } from "../../../app/shopify/payload-error";

describe("describeValue", () => {
  it("GIVEN a short value THEN exactly its JSON", () => {
    for (const value of [null, true, 12.5, "tea", [1, "a", null], { id: 1, tags: ["x"] }, [], {}]) {
      expect(describeValue(value)).toBe(JSON.stringify(value));
    }
    expect(describeValue(undefined)).toBe("missing");
  });

  it("GIVEN a value longer than the limit THEN its first 100 characters and an ellipsis", () => {
    const long = { note: "n".repeat(1_000_000), lines: Array.from({ length: 100_000 }, (_, i) => i) };
    const text = describeValue(long);
    expect(text).toHaveLength(101);
    expect(text).toBe(`${JSON.stringify(long).slice(0, 100)}…`);
  });

  it("GIVEN 100,000 levels of arrays or objects THEN a short text, no stack overflow", () => {
    const arrays = JSON.parse("[".repeat(100_000) + "]".repeat(100_000)) as unknown;
    const objects = JSON.parse('{"a":'.repeat(100_000) + "1" + "}".repeat(100_000)) as unknown;
    expect(describeValue(arrays)).toBe(`${"[".repeat(100)}…`);
    expect(describeValue(objects)).toBe(`${'{"a":'.repeat(20)}…`);
  });
});

describe("PayloadError", () => {
  it("GIVEN a message longer than the cap THEN it is cut to the cap", () => {
    expect(new PayloadError(`currency: "${"Q".repeat(10_000)}" is not a currency code`).message).toHaveLength(MAX_PAYLOAD_MESSAGE_CHARS);
    expect(new PayloadError("line_items: missing").message).toBe("line_items: missing");
  });
});
